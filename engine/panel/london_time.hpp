#pragma once
// Europe/London local time and UTC without a time-zone database: the UK rule since 1996.

#include <chrono>
#include <string>
#include <string_view>

#include "panel/calendar_date.hpp"

namespace panelpack::panel {

// A wall-clock time, minutes precision: "12:00".
struct TimeOfDay {
  int hour = 0;
  int minute = 0;

  // Strict "HH:MM", 00:00 to 23:59; anything else throws PanelError "invalid_time".
  static TimeOfDay parse(std::string_view text);
  // "HH:MM"
  std::string text() const;
  friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
};

using UtcInstant = std::chrono::sys_seconds;

// A moment as a clock in London shows it, with its offset from UTC.
struct LondonTime {
  CalendarDate date;
  TimeOfDay time;
  int utc_offset_minutes = 0;  // 0 in GMT, 60 in BST

  // "2026-03-26T12:00:00+00:00"
  std::string iso8601() const;
};

// The first year the rule holds: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October.
inline constexpr int kFirstLondonRuleYear = 1996;

// Whether British Summer Time is in force at `instant`. Throws PanelError
// "year_out_of_range" before 1996.
bool is_british_summer_time(UtcInstant instant);

// The UTC instant of a London wall-clock time. On the last Sunday of March 01:00-01:59 does
// not exist: it is read as the clock an hour on (01:30 -> 02:30 BST, 01:30 UTC). On the last
// Sunday of October 01:00-01:59 happens twice: the first (BST) occurrence is taken.
UtcInstant local_to_utc(CalendarDate date, TimeOfDay time);

LondonTime utc_to_local(UtcInstant instant);

// "2026-03-26T12:00:00Z"
std::string format_utc(UtcInstant instant);

// An instant as RFC 3339 writes it ("2026-12-10T16:40:00+00:00", "...Z"; seconds optional,
// fractions ignored), or a London wall clock without an offset ("2026-12-10T16:40"), read
// as local_to_utc reads it. Throws PanelError "invalid_date_time" naming the text.
UtcInstant parse_instant(std::string_view text);

}  // namespace panelpack::panel
