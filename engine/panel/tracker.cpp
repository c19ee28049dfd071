#include "panel/tracker.hpp"

#include <algorithm>

#include "panel/labels.hpp"

namespace panelpack::panel {

namespace {

std::string joined_plans(const std::vector<std::string>& plans) {
  std::string text;
  for (const auto& plan : plans) text += (text.empty() ? "" : "; ") + permanence_option_label(plan);
  return text;
}

// A record due on `due` (by the end of the minutes deadline's day) is late only after it.
RecordState record_state(const std::optional<CalendarDate>& recorded, CalendarDate due,
                         CalendarDate today) {
  if (recorded) return *recorded <= due ? RecordState::in_time : RecordState::late;
  return today > due ? RecordState::overdue : RecordState::not_yet_due;
}

}  // namespace

Tracker build_tracker(const OfficeConfig& office, const std::vector<SittingDecisions>& decisions,
                      const std::map<std::string, std::string>& child_ids, CalendarDate from,
                      CalendarDate to, CalendarDate today, const WorkingCalendar& calendar) {
  std::vector<const SittingDecisions*> sittings;
  for (const auto& sitting : decisions) {
    if (sitting.date >= from && sitting.date <= to) sittings.push_back(&sitting);
  }
  std::stable_sort(sittings.begin(), sittings.end(), [](const auto* a, const auto* b) {
    return a->date != b->date ? a->date < b->date : a->panel_id < b->panel_id;
  });
  Tracker tracker;
  for (const SittingDecisions* sitting : sittings) {
    const PanelConfig& panel = office.panel(sitting->panel_id);
    const Sitting held{panel.id, sitting->date, panel.start_time, false, false, ""};
    const CalendarDate due = records_due(panel, held, calendar).local.date;
    for (const Decision& decision : sitting->decisions) {
      const auto child = child_ids.find(decision.case_ref);
      TrackedDecision row;
      row.sitting = sitting->date;
      row.panel_id = panel.id;
      row.panel_name = panel.name;
      row.case_ref = decision.case_ref;
      row.child_id = child == child_ids.end() ? "" : child->second;
      row.outcome = outcome_label(decision.outcome);
      row.outcome_code = decision.outcome;
      row.primary_plan =
          decision.primary_plan.empty() ? "" : permanence_option_label(decision.primary_plan);
      row.parallel_plans = joined_plans(decision.parallel_plans);
      row.monitoring = decision.monitoring.empty() ? "" : monitoring_label(decision.monitoring);
      row.next_review = decision.next_review;
      row.record_due = due;
      row.recorded = decision.recorded_date;
      row.recorded_in_time = decision.recorded_date && *decision.recorded_date <= due;
      row.record_state = record_state(decision.recorded_date, due, today);
      for (const RecordedAction& action : decision.actions) {
        const bool overdue = action.due && *action.due < today && action.overdue_on(today);
        const bool open = action.status != "done" && action.status != "cancelled";
        if (open) ++row.open_actions;
        tracker.actions.push_back({sitting->date, panel.id, panel.name, decision.case_ref,
                                   action.id, action.description, action.owner, action.due,
                                   overdue ? "overdue" : action.status, action.completed, overdue});
      }
      tracker.decisions.push_back(std::move(row));
    }
  }
  return tracker;
}

}  // namespace panelpack::panel
