#include "panel/calendar_date.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

constexpr int kFirstYear = 1;
constexpr int kLastYear = 9999;

bool in_range(std::chrono::year year) {
  return static_cast<int>(year) >= kFirstYear && static_cast<int>(year) <= kLastYear;
}

// Reads exactly `width` ASCII digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

CalendarDate::CalendarDate(int year, unsigned month, unsigned day)
    : ymd_{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}} {
  if (!ymd_.ok() || !in_range(ymd_.year())) {
    std::array<char, 48> text{};
    std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", year, month, day);
    throw PanelError("invalid_date", text.data(), "there is no such calendar date");
  }
}

CalendarDate::CalendarDate(std::chrono::sys_days days) : ymd_{days} {
  if (!in_range(ymd_.year())) {
    throw PanelError("invalid_date", "", "date outside the years 0001 to 9999");
  }
}

CalendarDate CalendarDate::parse(std::string_view text) {
  const std::string where{text};
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    throw PanelError("invalid_date", where, "expected a date as YYYY-MM-DD");
  }
  const int year = read_digits(text, 0, 4);
  const int month = read_digits(text, 5, 2);
  const int day = read_digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) {
    throw PanelError("invalid_date", where, "expected a date as YYYY-MM-DD");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || !in_range(ymd.year())) {
    throw PanelError("invalid_date", where, "there is no such calendar date");
  }
  return CalendarDate{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

bool CalendarDate::is_weekend() const noexcept {
  const auto wd = weekday();
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

CalendarDate CalendarDate::plus_days(long count) const {
  return CalendarDate{days() + std::chrono::days{count}};
}

long CalendarDate::days_until(CalendarDate later) const noexcept {
  return static_cast<long>((later.days() - days()).count());
}

std::string CalendarDate::iso() const {
  std::array<char, 16> text{};
  std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", year(), month(), day());
  return text.data();
}

std::string_view weekday_name(std::chrono::weekday weekday) {
  static constexpr std::array<std::string_view, 7> kNames{
      "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return kNames[weekday.c_encoding() % 7];
}

std::optional<std::chrono::weekday> parse_weekday(std::string_view name) {
  for (unsigned day = 0; day < 7; ++day) {
    const std::string_view known = weekday_name(std::chrono::weekday{day});
    if (known.size() == name.size() &&
        std::equal(known.begin(), known.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return std::chrono::weekday{day};
    }
  }
  return std::nullopt;
}

}  // namespace panelpack::panel
