#include "panel/working_days.hpp"

#include <utility>

namespace panelpack::panel {

WorkingCalendar::WorkingCalendar(std::vector<NamedDate> extra_holidays,
                                 std::vector<NamedDate> closures) {
  for (auto& day : extra_holidays) configured_.emplace(day.date, std::move(day.name));
  // A day that is both keeps the holiday's name.
  for (auto& day : closures) configured_.emplace(day.date, std::move(day.name));
}

const std::vector<NamedDate>& WorkingCalendar::bank_holidays(int year) const {
  auto found = bank_holidays_.find(year);
  if (found == bank_holidays_.end()) {
    found = bank_holidays_.emplace(year, england_and_wales_bank_holidays(year)).first;
  }
  return found->second;
}

std::optional<std::string> WorkingCalendar::day_off_reason(CalendarDate date) const {
  if (date.is_weekend()) return std::string{weekday_name(date.weekday())};
  for (const auto& holiday : bank_holidays(date.year())) {
    if (holiday.date == date) return holiday.name;
  }
  if (const auto found = configured_.find(date); found != configured_.end()) {
    return found->second;
  }
  return std::nullopt;
}

bool WorkingCalendar::is_working_day(CalendarDate date) const {
  return !day_off_reason(date).has_value();
}

CalendarDate WorkingCalendar::add_working_days(CalendarDate from, int count) const {
  const long step = count < 0 ? -1 : 1;
  CalendarDate date = from;
  for (int remaining = count < 0 ? -count : count; remaining > 0;) {
    date = date.plus_days(step);
    if (is_working_day(date)) --remaining;
  }
  return date;
}

int WorkingCalendar::working_days_between(CalendarDate from, CalendarDate to) const {
  if (to < from) return -working_days_between(to, from);
  int count = 0;
  for (CalendarDate date = from; date < to;) {
    date = date.plus_days(1);
    if (is_working_day(date)) ++count;
  }
  return count;
}

}  // namespace panelpack::panel
