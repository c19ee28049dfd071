#include "panel/timeliness.hpp"

#include <algorithm>

#include "panel/agenda.hpp"
#include "panel/labels.hpp"

namespace panelpack::panel {

namespace {

// Where a case was or will be heard.
struct Hearing {
  const BookedSitting* at = nullptr;
  CalendarDate date() const { return at->sitting.date; }
  bool held_by(CalendarDate today) const { return at->sitting.date <= today; }
};

std::vector<Hearing> hearings_of(const std::string& case_ref,
                                 const std::vector<BookedSitting>& booked) {
  std::vector<Hearing> hearings;
  for (const BookedSitting& sitting : booked) {
    if (!sitting.sitting.cancelled && sitting.bookings.find(case_ref) != nullptr) {
      hearings.push_back({&sitting});
    }
  }
  std::sort(hearings.begin(), hearings.end(),
            [](const Hearing& a, const Hearing& b) { return a.date() < b.date(); });
  return hearings;
}

Finding finding_for(const CaseSummary& summary, std::string kind, Urgency urgency) {
  Finding finding;
  finding.kind = std::move(kind);
  finding.urgency = urgency;
  finding.case_ref = summary.case_ref;
  finding.child_id = summary.child_id;
  return finding;
}

void check_first_panel(const OfficeConfig& office, const CaseSummary& summary,
                       const std::vector<Hearing>& hearings, CalendarDate today,
                       std::vector<Finding>& findings) {
  const Timeliness& rules = first_panel_rules(office, summary);
  const auto clock = first_panel_clock(rules, summary);
  if (!clock) return;
  const CalendarDate due = clock->due;
  std::optional<CalendarDate> booked;
  for (const Hearing& hearing : hearings) {
    if (hearing.date() < clock->start) continue;
    if (!considers_at_panel(office, hearing.at->sitting.panel_id)) continue;
    if (hearing.held_by(today)) return;  // considered (on time or not: the report says which)
    if (!booked) booked = hearing.date();
  }
  const bool overdue = due < today;
  if (!overdue && (due > today.plus_days(rules.lookahead_days) || (booked && *booked <= due))) {
    return;
  }
  Finding finding =
      finding_for(summary, "first_panel", overdue ? Urgency::overdue : Urgency::due_soon);
  finding.due = due;
  finding.sitting = booked;
  finding.detail =
      "entered care " + clock->start.iso() + "; to be considered within " +
      std::to_string(rules.first_considered_within_weeks) + " weeks, by " + due.iso() + "; " +
      (booked ? "booked for " + booked->iso() + (*booked > due ? ", after it" : "") : "not booked");
  findings.push_back(std::move(finding));
}

void check_pptm(const OfficeConfig& office, const CaseSummary& summary,
                const std::vector<Hearing>& hearings, CalendarDate today,
                std::vector<Finding>& findings) {
  if (office.timeliness.pptm_panel.empty()) return;
  const Timeliness& rules = pptm_rules(office);
  const int weeks = pptm_cadence_weeks(rules, summary, today);
  if (weeks == 0) return;
  std::optional<CalendarDate> last_held;
  std::optional<CalendarDate> next_booked;
  for (const Hearing& hearing : hearings) {
    if (hearing.at->sitting.panel_id != rules.pptm_panel) continue;
    if (hearing.held_by(today)) {
      last_held = hearing.date();
    } else if (!next_booked) {
      next_booked = hearing.date();
    }
  }
  std::optional<CalendarDate> base = last_held;
  if (!base) {
    base = summary.legal_status_date        ? summary.legal_status_date
           : summary.proceedings_issue_date ? summary.proceedings_issue_date
                                            : summary.date_entered_care;
    if (base && rules.track_from && *base < *rules.track_from) base = rules.track_from;
  }
  if (const auto floor = pptm_clock_floor(rules, summary, today);
      floor && (!base || *base < *floor)) {
    base = floor;
  }
  if (!base) return;
  const CalendarDate due = base->plus_days(7L * weeks);
  const bool overdue = due < today;
  if (!overdue &&
      (due > today.plus_days(rules.lookahead_days) || (next_booked && *next_booked <= due))) {
    return;
  }
  Finding finding = finding_for(summary, "pptm", overdue ? Urgency::overdue : Urgency::due_soon);
  finding.due = due;
  finding.panel_id = rules.pptm_panel;
  finding.sitting = next_booked;
  finding.detail = std::string{"PPTM every "} + std::to_string(weeks) + " weeks (" +
                   legal_status_label(summary.legal_status) + "); " +
                   (last_held ? "last " + last_held->iso() : "none held yet") + "; next due " +
                   due.iso() + "; " +
                   (next_booked ? "booked for " + next_booked->iso() : "not booked");
  findings.push_back(std::move(finding));
}

void check_rereferral(const CaseSummary& summary, const std::vector<Hearing>& hearings,
                      CalendarDate today, std::vector<Finding>& findings) {
  if (summary.referral_reason != "placement_disruption") return;
  const std::optional<CalendarDate> referred =
      summary.referral_submitted_at
          ? std::optional<CalendarDate>{utc_to_local(*summary.referral_submitted_at).date}
          : std::nullopt;
  const bool booked = std::any_of(hearings.begin(), hearings.end(), [&](const Hearing& h) {
    return !referred || h.date() >= *referred;
  });
  if (booked) return;
  const auto due = summary.requested_panel_date;
  Finding finding = finding_for(summary, "rereferral_not_booked",
                                due && *due < today ? Urgency::overdue : Urgency::due_soon);
  finding.due = due;
  finding.detail = "re-referred after a placement disruption" +
                   (referred ? " on " + referred->iso() : std::string{}) +
                   "; not booked onto any sitting" +
                   (due ? " (requested for " + due->iso() + ")" : std::string{});
  findings.push_back(std::move(finding));
}

void check_papers(const OfficeConfig& office, const BookedSitting& booked, UtcInstant now,
                  CalendarDate today, const std::map<std::string, const CaseSummary*>& by_ref,
                  const WorkingCalendar& calendar, std::vector<Finding>& findings) {
  const Sitting& sitting = booked.sitting;
  if (sitting.date < today) return;
  const PanelConfig& panel = office.panel(sitting.panel_id);
  const Deadline due = deadlines_for(panel, sitting, calendar).papers_due;
  const bool within_lookahead = due.local.date <= today.plus_days(office.timeliness.lookahead_days);
  for (const BookingItem& item : booked.bookings.items) {
    const auto found = by_ref.find(item.case_ref);
    // A receipt dated after now has not happened yet: as tick sees it, the paper is missing.
    BookingItem as_of_now = item;
    std::erase_if(as_of_now.papers,
                  [&](const ReceivedPaper& paper) { return paper.received_at > now; });
    for (const PaperStatus& status : paper_statuses(as_of_now, due)) {
      Finding finding;
      finding.case_ref = item.case_ref;
      finding.child_id = found == by_ref.end() ? "" : found->second->child_id;
      finding.due = due.local.date;
      finding.panel_id = sitting.panel_id;
      finding.sitting = sitting.date;
      finding.paper_type = status.type;
      const std::string paper = paper_type_label(status.type);
      if (status.received == nullptr) {
        if (now <= due.utc && !within_lookahead) continue;
        finding.kind = "papers_missing";
        finding.urgency = now > due.utc ? Urgency::overdue : Urgency::due_soon;
        finding.detail =
            paper + " for " + sitting.panel_id + " " + sitting.date.iso() +
            (now > due.utc ? " not received; it was due " : " not yet received; due ") +
            due.local.iso8601();
      } else if (!status.on_time) {
        finding.kind = "papers_late";
        finding.urgency = Urgency::notice;
        finding.detail = paper + " for " + sitting.panel_id + " " + sitting.date.iso() +
                         " received " + status.received->received_at_text + ", after " +
                         due.local.iso8601();
      } else {
        continue;
      }
      findings.push_back(std::move(finding));
    }
  }
}

void check_cancelled(const BookedSitting& booked, CalendarDate today,
                     std::vector<Finding>& findings) {
  if (!booked.sitting.cancelled || booked.sitting.date < today) return;
  for (const BookingItem& item : booked.bookings.items) {
    Finding finding;
    finding.kind = "booked_on_cancelled_sitting";
    finding.case_ref = item.case_ref;
    finding.due = booked.sitting.date;
    finding.panel_id = booked.sitting.panel_id;
    finding.sitting = booked.sitting.date;
    finding.detail = "booked for " + booked.sitting.panel_id + " " + booked.sitting.date.iso() +
                     ", which is cancelled" +
                     (booked.sitting.note.empty() ? "" : " (" + booked.sitting.note + ")") +
                     "; book it onto another sitting";
    findings.push_back(std::move(finding));
  }
}

int rank(Urgency urgency) {
  return urgency == Urgency::overdue ? 0 : urgency == Urgency::due_soon ? 1 : 2;
}

}  // namespace

std::optional<FirstPanelClock> first_panel_clock(const Timeliness& rules,
                                                 const CaseSummary& summary) {
  const auto start =
      summary.date_entered_care ? summary.date_entered_care : summary.proceedings_issue_date;
  if (!start || (rules.track_from && *start < *rules.track_from)) return std::nullopt;
  return FirstPanelClock{*start, start->plus_days(7L * rules.first_considered_within_weeks)};
}

const Timeliness& first_panel_rules(const OfficeConfig& office, const CaseSummary& summary) {
  for (const PanelConfig& panel : office.panels) {
    if (panel.type == summary.referral_panel_type && considers_at_panel(office, panel.id)) {
      return panel.timeliness;
    }
  }
  return office.timeliness;
}

bool considers_at_panel(const OfficeConfig& office, const std::string& panel_id) {
  if (panel_id == office.timeliness.pptm_panel) return false;
  const auto found = std::find_if(office.panels.begin(), office.panels.end(),
                                  [&](const PanelConfig& panel) { return panel.id == panel_id; });
  return found == office.panels.end() || found->type != "pptm";
}

const Timeliness& pptm_rules(const OfficeConfig& office) {
  for (const PanelConfig& panel : office.panels) {
    if (panel.id == office.timeliness.pptm_panel) return panel.timeliness;
  }
  return office.timeliness;
}

std::optional<CalendarDate> pptm_clock_floor(const Timeliness& rules, const CaseSummary& summary,
                                             CalendarDate day) {
  const int weeks = pptm_cadence_weeks(rules, summary, day);
  const bool care_order_first_year = summary.legal_status == "C2" && summary.placement_start &&
                                     weeks == rules.pptm_care_order_first_year_weeks &&
                                     summary.proceedings_stage != "issued";
  return care_order_first_year ? summary.placement_start : std::nullopt;
}

int pptm_cadence_weeks(const Timeliness& rules, const CaseSummary& summary, CalendarDate day) {
  if (summary.legal_status == "E1" || summary.legal_status == "D1") {
    return rules.pptm_placement_order_weeks;
  }
  if (summary.proceedings_stage == "issued" || summary.legal_status == "C1") {
    return rules.pptm_proceedings_weeks;
  }
  if (summary.legal_status == "C2" && summary.placement_start &&
      summary.placement_start->days_until(day) < 365) {
    return rules.pptm_care_order_first_year_weeks;
  }
  return 0;
}

std::string to_string(Urgency urgency) {
  switch (urgency) {
    case Urgency::overdue:
      return "overdue";
    case Urgency::due_soon:
      return "due_soon";
    case Urgency::notice:
      return "notice";
  }
  return "";
}

std::vector<Finding> find_attention(const OfficeConfig& office,
                                    const std::vector<CaseSummary>& cases,
                                    const std::vector<BookedSitting>& booked, UtcInstant now,
                                    const WorkingCalendar& calendar) {
  const CalendarDate today = utc_to_local(now).date;
  std::vector<Finding> findings;
  std::map<std::string, const CaseSummary*> by_ref;
  for (const CaseSummary& summary : cases) {
    by_ref[summary.case_ref] = &summary;
    const auto hearings = hearings_of(summary.case_ref, booked);
    check_first_panel(office, summary, hearings, today, findings);
    check_pptm(office, summary, hearings, today, findings);
    check_rereferral(summary, hearings, today, findings);
  }
  for (const BookedSitting& sitting : booked) {
    check_cancelled(sitting, today, findings);
    if (!sitting.sitting.cancelled) {
      check_papers(office, sitting, now, today, by_ref, calendar, findings);
    }
  }
  sort_by_attention(findings);
  return findings;
}

void sort_by_attention(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (rank(a.urgency) != rank(b.urgency)) return rank(a.urgency) < rank(b.urgency);
    if (a.due != b.due) return a.due < b.due;
    return a.case_ref < b.case_ref;
  });
}

}  // namespace panelpack::panel
