#include "panel/bank_holidays.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using std::chrono::Monday;

// One-off changes by proclamation, as data: a rule holiday moved, or an extra day.
struct OneOff {
  int year;
  unsigned month;
  unsigned day;
  std::string_view name;
  std::string_view replaces;  // the rule holiday this one moves; empty for an extra day
};

constexpr std::string_view kEarlyMay = "Early May bank holiday";
constexpr std::string_view kSpring = "Spring bank holiday";

constexpr std::array kOneOffs{
    OneOff{2011, 4, 29, "Wedding of Prince William and Catherine Middleton", ""},
    OneOff{2012, 6, 4, kSpring, kSpring},
    OneOff{2012, 6, 5, "Queen's Diamond Jubilee", ""},
    OneOff{2020, 5, 8, "Early May bank holiday (VE day)", kEarlyMay},
    OneOff{2022, 6, 2, kSpring, kSpring},
    OneOff{2022, 6, 3, "Platinum Jubilee bank holiday", ""},
    OneOff{2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II", ""},
    OneOff{2023, 5, 8, "Bank holiday for the coronation of King Charles III", ""},
};

CalendarDate nth_weekday(int year, unsigned month, std::chrono::weekday weekday, unsigned n) {
  const std::chrono::year_month_weekday ymw{std::chrono::year{year}, std::chrono::month{month},
                                            weekday[n]};
  return CalendarDate{std::chrono::sys_days{ymw}};
}

CalendarDate last_weekday(int year, unsigned month, std::chrono::weekday weekday) {
  const std::chrono::year_month_weekday_last ymwl{
      std::chrono::year{year}, std::chrono::month{month}, weekday[std::chrono::last]};
  return CalendarDate{std::chrono::sys_days{ymwl}};
}

bool taken(const std::vector<NamedDate>& holidays, CalendarDate date) {
  return std::any_of(holidays.begin(), holidays.end(),
                     [&](const NamedDate& h) { return h.date == date; });
}

// New Year's Day, Christmas and Boxing Day: those on a weekday stay; those on a weekend move,
// in date order, to the next weekday that is not already a holiday (never back).
void add_with_substitutes(std::vector<NamedDate>& holidays, std::vector<NamedDate> fixed) {
  for (const auto& holiday : fixed) {
    if (!holiday.date.is_weekend()) holidays.push_back(holiday);
  }
  for (const auto& holiday : fixed) {
    if (!holiday.date.is_weekend()) continue;
    CalendarDate substitute = holiday.date;
    while (substitute.is_weekend() || taken(holidays, substitute)) {
      substitute = substitute.plus_days(1);
    }
    holidays.push_back({substitute, holiday.name + " (substitute day)"});
  }
}

}  // namespace

CalendarDate easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return CalendarDate{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

std::vector<NamedDate> england_and_wales_bank_holidays(int year) {
  if (year < kFirstBankHolidayYear || year > 9999) {
    throw PanelError("year_out_of_range", std::to_string(year),
                     "bank holidays are computed for the years 1978 to 9999");
  }
  std::vector<NamedDate> holidays;
  const CalendarDate easter = easter_sunday(year);
  holidays.push_back({easter.plus_days(-2), "Good Friday"});
  holidays.push_back({easter.plus_days(1), "Easter Monday"});
  holidays.push_back({nth_weekday(year, 5, Monday, 1), std::string{kEarlyMay}});
  holidays.push_back({last_weekday(year, 5, Monday), std::string{kSpring}});
  holidays.push_back({last_weekday(year, 8, Monday), "Summer bank holiday"});

  for (const auto& one_off : kOneOffs) {
    if (one_off.year != year) continue;
    const CalendarDate date{year, one_off.month, one_off.day};
    if (one_off.replaces.empty()) {
      holidays.push_back({date, std::string{one_off.name}});
      continue;
    }
    for (auto& holiday : holidays) {
      if (holiday.name == one_off.replaces) holiday = {date, std::string{one_off.name}};
    }
  }

  add_with_substitutes(holidays, {{CalendarDate{year, 1, 1}, "New Year's Day"},
                                  {CalendarDate{year, 12, 25}, "Christmas Day"},
                                  {CalendarDate{year, 12, 26}, "Boxing Day"}});
  std::sort(holidays.begin(), holidays.end(),
            [](const NamedDate& a, const NamedDate& b) { return a.date < b.date; });
  return holidays;
}

}  // namespace panelpack::panel
