#pragma once
// A deadline rule as configuration gives it, applied to a sitting's date.

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/working_days.hpp"

namespace panelpack::panel {

enum class DeadlineKind {
  calendar_days,   // `count` days before/after the sitting
  working_days,    // `count` working days before/after, counted from the next working day
  weekday_before,  // the `count`-th `weekday` before the sitting ("Thursday 12:00 before")
};

enum class Direction { before, after };

// What a deadline that lands on a weekend, bank holiday or closure day does: moves to the
// previous working day (nobody is mailed on a Saturday or on Christmas Day), to the next one,
// or keeps its day (a rule that means the calendar day, whatever it is).
enum class DayOffShift { previous_working_day, next_working_day, keep };

struct DeadlineRule {
  DeadlineKind kind = DeadlineKind::calendar_days;
  int count = 0;
  Direction direction = Direction::before;
  TimeOfDay time_of_day;
  std::chrono::weekday weekday = std::chrono::Thursday;  // weekday_before only
  DayOffShift on_day_off = DayOffShift::previous_working_day;
};

// Where a rule lands for one sitting: London wall clock and the UTC instant.
struct Deadline {
  LondonTime local;
  UtcInstant utc;
  // Only a rule with "onDayOff": "keep" may land on a weekend or holiday; this says so for
  // whoever reports it.
  bool on_working_day = true;
  // The day the rule gave before it moved off a day off, when it moved (for the calendar).
  std::optional<CalendarDate> moved_from;
};

Deadline apply(const DeadlineRule& rule, CalendarDate sitting, const WorkingCalendar& calendar);

// From configuration JSON, e.g.
//   {"kind": "weekday_before", "weekday": "thursday", "time": "12:00"}
//   {"kind": "working_days", "count": 5, "direction": "after", "time": "17:00"}
// `count` (0-366) and `direction` are required for the day kinds; weekday_before takes
// `weekday`, an optional `count` (default 1) and only "before". "onDayOff" is "before" (the
// default), "after" or "keep". Unknown fields are errors.
// Throws PanelError whose where() names the field: "missing_field", "invalid_field",
// "unknown_field", "not_an_object".
DeadlineRule parse_deadline_rule(const nlohmann::json& json);

std::string to_string(DeadlineKind kind);

}  // namespace panelpack::panel
