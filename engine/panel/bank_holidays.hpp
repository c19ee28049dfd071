#pragma once
// England and Wales bank holidays, computed from their rules for any year from 1978.

#include <string>
#include <vector>

#include "panel/calendar_date.hpp"

namespace panelpack::panel {

// A day off with the name gov.uk gives it ("Christmas Day (substitute day)").
struct NamedDate {
  CalendarDate date;
  std::string name;
  friend bool operator==(const NamedDate&, const NamedDate&) = default;
};

// The first year the rules below hold (the Early May bank holiday began in 1978).
inline constexpr int kFirstBankHolidayYear = 1978;

// Easter Sunday (anonymous Gregorian algorithm). Any year 1583-9999.
CalendarDate easter_sunday(int year);

// The year's bank holidays in date order: the rules (New Year's Day, Good Friday, Easter
// Monday, first and last Monday of May, last Monday of August, Christmas and Boxing Day,
// weekend holidays moved to the next free weekday) with the one-off changes applied.
// Throws PanelError "year_out_of_range" before 1978 or after 9999.
std::vector<NamedDate> england_and_wales_bank_holidays(int year);

}  // namespace panelpack::panel
