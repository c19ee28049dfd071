#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "panel/bank_holidays.hpp"
#include "panel/panel_error.hpp"

namespace {

using panelpack::panel::CalendarDate;
using panelpack::panel::easter_sunday;
using panelpack::panel::england_and_wales_bank_holidays;
using panelpack::panel::NamedDate;
using panelpack::panel::PanelError;

// gov.uk's published England and Wales lists (bank-holidays.json), year by year.
const std::map<int, std::vector<std::string>> kPublished{
    {2020,
     {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
      "2020-12-25", "2020-12-28"}},
    {2021,
     {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
      "2021-12-27", "2021-12-28"}},
    {2022,
     {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
      "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}},
    {2023,
     {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
      "2023-08-28", "2023-12-25", "2023-12-26"}},
    {2024,
     {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
      "2024-12-25", "2024-12-26"}},
    {2025,
     {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
      "2025-12-25", "2025-12-26"}},
    {2026,
     {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
      "2026-12-25", "2026-12-28"}},
    {2027,
     {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
      "2027-12-27", "2027-12-28"}},
};

std::vector<std::string> dates_of(int year) {
  std::vector<std::string> dates;
  for (const auto& holiday : england_and_wales_bank_holidays(year)) {
    dates.push_back(holiday.date.iso());
  }
  return dates;
}

std::string name_on(const std::string& iso) {
  const CalendarDate date = CalendarDate::parse(iso);
  for (const auto& holiday : england_and_wales_bank_holidays(date.year())) {
    if (holiday.date == date) return holiday.name;
  }
  return "not a bank holiday";
}

TEST(BankHolidays, MatchPublishedDates2020To2027) {
  for (const auto& [year, published] : kPublished) {
    EXPECT_EQ(dates_of(year), published) << year;
  }
}

TEST(BankHolidays, EasterSundayByTheGregorianAlgorithm) {
  EXPECT_EQ(easter_sunday(2024), CalendarDate(2024, 3, 31));
  EXPECT_EQ(easter_sunday(2026), CalendarDate(2026, 4, 5));
  EXPECT_EQ(easter_sunday(2027), CalendarDate(2027, 3, 28));
  EXPECT_EQ(easter_sunday(2038), CalendarDate(2038, 4, 25));  // the latest possible
  EXPECT_EQ(easter_sunday(2285), CalendarDate(2285, 3, 22));  // the earliest possible
}

TEST(BankHolidays, ChristmasOnSaturdayMovesToMondayAndTuesday) {
  EXPECT_EQ(name_on("2021-12-27"), "Christmas Day (substitute day)");
  EXPECT_EQ(name_on("2021-12-28"), "Boxing Day (substitute day)");
  EXPECT_EQ(name_on("2027-12-27"), "Christmas Day (substitute day)");
}

TEST(BankHolidays, ChristmasOnSundayKeepsBoxingDayOnMonday) {
  EXPECT_EQ(name_on("2022-12-26"), "Boxing Day");
  EXPECT_EQ(name_on("2022-12-27"), "Christmas Day (substitute day)");
}

TEST(BankHolidays, BoxingDayOnSaturdayMovesToMonday) {
  EXPECT_EQ(name_on("2026-12-25"), "Christmas Day");
  EXPECT_EQ(name_on("2026-12-28"), "Boxing Day (substitute day)");
}

TEST(BankHolidays, NewYearOnWeekendMovesToNextWeekday) {
  EXPECT_EQ(name_on("2022-01-03"), "New Year's Day (substitute day)");  // Saturday
  EXPECT_EQ(name_on("2023-01-02"), "New Year's Day (substitute day)");  // Sunday
  EXPECT_EQ(name_on("2026-01-01"), "New Year's Day");
}

TEST(BankHolidays, OneOffsCarryTheirNames) {
  EXPECT_EQ(name_on("2020-05-08"), "Early May bank holiday (VE day)");
  EXPECT_EQ(name_on("2020-05-04"), "not a bank holiday");
  EXPECT_EQ(name_on("2022-05-30"), "not a bank holiday");
  EXPECT_EQ(name_on("2022-06-02"), "Spring bank holiday");
  EXPECT_EQ(name_on("2022-06-03"), "Platinum Jubilee bank holiday");
  EXPECT_EQ(name_on("2022-09-19"), "Bank Holiday for the State Funeral of Queen Elizabeth II");
  EXPECT_EQ(name_on("2023-05-08"), "Bank holiday for the coronation of King Charles III");
  EXPECT_EQ(name_on("2023-05-01"), "Early May bank holiday");
}

TEST(BankHolidays, RuleHolidaysAreNamed) {
  EXPECT_EQ(england_and_wales_bank_holidays(2026),
            (std::vector<NamedDate>{{CalendarDate(2026, 1, 1), "New Year's Day"},
                                    {CalendarDate(2026, 4, 3), "Good Friday"},
                                    {CalendarDate(2026, 4, 6), "Easter Monday"},
                                    {CalendarDate(2026, 5, 4), "Early May bank holiday"},
                                    {CalendarDate(2026, 5, 25), "Spring bank holiday"},
                                    {CalendarDate(2026, 8, 31), "Summer bank holiday"},
                                    {CalendarDate(2026, 12, 25), "Christmas Day"},
                                    {CalendarDate(2026, 12, 28), "Boxing Day (substitute day)"}}));
}

TEST(BankHolidays, EveryYearHasEightRuleDaysOnWeekdays) {
  for (int year = 2028; year <= 2100; ++year) {
    const auto holidays = england_and_wales_bank_holidays(year);
    ASSERT_EQ(holidays.size(), 8U) << year;
    for (std::size_t i = 0; i < holidays.size(); ++i) {
      EXPECT_FALSE(holidays[i].date.is_weekend()) << holidays[i].date.iso();
      if (i > 0) {
        EXPECT_LT(holidays[i - 1].date, holidays[i].date) << year;
      }
    }
  }
}

TEST(BankHolidays, YearsBeforeTheRulesAreRefused) {
  try {
    england_and_wales_bank_holidays(1977);
    FAIL() << "expected an error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "year_out_of_range");
    EXPECT_EQ(error.where(), "1977");
  }
}

}  // namespace
