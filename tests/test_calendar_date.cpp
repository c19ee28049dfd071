#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "panel/calendar_date.hpp"
#include "panel/panel_error.hpp"

namespace {

using panelpack::panel::CalendarDate;
using panelpack::panel::PanelError;
using panelpack::panel::weekday_name;

std::string parse_error_code(const std::string& text) {
  try {
    CalendarDate::parse(text);
  } catch (const PanelError& error) {
    EXPECT_EQ(error.where(), text);
    return error.code();
  }
  return "no error";
}

TEST(CalendarDate, ParsesAndFormatsIso) {
  const CalendarDate date = CalendarDate::parse("2026-03-30");
  EXPECT_EQ(date.year(), 2026);
  EXPECT_EQ(date.month(), 3U);
  EXPECT_EQ(date.day(), 30U);
  EXPECT_EQ(date.iso(), "2026-03-30");
  EXPECT_EQ(CalendarDate(7, 1, 2).iso(), "0007-01-02");
}

TEST(CalendarDate, RejectsDaysTheMonthDoesNotHave) {
  EXPECT_EQ(parse_error_code("2026-02-30"), "invalid_date");
  EXPECT_EQ(parse_error_code("2026-02-29"), "invalid_date");
  EXPECT_EQ(parse_error_code("2026-13-01"), "invalid_date");
  EXPECT_EQ(parse_error_code("2026-04-31"), "invalid_date");
  EXPECT_EQ(parse_error_code("0000-01-01"), "invalid_date");
  EXPECT_EQ(CalendarDate::parse("2024-02-29").iso(), "2024-02-29");
  EXPECT_THROW(CalendarDate(2026, 2, 30), PanelError);
}

TEST(CalendarDate, RejectsAnythingButYyyyMmDd) {
  EXPECT_EQ(parse_error_code("2026-3-30"), "invalid_date");
  EXPECT_EQ(parse_error_code("30/03/2026"), "invalid_date");
  EXPECT_EQ(parse_error_code("2026-03-30T12:00"), "invalid_date");
  EXPECT_EQ(parse_error_code("2026-0a-30"), "invalid_date");
  EXPECT_EQ(parse_error_code("+026-03-30"), "invalid_date");
  EXPECT_EQ(parse_error_code(""), "invalid_date");
}

TEST(CalendarDate, KnowsItsWeekday) {
  EXPECT_EQ(CalendarDate(2026, 3, 30).weekday(), std::chrono::Monday);
  EXPECT_EQ(CalendarDate(2026, 12, 25).weekday(), std::chrono::Friday);
  EXPECT_EQ(CalendarDate(2000, 2, 29).weekday(), std::chrono::Tuesday);
  EXPECT_EQ(weekday_name(CalendarDate(2026, 3, 26).weekday()), "Thursday");
  EXPECT_TRUE(CalendarDate(2026, 3, 28).is_weekend());
  EXPECT_FALSE(CalendarDate(2026, 3, 27).is_weekend());
}

TEST(CalendarDate, AddsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(CalendarDate(2026, 3, 30).plus_days(-4), CalendarDate(2026, 3, 26));
  EXPECT_EQ(CalendarDate(2026, 12, 31).plus_days(1), CalendarDate(2027, 1, 1));
  EXPECT_EQ(CalendarDate(2024, 2, 28).plus_days(1), CalendarDate(2024, 2, 29));
  EXPECT_EQ(CalendarDate(2100, 2, 28).plus_days(1), CalendarDate(2100, 3, 1));
  EXPECT_EQ(CalendarDate(2026, 1, 1).plus_days(365), CalendarDate(2027, 1, 1));
}

TEST(CalendarDate, CountsDaysBetween) {
  EXPECT_EQ(CalendarDate(2026, 1, 1).days_until(CalendarDate(2027, 1, 1)), 365);
  EXPECT_EQ(CalendarDate(2024, 1, 1).days_until(CalendarDate(2025, 1, 1)), 366);
  EXPECT_EQ(CalendarDate(2026, 3, 30).days_until(CalendarDate(2026, 3, 26)), -4);
  EXPECT_EQ(CalendarDate(1970, 1, 1).days().time_since_epoch().count(), 0);
}

TEST(CalendarDate, OrdersByDay) {
  EXPECT_LT(CalendarDate(2026, 3, 29), CalendarDate(2026, 3, 30));
  EXPECT_LT(CalendarDate(2025, 12, 31), CalendarDate(2026, 1, 1));
  EXPECT_EQ(CalendarDate(2026, 3, 30), CalendarDate::parse("2026-03-30"));
  EXPECT_NE(CalendarDate(2026, 3, 30), CalendarDate(2026, 3, 31));
}

}  // namespace
