#pragma once
// The decisions tracker: one row per child per sitting with the decision, its monitoring
// route and next review, and one row per action with its owner, due date and status. The
// same decisions files the records are made from, so the two never disagree.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panel/decisions.hpp"
#include "panel/office_config.hpp"

namespace panelpack::panel {

// Where a decision's record on the child's file stands on the tracker's day.
enum class RecordState {
  in_time,      // on file by its due date
  late,         // on file, after its due date
  overdue,      // not on file, and its due date has passed
  not_yet_due,  // not on file, and not due yet: not late
};

struct TrackedDecision {
  CalendarDate sitting;
  std::string panel_id;
  std::string panel_name;  // as office.json names it: what the sheet shows
  std::string case_ref;
  std::string child_id;
  std::string outcome;       // label: "Plan ratified"
  std::string outcome_code;  // the schema's code, "plan_ratified": what a filter asks for
  std::string primary_plan;
  std::string parallel_plans;  // labels joined with "; "
  std::string monitoring;
  std::optional<CalendarDate> next_review;
  CalendarDate record_due;
  std::optional<CalendarDate> recorded;
  bool recorded_in_time = false;
  RecordState record_state = RecordState::not_yet_due;
  int open_actions = 0;
};

struct TrackedAction {
  CalendarDate sitting;
  std::string panel_id;
  std::string panel_name;
  std::string case_ref;
  std::string id;
  std::string description;
  std::string owner;
  std::optional<CalendarDate> due;
  std::string status;  // open, done, cancelled, or overdue when past due and not done
  std::optional<CalendarDate> completed;
  bool overdue = false;
};

struct Tracker {
  std::vector<TrackedDecision> decisions;
  std::vector<TrackedAction> actions;
};

// The sittings' decisions with from <= date <= to, in date then agenda order. `child_ids`
// maps case references to child IDs (from the case files). `today` decides what is overdue.
Tracker build_tracker(const OfficeConfig& office, const std::vector<SittingDecisions>& decisions,
                      const std::map<std::string, std::string>& child_ids, CalendarDate from,
                      CalendarDate to, CalendarDate today, const WorkingCalendar& calendar);

}  // namespace panelpack::panel
