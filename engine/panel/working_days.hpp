#pragma once
// Which days an office works: Monday to Friday, less bank holidays and configured days off.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panel/bank_holidays.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::panel {

class WorkingCalendar {
 public:
  // England and Wales bank holidays only.
  WorkingCalendar() = default;
  // Plus holidays a proclamation adds after this build (`extra_holidays`) and the council's
  // own closure days (`closures`, e.g. the days between Christmas and New Year).
  WorkingCalendar(std::vector<NamedDate> extra_holidays, std::vector<NamedDate> closures);

  // Monday to Friday and neither a bank holiday, an extra holiday nor a closure day.
  bool is_working_day(CalendarDate date) const;
  // Why `date` is not a working day ("Saturday", "Good Friday", a closure's name); nothing
  // when it is one.
  std::optional<std::string> day_off_reason(CalendarDate date) const;

  // The date `count` working days after `from` (before, when negative), counting from the
  // next working day: `from` itself never counts. 0 gives `from` unchanged.
  CalendarDate add_working_days(CalendarDate from, int count) const;

  // Working days d with from < d <= to; negative (the count of to < d <= from) when `to`
  // is earlier. For a working day `to`: add_working_days(from, between(from, to)) == to.
  int working_days_between(CalendarDate from, CalendarDate to) const;

 private:
  // Set once by the constructor and only read after: a calendar may be shared between threads
  // (the bank holidays it reads come from a locked process-wide table, working_days.cpp).
  std::map<CalendarDate, std::string> configured_;
};

}  // namespace panelpack::panel
