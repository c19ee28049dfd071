#include "panel/sitting_attention.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace panelpack::panel {

namespace {

// A finding about one sitting of one panel, as every check here reports it.
Finding sitting_finding(std::string kind, Urgency urgency, const std::string& panel_id,
                        CalendarDate sitting, std::optional<CalendarDate> due, std::string detail,
                        std::string case_ref = "") {
  Finding finding;
  finding.kind = std::move(kind);
  finding.urgency = urgency;
  finding.case_ref = std::move(case_ref);
  finding.due = due;
  finding.panel_id = panel_id;
  finding.sitting = sitting;
  finding.detail = std::move(detail);
  return finding;
}

const PanelConfig* find_panel(const OfficeConfig& office, const std::string& id) {
  const auto found = std::find_if(office.panels.begin(), office.panels.end(),
                                  [&](const PanelConfig& panel) { return panel.id == id; });
  return found == office.panels.end() ? nullptr : &*found;
}

Deadline minutes_due(const PanelConfig& panel, const std::string& panel_id, CalendarDate date,
                     const WorkingCalendar& calendar) {
  const Sitting held{panel_id, date, panel.start_time, false, false, ""};
  return records_due(panel, held, calendar);
}

const SittingDecisions* decisions_of(const std::vector<SittingDecisions>& decisions,
                                     const Sitting& sitting) {
  const auto found = std::find_if(decisions.begin(), decisions.end(), [&](const auto& file) {
    return file.panel_id == sitting.panel_id && file.date == sitting.date;
  });
  return found == decisions.end() ? nullptr : &*found;
}

void check_held_without_decisions(const OfficeConfig& office, const BookedSitting& booked,
                                  const std::vector<SittingDecisions>& decisions, UtcInstant now,
                                  const WorkingCalendar& calendar, std::vector<Finding>& findings) {
  const Sitting& sitting = booked.sitting;
  const PanelConfig* panel = find_panel(office, sitting.panel_id);
  if (panel == nullptr || sitting.cancelled || booked.bookings.items.empty()) return;
  if (now < local_to_utc(sitting.date, sitting.start_time)) return;  // not held yet
  if (decisions_of(decisions, sitting) != nullptr) return;
  const Deadline due = minutes_due(*panel, sitting.panel_id, sitting.date, calendar);
  findings.push_back(sitting_finding(
      "decisions_missing", now > due.utc ? Urgency::overdue : Urgency::due_soon, sitting.panel_id,
      sitting.date, due.local.date,
      sitting.panel_id + " " + sitting.date.iso() + " was held with " +
          std::to_string(booked.bookings.items.size()) +
          " cases booked and has no decisions file (decisions/" + sitting.panel_id + "/" +
          sitting.date.iso() + ".json); its records are due " + due.local.iso8601()));
}

void check_records(const OfficeConfig& office, const SittingDecisions& sitting, UtcInstant now,
                   const WorkingCalendar& calendar, std::vector<Finding>& findings) {
  const PanelConfig* panel = find_panel(office, sitting.panel_id);
  if (panel == nullptr) return;
  const Deadline due = minutes_due(*panel, sitting.panel_id, sitting.date, calendar);
  if (now <= due.utc) return;
  for (const Decision& decision : sitting.decisions) {
    if (decision.recorded_date) continue;
    findings.push_back(sitting_finding(
        "record_overdue", Urgency::overdue, sitting.panel_id, sitting.date, due.local.date,
        "the decision record of " + sitting.panel_id + " " + sitting.date.iso() +
            " is not recorded on the child's file; it was due " + due.local.iso8601() +
            " (set recordedDate in the decisions file once it is)",
        decision.case_ref));
  }
}

bool booked_after(const std::vector<BookedSitting>& booked, const std::string& case_ref,
                  CalendarDate date) {
  return std::any_of(booked.begin(), booked.end(), [&](const BookedSitting& sitting) {
    return !sitting.sitting.cancelled && sitting.sitting.date > date &&
           sitting.bookings.find(case_ref) != nullptr;
  });
}

void check_returns(const SittingDecisions& sitting, const std::vector<BookedSitting>& booked,
                   CalendarDate today, std::vector<Finding>& findings) {
  for (const Decision& decision : sitting.decisions) {
    if (decision.monitoring != "return_to_panel" || !decision.next_review) continue;
    if (*decision.next_review >= today || booked_after(booked, decision.case_ref, sitting.date)) {
      continue;
    }
    findings.push_back(sitting_finding(
        "return_not_booked", Urgency::overdue, sitting.panel_id, sitting.date, decision.next_review,
        "agreed at " + sitting.panel_id + " " + sitting.date.iso() + " to return to panel by " +
            decision.next_review->iso() + "; not booked onto any later sitting",
        decision.case_ref));
  }
}

}  // namespace

std::vector<Finding> find_record_attention(const OfficeConfig& office,
                                           const std::vector<BookedSitting>& booked,
                                           const std::vector<SittingDecisions>& decisions,
                                           UtcInstant now, const WorkingCalendar& calendar) {
  const CalendarDate today = utc_to_local(now).date;
  std::vector<Finding> findings;
  for (const BookedSitting& sitting : booked) {
    check_held_without_decisions(office, sitting, decisions, now, calendar, findings);
  }
  for (const SittingDecisions& sitting : decisions) {
    check_records(office, sitting, now, calendar, findings);
    check_returns(sitting, booked, today, findings);
  }
  return findings;
}

std::vector<Finding> find_day_off_sittings(const OfficeConfig& office, UtcInstant now,
                                           const WorkingCalendar& calendar) {
  const CalendarDate today = utc_to_local(now).date;
  std::vector<Finding> findings;
  for (const PanelConfig& panel : office.panels) {
    for (const Sitting& sitting :
         sittings_between(panel, today, today.plus_days(kDayOffLookaheadDays))) {
      if (sitting.cancelled) continue;
      const auto day_off = unconfirmed_day_off(panel, sitting, calendar);
      if (!day_off) continue;
      findings.push_back(sitting_finding(
          "sitting_on_day_off", Urgency::due_soon, panel.id, sitting.date, sitting.date,
          panel.id + " " + sitting.date.iso() + " falls on " + *day_off +
              "; no mail goes and no case can be booked until it is moved (cancelled and an "
              "extra sitting added) or confirmed in confirmedSittings"));
    }
  }
  return findings;
}

}  // namespace panelpack::panel
