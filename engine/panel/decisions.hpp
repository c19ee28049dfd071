#pragma once
// A sitting's decisions (decisions/PANEL/DATE.json) as the administrator records them, and the
// data of each child's decision record made from them (docs/schema/decision.schema.json).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/agenda.hpp"
#include "panel/bookings.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::panel {

struct RecordedAction {
  std::string id;
  std::string description;
  std::string owner;
  std::optional<CalendarDate> due;
  std::optional<CalendarDate> completed;
  std::string status;  // open, done, overdue, cancelled

  // Not done or cancelled by the end of `day` though due by then.
  bool overdue_on(CalendarDate day) const;
};

struct Decision {
  std::string case_ref;
  std::string outcome;     // plan_ratified, plan_changed, ...
  std::string monitoring;  // pptm_review, return_to_panel, no_further_review
  std::string primary_plan;
  std::vector<std::string> parallel_plans;
  std::optional<CalendarDate> next_review;
  std::optional<CalendarDate> recorded_date;  // put on the child's file (LCS, Mosaic, FWi)
  std::vector<RecordedAction> actions;
  nlohmann::json entry;  // the whole entry, for the record
};

struct SittingDecisions {
  std::string panel_id;
  CalendarDate date;
  std::vector<Decision> decisions;
  nlohmann::json document;  // the whole file: the meeting's fields

  const Decision* find(const std::string& case_ref) const;
};

// Throws PanelError naming the JSON pointer: "duplicate_decision" for a case decided twice.
SittingDecisions parse_decisions(const nlohmann::json& json);

// One problem of a decisions file against the sitting's bookings.
struct DecisionProblem {
  std::string pointer;  // "/decisions/2/caseRef", or "/decisions" for a missing decision
  std::string message;
};

// Every booked case needs a decision and every decision a booked case.
std::vector<DecisionProblem> check_against_bookings(const SittingDecisions& decisions,
                                                    const Bookings& bookings);

// The data a child's decision record is filled from: the decision, the meeting, and from the
// agenda the child, slot, presenters and papers. `agenda` is build_agenda's output for the
// sitting; `item` the agenda item of the case.
nlohmann::ordered_json decision_record_data(const SittingDecisions& decisions,
                                            const Decision& decision, const AgendaInputs& inputs,
                                            const nlohmann::ordered_json& agenda,
                                            const nlohmann::ordered_json& item);

// When the records are due: the panel's minutes deadline for the sitting.
Deadline records_due(const PanelConfig& panel, const Sitting& sitting,
                     const WorkingCalendar& calendar);

}  // namespace panelpack::panel
