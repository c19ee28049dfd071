#pragma once
// The sittings of a panel: its cadence, less cancellations, plus extra sittings, and the four
// deadlines of each.

#include <optional>
#include <string>
#include <vector>

#include "panel/calendar_date.hpp"
#include "panel/deadline_rule.hpp"
#include "panel/office_config.hpp"

namespace panelpack::panel {

// Whether the cadence (before cancellations) has a sitting on `date`.
bool falls_on_cadence(const Cadence& cadence, CalendarDate date);

struct Sitting {
  std::string panel_id;
  CalendarDate date;
  TimeOfDay start_time;
  bool extra = false;      // outside the cadence
  bool cancelled = false;  // a cadence date that will not happen
  std::string note;        // why it was added or cancelled
};

// The sittings with from <= date <= to in date order, cancelled ones included and flagged.
std::vector<Sitting> sittings_between(const PanelConfig& panel, CalendarDate from, CalendarDate to);

// The sitting on `date`. Throws PanelError "no_sitting" (naming the sittings before and after)
// or "sitting_cancelled" (with the reason).
Sitting find_sitting(const PanelConfig& panel, CalendarDate date);

// The first sitting that is not cancelled on or after `date`, within a year.
std::optional<Sitting> next_sitting(const PanelConfig& panel, CalendarDate date);

// The bank holiday or closure day a sitting falls on ("Boxing Day"), unless the panel confirmed
// the sitting in confirmedSittings: such a sitting is flagged, gets no mail and takes no
// bookings until it is moved or confirmed. Nothing for any other day (a weekend is the
// cadence's own choice).
std::optional<std::string> unconfirmed_day_off(const PanelConfig& panel, const Sitting& sitting,
                                               const WorkingCalendar& calendar);

struct SittingDeadlines {
  Deadline papers_due;
  Deadline reminder;
  Deadline pack;
  Deadline minutes;
};

SittingDeadlines deadlines_for(const PanelConfig& panel, const Sitting& sitting,
                               const WorkingCalendar& calendar);

}  // namespace panelpack::panel
