#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/deadline_rule.hpp"
#include "panel/panel_error.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::apply;
using panelpack::panel::CalendarDate;
using panelpack::panel::DeadlineKind;
using panelpack::panel::DeadlineRule;
using panelpack::panel::Direction;
using panelpack::panel::format_utc;
using panelpack::panel::NamedDate;
using panelpack::panel::PanelError;
using panelpack::panel::parse_deadline_rule;
using panelpack::panel::TimeOfDay;
using panelpack::panel::WorkingCalendar;

CalendarDate d(const char* iso) {
  return CalendarDate::parse(iso);
}

// The terms of reference as configuration would give them.
const json kPackAvailable = {
    {"kind", "weekday_before"}, {"weekday", "thursday"}, {"time", "12:00"}};
const json kPapersDue = {
    {"kind", "calendar_days"}, {"count", 3}, {"direction", "before"}, {"time", "17:00"}};
const json kReminder = {
    {"kind", "calendar_days"}, {"count", 3}, {"direction", "before"}, {"time", "09:00"}};
const json kMinutesDue = {
    {"kind", "working_days"}, {"count", 5}, {"direction", "after"}, {"time", "17:00"}};

std::string local_deadline(const json& rule, const char* sitting,
                           const WorkingCalendar& calendar = WorkingCalendar{}) {
  return apply(parse_deadline_rule(rule), d(sitting), calendar).local.iso8601();
}

std::string utc_deadline(const json& rule, const char* sitting) {
  return format_utc(apply(parse_deadline_rule(rule), d(sitting), WorkingCalendar{}).utc);
}

// The error's code and field, "code@field".
std::string parse_error(const json& rule) {
  try {
    parse_deadline_rule(rule);
  } catch (const PanelError& error) {
    return error.code() + "@" + error.where();
  }
  return "no error";
}

TEST(DeadlineRule, MondayPanelOn30March2026PackThursday12Gmt) {
  EXPECT_EQ(local_deadline(kPackAvailable, "2026-03-30"), "2026-03-26T12:00:00+00:00");
  EXPECT_EQ(utc_deadline(kPackAvailable, "2026-03-30"), "2026-03-26T12:00:00Z");
}

TEST(DeadlineRule, MondayPanelOn30March2026PapersDueFriday27) {
  EXPECT_EQ(local_deadline(kPapersDue, "2026-03-30"), "2026-03-27T17:00:00+00:00");
  EXPECT_EQ(local_deadline(kReminder, "2026-03-30"), "2026-03-27T09:00:00+00:00");
}

TEST(DeadlineRule, DeadlinesInBstCarryPlusOneHour) {
  EXPECT_EQ(local_deadline(kReminder, "2026-04-16"), "2026-04-13T09:00:00+01:00");
  EXPECT_EQ(utc_deadline(kReminder, "2026-04-16"), "2026-04-13T08:00:00Z");
  // Papers for a Wednesday 1 April sitting, kept on their day, are due on the Sunday the
  // clocks go forward; by default they move to Friday 27 March, still GMT.
  json keep = kPapersDue;
  keep["onDayOff"] = "keep";
  EXPECT_EQ(local_deadline(keep, "2026-04-01"), "2026-03-29T17:00:00+01:00");
  EXPECT_EQ(utc_deadline(keep, "2026-04-01"), "2026-03-29T16:00:00Z");
  EXPECT_EQ(utc_deadline(kPapersDue, "2026-04-01"), "2026-03-27T17:00:00Z");
  // And back to GMT after 25 October 2026 (a Saturday reminder goes on Friday, still BST).
  EXPECT_EQ(local_deadline(kReminder, "2026-10-27"), "2026-10-23T09:00:00+01:00");
  EXPECT_EQ(local_deadline(kReminder, "2026-10-29"), "2026-10-26T09:00:00+00:00");
}

TEST(DeadlineRule, MinutesAfterChristmasSkipTheBankHolidays) {
  // Tue 22 Dec 2026: 23, 24, [25 Christmas, weekend, 28 Boxing Day substitute], 29, 30, 31.
  EXPECT_EQ(local_deadline(kMinutesDue, "2026-12-22"), "2026-12-31T17:00:00+00:00");
  // A council closed 29-31 December: 23, 24, [closed, 1 Jan, weekend], 4, 5, 6 January.
  const WorkingCalendar closed{{},
                               {{d("2026-12-29"), "Council closure"},
                                {d("2026-12-30"), "Council closure"},
                                {d("2026-12-31"), "Council closure"}}};
  EXPECT_EQ(local_deadline(kMinutesDue, "2026-12-22", closed), "2027-01-06T17:00:00+00:00");
}

TEST(DeadlineRule, EasterMondayPanelStillComputes) {
  const WorkingCalendar calendar;
  const auto pack = apply(parse_deadline_rule(kPackAvailable), d("2026-04-06"), calendar);
  EXPECT_EQ(pack.local.iso8601(), "2026-04-02T12:00:00+01:00");
  EXPECT_EQ(format_utc(pack.utc), "2026-04-02T11:00:00Z");
  EXPECT_TRUE(pack.on_working_day);
  // Three days before is Good Friday: moved to the working day before, at the same time.
  const auto papers = apply(parse_deadline_rule(kPapersDue), d("2026-04-06"), calendar);
  EXPECT_EQ(papers.local.iso8601(), "2026-04-02T17:00:00+01:00");
  EXPECT_TRUE(papers.on_working_day);
  EXPECT_EQ(papers.moved_from, d("2026-04-03"));
  // A rule that keeps its day stays on Good Friday, flagged.
  json keep = kPapersDue;
  keep["onDayOff"] = "keep";
  const auto kept = apply(parse_deadline_rule(keep), d("2026-04-06"), calendar);
  EXPECT_EQ(kept.local.date, d("2026-04-03"));
  EXPECT_FALSE(kept.on_working_day);
  EXPECT_FALSE(kept.moved_from.has_value());
  EXPECT_FALSE(calendar.is_working_day(d("2026-04-06")));
  EXPECT_EQ(local_deadline(kMinutesDue, "2026-04-06"), "2026-04-13T17:00:00+01:00");
}

TEST(DeadlineRule, WorkingDaysBeforeSkipBankHolidays) {
  const json rule = {
      {"kind", "working_days"}, {"count", 2}, {"direction", "before"}, {"time", "12:00"}};
  EXPECT_EQ(local_deadline(rule, "2026-03-30"), "2026-03-26T12:00:00+00:00");
  // Before Tue 7 April 2026: Easter Monday and Good Friday are skipped.
  EXPECT_EQ(local_deadline(rule, "2026-04-07"), "2026-04-01T12:00:00+01:00");
}

TEST(DeadlineRule, WeekdayBeforeIsStrictlyBeforeAndCounts) {
  // A Thursday sitting: the Thursday before is a week earlier.
  EXPECT_EQ(local_deadline(kPackAvailable, "2026-04-16"), "2026-04-09T12:00:00+01:00");
  json two_weeks = kPackAvailable;
  two_weeks["count"] = 2;
  EXPECT_EQ(local_deadline(two_weeks, "2026-03-30"), "2026-03-19T12:00:00+00:00");
  json friday = kPackAvailable;
  friday["weekday"] = "Friday";
  EXPECT_EQ(local_deadline(friday, "2026-03-30"), "2026-03-27T12:00:00+00:00");
}

TEST(DeadlineRule, ParsesIntoTheStruct) {
  const DeadlineRule pack = parse_deadline_rule(kPackAvailable);
  EXPECT_EQ(pack.kind, DeadlineKind::weekday_before);
  EXPECT_EQ(pack.weekday, std::chrono::Thursday);
  EXPECT_EQ(pack.count, 1);
  EXPECT_EQ(pack.time_of_day, (TimeOfDay{12, 0}));
  const DeadlineRule minutes = parse_deadline_rule(kMinutesDue);
  EXPECT_EQ(minutes.kind, DeadlineKind::working_days);
  EXPECT_EQ(minutes.count, 5);
  EXPECT_EQ(minutes.direction, Direction::after);
  EXPECT_EQ(minutes.time_of_day, (TimeOfDay{17, 0}));
}

TEST(DeadlineRule, ErrorsNameTheField) {
  EXPECT_EQ(parse_error(json::array()), "not_an_object@");
  EXPECT_EQ(parse_error({{"count", 3}}), "missing_field@kind");
  EXPECT_EQ(parse_error({{"kind", "fortnights"}, {"time", "12:00"}}), "invalid_field@kind");
  EXPECT_EQ(parse_error({{"kind", 3}}), "invalid_field@kind");

  json rule = kPapersDue;
  rule.erase("count");
  EXPECT_EQ(parse_error(rule), "missing_field@count");
  rule["count"] = -1;
  EXPECT_EQ(parse_error(rule), "invalid_field@count");
  rule["count"] = 2.5;
  EXPECT_EQ(parse_error(rule), "invalid_field@count");
  rule["count"] = "3";
  EXPECT_EQ(parse_error(rule), "invalid_field@count");
  rule["count"] = 3;
  rule["direction"] = "sideways";
  EXPECT_EQ(parse_error(rule), "invalid_field@direction");
  rule.erase("direction");
  EXPECT_EQ(parse_error(rule), "missing_field@direction");
  rule["direction"] = "before";
  rule["time"] = "noon";
  EXPECT_EQ(parse_error(rule), "invalid_field@time");
  rule.erase("time");
  EXPECT_EQ(parse_error(rule), "missing_field@time");
  rule["time"] = "12:00";
  rule["cuont"] = 3;
  EXPECT_EQ(parse_error(rule), "unknown_field@cuont");
  rule.erase("cuont");
  rule["weekday"] = "thursday";
  EXPECT_EQ(parse_error(rule), "invalid_field@weekday");

  json weekday_rule = kPackAvailable;
  weekday_rule["weekday"] = "Thursdy";
  EXPECT_EQ(parse_error(weekday_rule), "invalid_field@weekday");
  weekday_rule.erase("weekday");
  EXPECT_EQ(parse_error(weekday_rule), "missing_field@weekday");
  weekday_rule["weekday"] = "thursday";
  weekday_rule["direction"] = "after";
  EXPECT_EQ(parse_error(weekday_rule), "invalid_field@direction");
  weekday_rule["direction"] = "before";
  weekday_rule["count"] = 0;
  EXPECT_EQ(parse_error(weekday_rule), "invalid_field@count");
}

TEST(DeadlineRule, ATuesdayPanelsReminderThreeDaysBeforeGoesOnFridayNotSaturday) {
  // Every fortnight's Tuesday sitting: three calendar days before is a Saturday.
  for (const char* sitting : {"2026-12-15", "2027-01-12", "2027-01-26", "2027-02-09"}) {
    const auto reminder = apply(parse_deadline_rule(kReminder), d(sitting), WorkingCalendar{});
    EXPECT_EQ(reminder.local.date.weekday(), std::chrono::Friday) << sitting;
    EXPECT_EQ(reminder.local.time.text(), "09:00") << sitting;
    EXPECT_TRUE(reminder.on_working_day) << sitting;
  }
  EXPECT_EQ(local_deadline(kReminder, "2026-12-15"), "2026-12-11T09:00:00+00:00");
}

TEST(DeadlineRule, NothingLandsOnChristmasDay2027) {
  // Tue 28 Dec 2027 (itself the Boxing Day substitute): three days before is Sat 25 December.
  EXPECT_EQ(local_deadline(kReminder, "2027-12-28"), "2027-12-24T09:00:00+00:00");
  json after = kReminder;
  after["onDayOff"] = "after";
  // The next working day after Christmas 2027: 27 and 28 are the substitute holidays.
  EXPECT_EQ(local_deadline(after, "2027-12-28"), "2027-12-29T09:00:00+00:00");
  json keep = kReminder;
  keep["onDayOff"] = "keep";
  EXPECT_EQ(local_deadline(keep, "2027-12-28"), "2027-12-25T09:00:00+00:00");
}

TEST(DeadlineRule, AClosureDayMovesAWeekdayRuleBackToo) {
  // Pack "Thursday 12:00 before" a Monday panel, with that Thursday a closure day.
  const WorkingCalendar closed{{}, {{d("2026-03-26"), "Council closure"}}};
  EXPECT_EQ(local_deadline(kPackAvailable, "2026-03-30", closed), "2026-03-25T12:00:00+00:00");
}

TEST(DeadlineRule, OnDayOffTakesBeforeAfterOrKeep) {
  json rule = kReminder;
  rule["onDayOff"] = "never";
  EXPECT_EQ(parse_error(rule), "invalid_field@onDayOff");
  rule["onDayOff"] = 1;
  EXPECT_EQ(parse_error(rule), "invalid_field@onDayOff");
  EXPECT_EQ(parse_deadline_rule(kReminder).on_day_off,
            panelpack::panel::DayOffShift::previous_working_day);
}

}  // namespace
