#include "text/iso_date.hpp"

#include <array>
#include <chrono>

namespace panelpack::text {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Reads exactly `width` ASCII digits at `at`; -1 when any is not a digit.
int digits_at(std::string_view text, std::size_t at, std::size_t width) noexcept {
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

bool is_real_date(int year, unsigned month, unsigned day) noexcept {
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{day}}
      .ok();
}

ParsedDate parse_iso_date(std::string_view text) noexcept {
  constexpr ParsedDate kNotYyyyMmDd{.date = {}, .problem = DateProblem::not_yyyy_mm_dd};
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return kNotYyyyMmDd;
  const int year = digits_at(text, 0, 4);
  const int month = digits_at(text, 5, 2);
  const int day = digits_at(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return kNotYyyyMmDd;
  const IsoDate date{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
  if (!is_real_date(date.year, date.month, date.day)) {
    return {.date = {}, .problem = DateProblem::no_such_day};
  }
  return {.date = date, .problem = DateProblem::none};
}

std::string_view month_name(unsigned month) noexcept {
  return month >= 1 && month <= 12 ? kMonthNames[month - 1] : std::string_view{};
}

std::string_view month_abbreviation(unsigned month) noexcept {
  return month_name(month).substr(0, 3);
}

}  // namespace panelpack::text
