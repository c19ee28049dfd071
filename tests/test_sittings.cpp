#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "panel/office_config.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::CalendarDate;
using panelpack::panel::deadlines_for;
using panelpack::panel::find_sitting;
using panelpack::panel::format_utc;
using panelpack::panel::next_sitting;
using panelpack::panel::OfficeConfig;
using panelpack::panel::PanelError;
using panelpack::panel::parse_office_config;
using panelpack::panel::Sitting;
using panelpack::panel::sittings_between;
using panelpack::panel::WorkingCalendar;
using panelpack::testing::office_json;

CalendarDate d(const char* iso) {
  return CalendarDate::parse(iso);
}

const OfficeConfig& office() {
  static const OfficeConfig parsed = parse_office_config(office_json());
  return parsed;
}

std::vector<std::string> dates_of(const std::vector<Sitting>& sittings) {
  std::vector<std::string> dates;
  for (const auto& sitting : sittings) dates.push_back(sitting.date.iso());
  return dates;
}

// The AEP panel's four deadlines for a sitting, local ISO times "pack|papers|reminder|minutes".
std::string aep_deadlines(const char* sitting_date) {
  const auto& aep = office().panel("aep");
  const auto deadlines = deadlines_for(aep, find_sitting(aep, d(sitting_date)), WorkingCalendar{});
  return deadlines.pack.local.iso8601() + "|" + deadlines.papers_due.local.iso8601() + "|" +
         deadlines.reminder.local.iso8601() + "|" + deadlines.minutes.local.iso8601();
}

TEST(Sittings, FortnightlyTuesdaysForAYearWithACancellationAndAnExtraSitting) {
  const auto sittings =
      sittings_between(office().panel("permanence"), d("2026-01-01"), d("2026-12-31"));
  ASSERT_EQ(sittings.size(), 27U);  // 26 of the cadence and one extra
  EXPECT_EQ(sittings.front().date.iso(), "2026-01-13");
  EXPECT_EQ(sittings[1].date.iso(), "2026-01-27");
  const auto& extra = sittings[25];
  EXPECT_EQ(extra.date.iso(), "2026-12-22");
  EXPECT_TRUE(extra.extra);
  EXPECT_EQ(extra.note, "Before Christmas");
  const auto& cancelled = sittings.back();
  EXPECT_EQ(cancelled.date.iso(), "2026-12-29");
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.note, "Council closure");
  EXPECT_EQ(std::count_if(sittings.begin(), sittings.end(),
                          [](const Sitting& s) { return !s.cancelled; }),
            26);
  for (const auto& sitting : sittings) EXPECT_EQ(sitting.date.weekday(), std::chrono::Tuesday);
}

TEST(Sittings, WeeklyMondaysIncludeBankHolidayMondays) {
  const auto sittings = sittings_between(office().panel("aep"), d("2026-01-01"), d("2026-12-31"));
  EXPECT_EQ(sittings.size(), 52U);
  const auto dates = dates_of(sittings);
  EXPECT_NE(std::find(dates.begin(), dates.end(), "2026-04-06"), dates.end());  // Easter Monday
  EXPECT_NE(std::find(dates.begin(), dates.end(), "2026-12-28"), dates.end());  // Boxing Day sub
}

TEST(Sittings, MonthlyNthAndLastWeekday) {
  json config = office_json();
  config["panels"][1]["cadence"] = {
      {"kind", "monthly"}, {"weekday", "monday"}, {"week", 2}, {"from", "2026-10-01"}};
  config["panels"][0]["cadence"] = {{"kind", "monthly"},
                                    {"weekday", "friday"},
                                    {"week", -1},
                                    {"from", "2026-10-01"},
                                    {"until", "2027-01-31"}};
  config["panels"][0].erase("cancelled");
  config["panels"][0].erase("extraSittings");
  const auto parsed = parse_office_config(config);
  EXPECT_EQ(dates_of(sittings_between(parsed.panel("aep"), d("2026-10-01"), d("2027-02-28"))),
            (std::vector<std::string>{"2026-10-12", "2026-11-09", "2026-12-14", "2027-01-11",
                                      "2027-02-08"}));
  EXPECT_EQ(
      dates_of(sittings_between(parsed.panel("permanence"), d("2026-10-01"), d("2027-12-31"))),
      (std::vector<std::string>{"2026-10-30", "2026-11-27", "2026-12-25", "2027-01-29"}));
}

TEST(Sittings, FindSittingNamesTheNeighboursOrTheCancellation) {
  const auto& permanence = office().panel("permanence");
  EXPECT_EQ(find_sitting(permanence, d("2026-12-22")).start_time.text(), "09:30");
  try {
    find_sitting(permanence, d("2026-12-16"));
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "no_sitting");
    const std::string message = error.what();
    EXPECT_NE(message.find("2026-12-15"), std::string::npos) << message;
    EXPECT_NE(message.find("2026-12-22"), std::string::npos) << message;
  }
  try {
    find_sitting(permanence, d("2026-12-29"));
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "sitting_cancelled");
    EXPECT_NE(std::string{error.what()}.find("Council closure"), std::string::npos);
  }
  EXPECT_EQ(next_sitting(permanence, d("2026-12-23"))->date.iso(), "2027-01-12");
}

TEST(SittingDeadlines, MondayPanelOn30March2026PackThursdayGmtMinutesInBstAfterEaster) {
  // Clocks go forward on Sunday 29 March 2026; Good Friday 3 April, Easter Monday 6 April.
  EXPECT_EQ(aep_deadlines("2026-03-30"),
            "2026-03-26T12:00:00+00:00|2026-03-27T17:00:00+00:00|2026-03-27T09:00:00+00:00|"
            "2026-04-08T17:00:00+01:00");
  const auto& aep = office().panel("aep");
  const auto deadlines = deadlines_for(aep, find_sitting(aep, d("2026-03-30")), WorkingCalendar{});
  EXPECT_EQ(format_utc(deadlines.pack.utc), "2026-03-26T12:00:00Z");
  EXPECT_EQ(format_utc(deadlines.minutes.utc), "2026-04-08T16:00:00Z");
}

TEST(SittingDeadlines, EasterMondaySittingPapersFallOnGoodFridayAndAreFlagged) {
  const auto& aep = office().panel("aep");
  const auto deadlines = deadlines_for(aep, find_sitting(aep, d("2026-04-06")), WorkingCalendar{});
  EXPECT_EQ(deadlines.pack.local.iso8601(), "2026-04-02T12:00:00+01:00");
  EXPECT_EQ(format_utc(deadlines.pack.utc), "2026-04-02T11:00:00Z");
  // Three days before is Good Friday: the papers are due the working day before it.
  EXPECT_EQ(deadlines.papers_due.local.iso8601(), "2026-04-02T17:00:00+01:00");
  EXPECT_TRUE(deadlines.papers_due.on_working_day);
  EXPECT_TRUE(deadlines.pack.on_working_day);
  EXPECT_EQ(deadlines.minutes.local.iso8601(), "2026-04-13T17:00:00+01:00");
}

TEST(SittingDeadlines, AcrossTheAutumnClockChange) {
  // Clocks go back on Sunday 25 October 2026.
  EXPECT_EQ(aep_deadlines("2026-10-26"),
            "2026-10-22T12:00:00+01:00|2026-10-23T17:00:00+01:00|2026-10-23T09:00:00+01:00|"
            "2026-11-02T17:00:00+00:00");
  EXPECT_EQ(aep_deadlines("2026-11-02"),
            "2026-10-29T12:00:00+00:00|2026-10-30T17:00:00+00:00|2026-10-30T09:00:00+00:00|"
            "2026-11-09T17:00:00+00:00");
}

TEST(SittingDeadlines, EarlyMayAndChristmasSubstituteDaysAreSkippedByWorkingDayRules) {
  // Early May bank holiday Monday 4 May 2026.
  EXPECT_EQ(aep_deadlines("2026-04-27").substr(78), "2026-05-05T17:00:00+01:00");
  // 25 Dec 2026 is a Friday, Boxing Day a Saturday: its substitute is Monday 28 December.
  EXPECT_EQ(aep_deadlines("2026-12-21").substr(78), "2026-12-30T17:00:00+00:00");
  // 25 Dec 2027 is a Saturday: substitutes Monday 27 and Tuesday 28 December.
  EXPECT_EQ(aep_deadlines("2027-12-20").substr(78), "2027-12-29T17:00:00+00:00");
}

TEST(SittingDeadlines, WorkingDayPackRuleBeforeATuesdayPanel) {
  const auto& permanence = office().panel("permanence");
  const WorkingCalendar calendar;
  // 2 working days before Tuesday 7 April 2026 skips Easter Monday and Good Friday.
  json config = office_json();
  config["panels"][0]["cadence"]["from"] = "2026-01-06";
  config["panels"][0]["cadence"]["everyWeeks"] = 1;
  config["panels"][0].erase("cancelled");
  config["panels"][0].erase("extraSittings");
  const auto shifted = parse_office_config(config);
  const auto& tuesday = shifted.panel("permanence");
  EXPECT_EQ(
      deadlines_for(tuesday, find_sitting(tuesday, d("2026-04-07")), calendar).pack.local.iso8601(),
      "2026-04-01T12:00:00+01:00");
  EXPECT_EQ(deadlines_for(permanence, find_sitting(permanence, d("2026-12-22")), calendar)
                .minutes.local.iso8601(),
            "2026-12-31T17:00:00+00:00");
}

TEST(WorkingDayCounts, OverChristmasAndNewYear) {
  const WorkingCalendar calendar;
  EXPECT_EQ(calendar.working_days_between(d("2026-12-21"), d("2027-01-04")), 7);
  EXPECT_EQ(calendar.working_days_between(d("2026-04-02"), d("2026-04-07")), 1);
  EXPECT_EQ(calendar.working_days_between(d("2026-05-01"), d("2026-05-05")), 1);
}

OfficeConfig with_aep_change(const char* key, json value) {
  json config = office_json();
  config["panels"][1][key] = std::move(value);
  return parse_office_config(config);
}

TEST(SittingsOnDaysOff, AnEasterMondaySittingIsFlaggedUntilConfirmed) {
  const auto& aep = office().panel("aep");
  const WorkingCalendar calendar;
  EXPECT_EQ(
      panelpack::panel::unconfirmed_day_off(aep, find_sitting(aep, d("2026-04-06")), calendar),
      "Easter Monday");
  EXPECT_FALSE(
      panelpack::panel::unconfirmed_day_off(aep, find_sitting(aep, d("2026-04-13")), calendar));
  const OfficeConfig confirmed = with_aep_change(
      "confirmedSittings", json::array({{{"date", "2026-04-06"}, {"reason", "Court timescales"}}}));
  const auto& confirmed_aep = confirmed.panel("aep");
  EXPECT_FALSE(panelpack::panel::unconfirmed_day_off(
      confirmed_aep, find_sitting(confirmed_aep, d("2026-04-06")), calendar));
}

TEST(SittingsOnDaysOff, AClosureDayIsADayOffToo) {
  const auto& permanence = office().panel("permanence");
  const WorkingCalendar closed{{}, {{d("2026-12-15"), "Council closure"}}};
  EXPECT_EQ(panelpack::panel::unconfirmed_day_off(
                permanence, find_sitting(permanence, d("2026-12-15")), closed),
            "Council closure");
}

TEST(SittingsOnDaysOff, ConfirmingADateThatIsNoSittingIsRefusedByKey) {
  try {
    with_aep_change("confirmedSittings", json::array({{{"date", "2026-04-07"}}}));
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "not_a_sitting");
    EXPECT_EQ(error.where(), "/panels/1/confirmedSittings/0/date");
  }
}

std::string order_error(const json& config) {
  try {
    panelpack::panel::check_deadline_order(parse_office_config(config), config);
  } catch (const PanelError& error) {
    return error.code() + "@" + error.where();
  }
  return "no error";
}

TEST(DeadlineOrder, APackDueBeforeItsPapersIsRefusedNamingTheRulesKey) {
  json config = office_json();
  // Papers three days before a Tuesday move back to Friday 17:00; the pack goes Friday 12:00.
  EXPECT_EQ(order_error(config), "pack_before_papers@/deadlines/pack");
  config["deadlines"]["papersDue"] = panelpack::testing::rule("working_days", 3, "before", "17:00");
  EXPECT_EQ(order_error(config), "no error");
  // The AEP panel's own pack, the second Friday before, would go before its papers.
  config["panels"][1]["deadlines"]["pack"] = {
      {"kind", "weekday_before"}, {"weekday", "friday"}, {"count", 2}, {"time", "12:00"}};
  EXPECT_EQ(order_error(config), "pack_before_papers@/panels/1/deadlines/pack");
}

TEST(PanelTimeliness, APanelsOwnTimescalesReplaceTheOfficesOneByOne) {
  const OfficeConfig config = with_aep_change(
      "timeliness", {{"firstConsideredWithinWeeks", 4}, {"pptmEveryWeeks", {{"proceedings", 4}}}});
  const auto& aep = config.panel("aep");
  EXPECT_EQ(aep.timeliness.first_considered_within_weeks, 4);
  EXPECT_EQ(aep.timeliness.pptm_proceedings_weeks, 4);
  EXPECT_EQ(aep.timeliness.pptm_placement_order_weeks, 6);  // the office's
  EXPECT_EQ(aep.timeliness.pptm_panel, "aep");              // office-wide
  EXPECT_EQ(config.panel("permanence").timeliness.first_considered_within_weeks, 6);
}

}  // namespace
