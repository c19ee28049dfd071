#pragma once
// What needs the administrator's attention: children not considered at panel within N weeks
// of entering care, PPTMs overdue for their cadence, re-referrals after a breakdown not yet
// booked, and papers late or missing for the coming sittings.

#include <optional>
#include <string>
#include <vector>

#include "panel/bookings.hpp"
#include "panel/case_summary.hpp"
#include "panel/office_config.hpp"
#include "panel/sittings.hpp"

namespace panelpack::panel {

// One sitting's bookings, with the sitting they belong to.
struct BookedSitting {
  Sitting sitting;
  Bookings bookings;
};

enum class Urgency {
  overdue,   // the deadline has passed
  due_soon,  // it falls within the look-ahead and nothing in time is booked
  notice,    // done, but late (a paper received after its deadline)
};

struct Finding {
  std::string kind;  // first_panel, pptm, rereferral_not_booked, papers_missing, papers_late,
                     // booked_on_cancelled_sitting
  Urgency urgency = Urgency::overdue;
  std::string case_ref;
  std::string child_id;
  std::optional<CalendarDate> due;
  std::string panel_id;
  std::optional<CalendarDate> sitting;  // the sitting it concerns, or the one booked
  std::string paper_type;
  std::string detail;  // one line, ids and dates only: no names, no case content
};

std::vector<Finding> find_attention(const OfficeConfig& office,
                                    const std::vector<CaseSummary>& cases,
                                    const std::vector<BookedSitting>& booked, UtcInstant now,
                                    const WorkingCalendar& calendar);

std::string to_string(Urgency urgency);

// THE order findings are listed in (find_attention's, and status's over all its findings):
// overdue, then due soon, then notices; within each the earliest due first, then by case
// reference. Stable: findings tied on all three keep their order.
void sort_by_attention(std::vector<Finding>& findings);

// A child's first-panel clock: it starts on entering care (or, for a child at home, at the
// issue of proceedings) and the child must be heard within firstConsideredWithinWeeks.
struct FirstPanelClock {
  CalendarDate start;
  CalendarDate due;
};

// Nothing when the clock has not started, or started before timeliness.trackFrom.
std::optional<FirstPanelClock> first_panel_clock(const Timeliness& rules,
                                                 const CaseSummary& summary);

// The first-panel timescale that applies to a child: that of the panel the referral names by
// type (a planning panel may say 4 weeks where the permanence panel says 6), else the office's.
const Timeliness& first_panel_rules(const OfficeConfig& office, const CaseSummary& summary);

// Whether hearing a case at this panel considers it for the first-panel timescale: a PPTM
// tracks the plan, it does not consider it, so it never counts.
bool considers_at_panel(const OfficeConfig& office, const std::string& panel_id);

// The PPTM rules: those of the PPTM panel (its own cadence over the office's).
const Timeliness& pptm_rules(const OfficeConfig& office);

// The first day the child's PPTM clock may count from on `day`: on a care order in the first
// year of placement the 12-week cadence runs from the placement's start, never before it.
std::optional<CalendarDate> pptm_clock_floor(const Timeliness& rules, const CaseSummary& summary,
                                             CalendarDate day);

// The PPTM cadence in weeks that the child's legal status gives on `day` (6 on a placement
// order or in proceedings, 12 on a care order in the first year of placement); 0 when none.
int pptm_cadence_weeks(const Timeliness& rules, const CaseSummary& summary, CalendarDate day);

}  // namespace panelpack::panel
