#pragma once
// A civil date (no time, no zone) on the proleptic Gregorian calendar, years 1 to 9999.

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace panelpack::panel {

class CalendarDate {
 public:
  // 1 January 2000; a default that is a valid date, never a sentinel.
  CalendarDate() = default;
  // Throws PanelError "invalid_date" for a day the month does not have (2026-02-30).
  CalendarDate(int year, unsigned month, unsigned day);
  explicit CalendarDate(std::chrono::sys_days days);

  // Strict ISO 8601 calendar date "YYYY-MM-DD"; anything else throws PanelError
  // "invalid_date" naming the text.
  static CalendarDate parse(std::string_view text);

  int year() const noexcept { return static_cast<int>(ymd_.year()); }
  unsigned month() const noexcept { return static_cast<unsigned>(ymd_.month()); }
  unsigned day() const noexcept { return static_cast<unsigned>(ymd_.day()); }
  std::chrono::weekday weekday() const noexcept { return std::chrono::weekday{days()}; }
  bool is_weekend() const noexcept;
  std::chrono::sys_days days() const noexcept { return std::chrono::sys_days{ymd_}; }

  CalendarDate plus_days(long count) const;
  // Calendar days from this date to `later` (negative when `later` is earlier).
  long days_until(CalendarDate later) const noexcept;

  // "YYYY-MM-DD"
  std::string iso() const;

  friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
  friend std::strong_ordering operator<=>(const CalendarDate& a, const CalendarDate& b) noexcept {
    return a.days() <=> b.days();
  }

 private:
  std::chrono::year_month_day ymd_{std::chrono::year{2000}, std::chrono::January,
                                   std::chrono::day{1}};
};

// "Monday" ... "Sunday"
std::string_view weekday_name(std::chrono::weekday weekday);

// "monday" ... "sunday" (any case) as a weekday; nothing for any other text.
std::optional<std::chrono::weekday> parse_weekday(std::string_view name);

}  // namespace panelpack::panel
