#pragma once
// What needs attention about sittings themselves: coming sittings on a bank holiday or closure
// day not confirmed in office.json; after a sitting, decision records not on the child's file
// by the minutes deadline, sittings held with no decisions file, and return-to-panel dates
// agreed at a sitting that passed with the case booked nowhere. `panelpack status` lists them
// with find_attention's findings.

#include <vector>

#include "panel/decisions.hpp"
#include "panel/sittings.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::panel {

// Kinds: record_overdue (case_ref set), decisions_missing (one per sitting, no case),
// return_not_booked (case_ref set; due is the agreed date).
std::vector<Finding> find_record_attention(const OfficeConfig& office,
                                           const std::vector<BookedSitting>& booked,
                                           const std::vector<SittingDecisions>& decisions,
                                           UtcInstant now, const WorkingCalendar& calendar);

// How far ahead status looks for sittings on a day off: a quarter, time to move one.
inline constexpr int kDayOffLookaheadDays = 91;

// Kind sitting_on_day_off: each sitting from today to kDayOffLookaheadDays ahead that falls on
// a bank holiday or closure day and is not in the panel's confirmedSittings.
std::vector<Finding> find_day_off_sittings(const OfficeConfig& office, UtcInstant now,
                                           const WorkingCalendar& calendar);

}  // namespace panelpack::panel
