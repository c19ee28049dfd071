#pragma once
// ISO 8601 calendar dates written YYYY-MM-DD, and the English names of the months: one reader
// and one table for the whole project.

#include <string_view>

namespace panelpack::text {

// A day of the proleptic Gregorian calendar; years 0000 to 9999 are what four digits can write.
struct IsoDate {
  int year = 0;
  unsigned month = 0;  // 1..12
  unsigned day = 0;    // 1..31
  friend bool operator==(const IsoDate&, const IsoDate&) = default;
};

enum class DateProblem {
  none,
  not_yyyy_mm_dd,  // not ten characters: four digits, '-', two digits, '-', two digits
  no_such_day,     // well written, but the month or the day does not exist (2026-02-30)
};

struct ParsedDate {
  IsoDate date;  // meaningful when problem is none
  DateProblem problem = DateProblem::none;
  explicit operator bool() const noexcept { return problem == DateProblem::none; }
};

// Reads exactly "YYYY-MM-DD" naming a day that exists: 2024-02-29 yes, 2026-02-30 no.
ParsedDate parse_iso_date(std::string_view text) noexcept;

// True when the day exists in that month of that year (leap years counted).
bool is_real_date(int year, unsigned month, unsigned day) noexcept;

// "January" ... "December" for 1 ... 12; empty for any other number.
std::string_view month_name(unsigned month) noexcept;

// "Jan" ... "Dec" (RFC 5322's and the short English form) for 1 ... 12; empty otherwise.
std::string_view month_abbreviation(unsigned month) noexcept;

}  // namespace panelpack::text
