#include "panel/london_time.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using std::chrono::hours;
using std::chrono::minutes;

UtcInstant at_one_utc_on_last_sunday(int year, unsigned month) {
  const std::chrono::year_month_weekday_last last_sunday{
      std::chrono::year{year}, std::chrono::month{month}, std::chrono::Sunday[std::chrono::last]};
  return UtcInstant{std::chrono::sys_days{last_sunday} + hours{1}};
}

// The instant a wall-clock reading would be if it were UTC.
UtcInstant as_if_utc(CalendarDate date, TimeOfDay time) {
  return UtcInstant{date.days() + hours{time.hour} + minutes{time.minute}};
}

// Reads exactly `width` ASCII digits at `pos`; -1 when any is not a digit or out of range.
int digits_at(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

TimeOfDay TimeOfDay::parse(std::string_view text) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    throw PanelError("invalid_time", std::string{text}, "expected a time as HH:MM");
  }
  const TimeOfDay time{(text[0] - '0') * 10 + (text[1] - '0'),
                       (text[3] - '0') * 10 + (text[4] - '0')};
  if (time.hour > 23 || time.minute > 59) {
    throw PanelError("invalid_time", std::string{text}, "expected a time from 00:00 to 23:59");
  }
  return time;
}

std::string TimeOfDay::text() const {
  std::array<char, 16> out{};
  std::snprintf(out.data(), out.size(), "%02d:%02d", hour, minute);
  return out.data();
}

std::string LondonTime::iso8601() const {
  const int offset = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  std::array<char, 48> out{};
  std::snprintf(out.data(), out.size(), "%sT%s:00%c%02d:%02d", date.iso().c_str(),
                time.text().c_str(), utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return out.data();
}

bool is_british_summer_time(UtcInstant instant) {
  const int year = CalendarDate{std::chrono::floor<std::chrono::days>(instant)}.year();
  if (year < kFirstLondonRuleYear) {
    throw PanelError("year_out_of_range", std::to_string(year),
                     "London time is computed from 1996, when the present rule began");
  }
  return instant >= at_one_utc_on_last_sunday(year, 3) &&
         instant < at_one_utc_on_last_sunday(year, 10);
}

UtcInstant local_to_utc(CalendarDate date, TimeOfDay time) {
  const UtcInstant wall = as_if_utc(date, time);
  // Trying BST first picks the first occurrence of the repeated autumn hour.
  if (const UtcInstant in_bst = wall - hours{1}; is_british_summer_time(in_bst)) return in_bst;
  // GMT, and the spring gap: read as GMT, which is the clock an hour on in BST.
  return wall;
}

LondonTime utc_to_local(UtcInstant instant) {
  const int offset = is_british_summer_time(instant) ? 60 : 0;
  const auto wall = instant + minutes{offset};
  const auto day = std::chrono::floor<std::chrono::days>(wall);
  const std::chrono::hh_mm_ss clock{wall - day};
  return {
      CalendarDate{day},
      TimeOfDay{static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count())},
      offset};
}

std::string format_utc(UtcInstant instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::hh_mm_ss clock{instant - day};
  std::array<char, 48> out{};
  std::snprintf(out.data(), out.size(), "%sT%02d:%02d:%02dZ", CalendarDate{day}.iso().c_str(),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return out.data();
}

UtcInstant parse_instant(std::string_view text) {
  const auto invalid = [&]() {
    return PanelError("invalid_date_time", std::string{text},
                      "expected a date and time such as 2026-12-10T16:40:00+00:00");
  };
  if (text.size() < 16 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) throw invalid();
  CalendarDate date;
  TimeOfDay time;
  try {
    date = CalendarDate::parse(text.substr(0, 10));
    time = TimeOfDay::parse(text.substr(11, 5));
  } catch (const PanelError&) {
    throw invalid();
  }
  std::size_t pos = 16;
  int seconds = 0;
  if (pos < text.size() && text[pos] == ':') {
    seconds = digits_at(text, pos + 1, 2);
    if (seconds < 0 || seconds > 60) throw invalid();
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) throw invalid();
    }
  }
  if (pos == text.size()) return local_to_utc(date, time) + std::chrono::seconds{seconds};
  const UtcInstant wall = as_if_utc(date, time) + std::chrono::seconds{std::min(seconds, 59)};
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return wall;
  if ((text[pos] != '+' && text[pos] != '-') || pos + 6 != text.size() || text[pos + 3] != ':') {
    throw invalid();
  }
  const int offset_hours = digits_at(text, pos + 1, 2);
  const int offset_minutes = digits_at(text, pos + 4, 2);
  if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59) {
    throw invalid();
  }
  const minutes offset{offset_hours * 60 + offset_minutes};
  return text[pos] == '+' ? wall - offset : wall + offset;
}

}  // namespace panelpack::panel
