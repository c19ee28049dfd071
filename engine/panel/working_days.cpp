#include "panel/working_days.hpp"

#include <map>
#include <mutex>
#include <shared_mutex>
#include <utility>

namespace panelpack::panel {

namespace {

// A year's bank holidays, computed on first use. One table for the process, behind a
// shared_mutex: the years asked for are few and not known up front (1978-9999 are valid), and
// many threads read at once. Entries are never erased, so a returned reference stays valid.
const std::vector<NamedDate>& bank_holidays(int year) {
  static std::shared_mutex mutex;
  static std::map<int, std::vector<NamedDate>> by_year;
  {
    const std::shared_lock reading(mutex);
    if (const auto found = by_year.find(year); found != by_year.end()) return found->second;
  }
  // Computed outside the lock: it may throw (a year out of range), and it is cheap to repeat.
  std::vector<NamedDate> computed = england_and_wales_bank_holidays(year);
  const std::unique_lock writing(mutex);
  return by_year.try_emplace(year, std::move(computed)).first->second;
}

}  // namespace

WorkingCalendar::WorkingCalendar(std::vector<NamedDate> extra_holidays,
                                 std::vector<NamedDate> closures) {
  for (auto& day : extra_holidays) configured_.emplace(day.date, std::move(day.name));
  // A day that is both keeps the holiday's name.
  for (auto& day : closures) configured_.emplace(day.date, std::move(day.name));
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
