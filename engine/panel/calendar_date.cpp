#include "panel/calendar_date.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "panel/panel_error.hpp"
#include "text/iso_date.hpp"

namespace panelpack::panel {

namespace {

constexpr int kFirstYear = 1;
constexpr int kLastYear = 9999;

bool in_range(std::chrono::year year) {
  return static_cast<int>(year) >= kFirstYear && static_cast<int>(year) <= kLastYear;
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
  const text::ParsedDate parsed = text::parse_iso_date(text);
  if (parsed.problem == text::DateProblem::not_yyyy_mm_dd) {
    throw PanelError("invalid_date", std::string{text}, "expected a date as YYYY-MM-DD");
  }
  if (!parsed || parsed.date.year < kFirstYear) {
    throw PanelError("invalid_date", std::string{text}, "there is no such calendar date");
  }
  return CalendarDate{parsed.date.year, parsed.date.month, parsed.date.day};
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
