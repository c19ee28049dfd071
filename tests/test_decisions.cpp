#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "panel/decisions.hpp"
#include "panel/panel_error.hpp"
#include "panel/quarterly_report.hpp"
#include "panel/sitting_attention.hpp"
#include "panel/tracker.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::AgendaInputs;
using panelpack::panel::Bookings;
using panelpack::panel::build_agenda;
using panelpack::panel::build_tracker;
using panelpack::panel::CalendarDate;
using panelpack::panel::CaseSummary;
using panelpack::panel::check_against_bookings;
using panelpack::panel::decision_record_data;
using panelpack::panel::find_sitting;
using panelpack::panel::Measure;
using panelpack::panel::OfficeConfig;
using panelpack::panel::PanelError;
using panelpack::panel::parse_bookings;
using panelpack::panel::parse_decisions;
using panelpack::panel::parse_instant;
using panelpack::panel::parse_office_config;
using panelpack::panel::percentage_text;
using panelpack::panel::Quarter;
using panelpack::panel::RecordedAction;
using panelpack::panel::RecordState;
using panelpack::panel::Sitting;
using panelpack::panel::summarise_case;
using panelpack::panel::WorkingCalendar;

CalendarDate d(const char* iso) {
  return CalendarDate::parse(iso);
}

json decisions_json() {
  return {{"panel", "permanence"},
          {"date", "2026-12-15"},
          {"endTime", "11:40"},
          {"quorate", true},
          {"membersPresent", {{{"name", "Morgan Chairfield"}}}},
          {"decisions",
           {{{"caseRef", "LCS900001"},
             {"outcome", "plan_ratified"},
             {"rationale", "Fictional rationale."},
             {"agreedPrimaryPlan", "sgo"},
             {"agreedParallelPlans", {"long_term_fostering", "adoption"}},
             {"monitoring", "pptm_review"},
             {"nextReviewDate", "2027-01-26"},
             {"recordedDate", "2026-12-22"},
             {"actions",
              {{{"id", "A1"},
                {"description", "Fictional action."},
                {"owner", {{"name", "Sam Worker"}}},
                {"dueDate", "2026-12-18"},
                {"status", "open"}},
               {{"id", "A2"},
                {"description", "Done late."},
                {"dueDate", "2026-12-18"},
                {"status", "done"},
                {"completedDate", "2026-12-21"}}}}},
            {{"caseRef", "LCS900002"},
             {"outcome", "deferred_more_info"},
             {"rationale", "Fictional."}}}}};
}

Bookings bookings_of(std::initializer_list<const char*> refs) {
  json items = json::array();
  for (const char* ref : refs) {
    items.push_back({{"caseRef", ref},
                     {"reason", "ratify_plan"},
                     {"paperTypes", {"referral"}},
                     {"papers", {{{"type", "referral"}, {"receivedAt", "2026-12-10T09:00:00Z"}}}}});
  }
  return parse_bookings({{"panel", "permanence"}, {"date", "2026-12-15"}, {"items", items}});
}

TEST(Decisions, ACaseDecidedTwiceIsNamedByPointer) {
  json twice = decisions_json();
  twice["decisions"][1]["caseRef"] = "LCS900001";
  try {
    parse_decisions(twice);
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "duplicate_decision");
    EXPECT_EQ(error.where(), "/decisions/1/caseRef");
  }
}

TEST(Decisions, EveryBookedCaseNeedsADecisionAndEveryDecisionABooking) {
  const auto decisions = parse_decisions(decisions_json());
  EXPECT_TRUE(check_against_bookings(decisions, bookings_of({"LCS900001", "LCS900002"})).empty());
  const auto problems = check_against_bookings(decisions, bookings_of({"LCS900001", "LCS900003"}));
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].pointer, "/decisions/1/caseRef");  // LCS900002 was not booked
  EXPECT_EQ(problems[1].pointer, "/decisions");            // LCS900003 has no decision
  EXPECT_NE(problems[1].message.find("LCS900003"), std::string::npos);
}

TEST(Decisions, RecordDataJoinsTheDecisionTheMeetingAndTheAgenda) {
  const OfficeConfig office = parse_office_config(panelpack::testing::office_json());
  const Sitting sitting = find_sitting(office.panel("permanence"), d("2026-12-15"));
  const Bookings bookings = bookings_of({"LCS900001", "LCS900002"});
  std::map<std::string, CaseSummary> cases;
  for (const char* ref : {"LCS900001", "LCS900002"}) {
    cases[ref] = summarise_case(
        {{"caseRef", ref},
         {"child", {{"childId", ref}, {"name", "Fictional Child"}}},
         {"professionals", {{"socialWorker", {{"name", "Sam Worker"}, {"role", "SW"}}}}}});
  }
  const WorkingCalendar calendar;
  const AgendaInputs inputs{
      office,   office.panel("permanence"),           sitting, bookings, cases,
      calendar, parse_instant("2026-12-16T09:00:00Z")};
  const auto agenda = build_agenda(inputs);
  const auto decisions = parse_decisions(decisions_json());
  const auto record = decision_record_data(decisions, *decisions.find("LCS900001"), inputs, agenda,
                                           agenda["items"][0]);
  EXPECT_EQ(record["caseRef"], "LCS900001");
  EXPECT_EQ(record["child"]["childId"], "LCS900001");
  EXPECT_EQ(record["meeting"]["meetingId"], "permanence-2026-12-15");
  EXPECT_EQ(record["meeting"]["startTime"], "09:30");  // from the agenda
  EXPECT_EQ(record["meeting"]["endTime"], "11:40");    // as recorded
  EXPECT_EQ(record["meeting"]["quorate"], true);
  EXPECT_EQ(record["meeting"]["chair"]["name"], "Morgan Chairfield");
  EXPECT_EQ(record["agendaSlot"], "09:30");
  EXPECT_EQ(record["presenters"][0]["name"], "Sam Worker");
  EXPECT_EQ(record["papers"][0]["type"], "referral");
  EXPECT_EQ(record["papersOnTime"], true);
  EXPECT_EQ(record["outcome"], "plan_ratified");
  EXPECT_EQ(record["outcomeLabel"], "Plan ratified");
  EXPECT_EQ(record["agreedPrimaryPlanLabel"], "Special guardianship order");
  EXPECT_EQ(record["agreedParallelPlanLabels"],
            (nlohmann::ordered_json{"Long-term fostering", "Adoption"}));
  EXPECT_EQ(record["monitoringLabel"], "Review at PPTM");
  EXPECT_EQ(record["meeting"]["panelTypeLabel"], "Permanence Panel");
  EXPECT_EQ(record["actions"].size(), 2U);
  EXPECT_EQ(
      panelpack::panel::records_due(office.panel("permanence"), sitting, calendar).local.date.iso(),
      "2026-12-22");  // 5 working days over Christmas 2026
}

TEST(Decisions, AnActionIsOverdueWhenDueAndNotDoneByTheDay) {
  RecordedAction action{"A1", "", "", d("2026-12-18"), std::nullopt, "open"};
  EXPECT_FALSE(action.overdue_on(d("2026-12-17")));
  EXPECT_TRUE(action.overdue_on(d("2026-12-18")));
  action.completed = d("2026-12-21");
  action.status = "done";
  EXPECT_TRUE(action.overdue_on(d("2026-12-20")));
  EXPECT_FALSE(action.overdue_on(d("2026-12-21")));
  action.status = "cancelled";
  EXPECT_FALSE(action.overdue_on(d("2026-12-20")));
}

TEST(Tracker, OneRowPerDecisionAndPerActionWithOverdueFlagged) {
  const OfficeConfig office = parse_office_config(panelpack::testing::office_json());
  const std::vector decisions{parse_decisions(decisions_json())};
  const std::map<std::string, std::string> child_ids{{"LCS900001", "C-1"}};
  const auto tracker = build_tracker(office, decisions, child_ids, d("2026-01-01"), d("2026-12-31"),
                                     d("2027-01-04"), WorkingCalendar{});
  ASSERT_EQ(tracker.decisions.size(), 2U);
  const auto& first = tracker.decisions[0];
  EXPECT_EQ(first.child_id, "C-1");
  EXPECT_EQ(first.outcome, "Plan ratified");
  EXPECT_EQ(first.primary_plan, "Special guardianship order");
  EXPECT_EQ(first.parallel_plans, "Long-term fostering; Adoption");
  EXPECT_EQ(first.monitoring, "Review at PPTM");
  EXPECT_EQ(first.record_due.iso(), "2026-12-22");
  EXPECT_TRUE(first.recorded_in_time);
  EXPECT_EQ(first.open_actions, 1);
  EXPECT_EQ(first.record_state, RecordState::in_time);
  EXPECT_EQ(first.panel_name, "Fictional Permanence Panel");
  EXPECT_FALSE(tracker.decisions[1].recorded_in_time);                 // not yet on file
  EXPECT_EQ(tracker.decisions[1].record_state, RecordState::overdue);  // due 22 Dec, now 4 Jan
  ASSERT_EQ(tracker.actions.size(), 2U);
  EXPECT_EQ(tracker.actions[0].status, "overdue");
  EXPECT_TRUE(tracker.actions[0].overdue);
  EXPECT_EQ(tracker.actions[1].status, "done");
  EXPECT_FALSE(tracker.actions[1].overdue);
  EXPECT_TRUE(build_tracker(office, decisions, child_ids, d("2027-01-01"), d("2027-12-31"),
                            d("2027-01-04"), WorkingCalendar{})
                  .decisions.empty());
}

// Review finding 11: a record not on file before its due date is not late, only due.
TEST(Tracker, ARecordNotYetDueIsNotLate) {
  const OfficeConfig office = parse_office_config(panelpack::testing::office_json());
  const std::vector decisions{parse_decisions(decisions_json())};
  const auto on = [&](const char* today) {
    return build_tracker(office, decisions, {}, d("2026-01-01"), d("2026-12-31"), d(today),
                         WorkingCalendar{})
        .decisions[1]
        .record_state;
  };
  EXPECT_EQ(on("2026-12-16"), RecordState::not_yet_due);
  EXPECT_EQ(on("2026-12-22"), RecordState::not_yet_due);  // due by the end of its day
  EXPECT_EQ(on("2026-12-23"), RecordState::overdue);
}

TEST(Quarter, ParsesLabelsAndSteps) {
  const Quarter q3 = Quarter::parse("2026-Q3");
  EXPECT_EQ(q3.first_day().iso(), "2026-07-01");
  EXPECT_EQ(q3.last_day().iso(), "2026-09-30");
  EXPECT_EQ(q3.label(), "July to September 2026");
  EXPECT_EQ(Quarter::parse("2027-Q1").previous().id(), "2026-Q4");
  EXPECT_EQ(Quarter::parse("2026-Q4").last_day().iso(), "2026-12-31");
  EXPECT_THROW(Quarter::parse("2026-Q5"), PanelError);
  EXPECT_THROW(Quarter::parse("Q3-2026"), PanelError);
}

TEST(Measures, AnEmptyDenominatorIsNoCasesNeverZeroPercent) {
  EXPECT_EQ(percentage_text(Measure{"K1", "", "", 0, 0, false}), "no cases");
  EXPECT_EQ(percentage_text(Measure{"K1", "", "", 0, 4, false}), "0%");
  EXPECT_EQ(percentage_text(Measure{"K1", "", "", 2, 3, false}), "67%");
  EXPECT_EQ(percentage_text(Measure{"K14", "", "", 3, 0, true}), "3");
  EXPECT_EQ(panelpack::panel::bar(0.5, 4), "\u2588\u2588\u2591\u2591");
}

const OfficeConfig& fixture_office() {
  static const OfficeConfig parsed = parse_office_config(panelpack::testing::office_json());
  return parsed;
}

panelpack::panel::BookedSitting held(const char* panel, const char* date, Bookings bookings) {
  bookings.panel_id = panel;
  bookings.date = d(date);
  return {find_sitting(fixture_office().panel(panel), d(date)), std::move(bookings)};
}

std::vector<panelpack::panel::Finding> record_findings(
    const std::vector<panelpack::panel::BookedSitting>& booked,
    const std::vector<panelpack::panel::SittingDecisions>& decisions, const char* now) {
  return panelpack::panel::find_record_attention(fixture_office(), booked, decisions,
                                                 parse_instant(now), WorkingCalendar{});
}

int count_of(const std::vector<panelpack::panel::Finding>& findings, const std::string& kind,
             const std::string& ref) {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(), [&](const auto& f) {
    return f.kind == kind && f.case_ref == ref;
  }));
}

TEST(RecordAttention, ARecordNotOnFileByTheMinutesDeadlineIsOverdue) {
  const std::vector decisions{parse_decisions(decisions_json())};
  const std::vector booked{
      held("permanence", "2026-12-15", bookings_of({"LCS900001", "LCS900002"}))};
  // Minutes due five working days after 15 December: 22 December 17:00.
  EXPECT_EQ(count_of(record_findings(booked, decisions, "2026-12-22T16:00:00Z"), "record_overdue",
                     "LCS900002"),
            0);
  const auto late = record_findings(booked, decisions, "2026-12-23T09:00:00Z");
  EXPECT_EQ(count_of(late, "record_overdue", "LCS900002"), 1);
  EXPECT_EQ(count_of(late, "record_overdue", "LCS900001"), 0);  // recorded 22 December
}

TEST(RecordAttention, ASittingHeldWithNoDecisionsFileIsFlagged) {
  const std::vector booked{held("permanence", "2026-12-01", bookings_of({"LCS900003"}))};
  EXPECT_TRUE(record_findings(booked, {}, "2026-12-01T09:00:00Z").empty());  // before it starts
  const auto soon = record_findings(booked, {}, "2026-12-02T09:00:00Z");
  ASSERT_EQ(soon.size(), 1U);
  EXPECT_EQ(soon[0].kind, "decisions_missing");
  EXPECT_EQ(soon[0].urgency, panelpack::panel::Urgency::due_soon);
  EXPECT_EQ(soon[0].due->iso(), "2026-12-08");
  const auto late = record_findings(booked, {}, "2026-12-09T09:00:00Z");
  ASSERT_EQ(late.size(), 1U);
  EXPECT_EQ(late[0].urgency, panelpack::panel::Urgency::overdue);
}

TEST(RecordAttention, AnAgreedReturnToPanelThatPassedUnbookedIsFlagged) {
  json file = decisions_json();
  file["decisions"][1]["monitoring"] = "return_to_panel";
  file["decisions"][1]["nextReviewDate"] = "2027-01-12";
  const std::vector decisions{parse_decisions(file)};
  std::vector booked{held("permanence", "2026-12-15", bookings_of({"LCS900001", "LCS900002"}))};
  EXPECT_EQ(count_of(record_findings(booked, decisions, "2027-01-12T09:00:00Z"),
                     "return_not_booked", "LCS900002"),
            0);  // not passed yet
  EXPECT_EQ(count_of(record_findings(booked, decisions, "2027-01-13T09:00:00Z"),
                     "return_not_booked", "LCS900002"),
            1);
  booked.push_back(held("permanence", "2027-01-26", bookings_of({"LCS900002"})));
  EXPECT_EQ(count_of(record_findings(booked, decisions, "2027-01-13T09:00:00Z"),
                     "return_not_booked", "LCS900002"),
            0);  // booked, if late
}

TEST(Measures, K1DoesNotCountAPptmAsAFirstConsideration) {
  // Entered care 1 October 2026: six weeks end 12 November, in 2026-Q4. "aep" holds the PPTMs.
  const std::vector<CaseSummary> cases{
      summarise_case({{"caseRef", "LCS900001"},
                      {"child", {{"childId", "C1"}, {"name", "Fictional Child"}}},
                      {"legal", {{"status", "C1"}, {"dateEnteredCare", "2026-10-01"}}}})};
  std::vector booked{held("aep", "2026-10-26", bookings_of({"LCS900001"}))};
  const std::vector<panelpack::panel::SittingDecisions> decisions;
  const WorkingCalendar calendar;
  const auto k1 = [&] {
    const panelpack::panel::ReportInputs inputs{fixture_office(), cases, booked, decisions,
                                                calendar};
    return panelpack::panel::quarter_figures(inputs, Quarter::parse("2026-Q4")).measures.at(0);
  };
  EXPECT_EQ(k1().id, "K1");
  EXPECT_EQ(k1().denominator, 1);
  EXPECT_EQ(k1().numerator, 0);
  booked.push_back(held("permanence", "2026-11-03", bookings_of({"LCS900001"})));
  EXPECT_EQ(k1().numerator, 1);
}

}  // namespace
