#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "panel/london_time.hpp"
#include "panel/panel_error.hpp"

namespace {

using panelpack::panel::CalendarDate;
using panelpack::panel::format_utc;
using panelpack::panel::is_british_summer_time;
using panelpack::panel::local_to_utc;
using panelpack::panel::PanelError;
using panelpack::panel::TimeOfDay;
using panelpack::panel::utc_to_local;
using panelpack::panel::UtcInstant;

std::string utc_of(const char* date, const char* time) {
  return format_utc(local_to_utc(CalendarDate::parse(date), TimeOfDay::parse(time)));
}

std::string local_of(const char* date, const char* time) {
  return utc_to_local(local_to_utc(CalendarDate::parse(date), TimeOfDay::parse(time))).iso8601();
}

UtcInstant utc(const char* date, int hour, int minute) {
  return UtcInstant{CalendarDate::parse(date).days() + std::chrono::hours{hour} +
                    std::chrono::minutes{minute}};
}

TEST(LondonTime, GmtInWinterBstInSummer) {
  EXPECT_EQ(utc_of("2026-03-26", "12:00"), "2026-03-26T12:00:00Z");
  EXPECT_EQ(local_of("2026-03-26", "12:00"), "2026-03-26T12:00:00+00:00");
  EXPECT_EQ(utc_of("2026-07-01", "09:30"), "2026-07-01T08:30:00Z");
  EXPECT_EQ(local_of("2026-07-01", "09:30"), "2026-07-01T09:30:00+01:00");
}

TEST(LondonTime, SpringChangeAtOneUtcOnLastSundayOfMarch2026) {
  EXPECT_FALSE(is_british_summer_time(utc("2026-03-29", 0, 59)));
  EXPECT_TRUE(is_british_summer_time(utc("2026-03-29", 1, 0)));
  EXPECT_EQ(utc_to_local(utc("2026-03-29", 0, 59)).iso8601(), "2026-03-29T00:59:00+00:00");
  EXPECT_EQ(utc_to_local(utc("2026-03-29", 1, 0)).iso8601(), "2026-03-29T02:00:00+01:00");
  EXPECT_EQ(utc_of("2026-03-29", "00:30"), "2026-03-29T00:30:00Z");
  EXPECT_EQ(utc_of("2026-03-29", "02:00"), "2026-03-29T01:00:00Z");
}

TEST(LondonTime, SpringGapShiftsForwardAnHour) {
  // 01:30 on 29 March 2026 never shows on a London clock: it is read as 02:30 BST.
  EXPECT_EQ(utc_of("2026-03-29", "01:30"), "2026-03-29T01:30:00Z");
  EXPECT_EQ(local_of("2026-03-29", "01:30"), "2026-03-29T02:30:00+01:00");
  EXPECT_EQ(local_of("2026-03-29", "01:00"), "2026-03-29T02:00:00+01:00");
}

TEST(LondonTime, AutumnChangeAtOneUtcOnLastSundayOfOctober2026) {
  EXPECT_TRUE(is_british_summer_time(utc("2026-10-25", 0, 59)));
  EXPECT_FALSE(is_british_summer_time(utc("2026-10-25", 1, 0)));
  EXPECT_EQ(utc_to_local(utc("2026-10-25", 0, 30)).iso8601(), "2026-10-25T01:30:00+01:00");
  EXPECT_EQ(utc_to_local(utc("2026-10-25", 1, 30)).iso8601(), "2026-10-25T01:30:00+00:00");
  EXPECT_EQ(utc_of("2026-10-25", "02:00"), "2026-10-25T02:00:00Z");
  EXPECT_EQ(local_of("2026-10-26", "12:00"), "2026-10-26T12:00:00+00:00");
  EXPECT_EQ(local_of("2026-10-24", "12:00"), "2026-10-24T12:00:00+01:00");
}

TEST(LondonTime, AutumnOverlapTakesTheFirstBstOccurrence) {
  EXPECT_EQ(utc_of("2026-10-25", "01:30"), "2026-10-25T00:30:00Z");
  EXPECT_EQ(local_of("2026-10-25", "01:30"), "2026-10-25T01:30:00+01:00");
  EXPECT_EQ(utc_of("2026-10-25", "01:00"), "2026-10-25T00:00:00Z");
}

TEST(LondonTime, UtcToLocalCrossesMidnight) {
  EXPECT_EQ(utc_to_local(utc("2026-06-30", 23, 15)).iso8601(), "2026-07-01T00:15:00+01:00");
  EXPECT_EQ(utc_to_local(utc("2026-12-31", 23, 59)).iso8601(), "2026-12-31T23:59:00+00:00");
}

TEST(LondonTime, RoundTripsEveryQuarterHourOf2026) {
  for (auto instant = utc("2026-01-01", 0, 0); instant < utc("2027-01-01", 0, 0);
       instant += std::chrono::minutes{15}) {
    const auto local = utc_to_local(instant);
    const auto back = local_to_utc(local.date, local.time);
    // Only the second (GMT) pass through the repeated autumn hour maps back to the first.
    if (back != instant) {
      EXPECT_EQ(back, instant - std::chrono::hours{1}) << format_utc(instant);
      EXPECT_EQ(local.utc_offset_minutes, 0);
    }
  }
}

TEST(TimeOfDay, ParsesStrictHhMm) {
  EXPECT_EQ(TimeOfDay::parse("12:00"), (TimeOfDay{12, 0}));
  EXPECT_EQ(TimeOfDay::parse("23:59").text(), "23:59");
  for (const char* bad : {"24:00", "12:60", "9:30", "12.00", "12:00:00", "", "ab:cd"}) {
    try {
      TimeOfDay::parse(bad);
      ADD_FAILURE() << bad;
    } catch (const PanelError& error) {
      EXPECT_EQ(error.code(), "invalid_time") << bad;
      EXPECT_EQ(error.where(), bad);
    }
  }
}

TEST(LondonTime, YearsBeforeTheRuleAreRefused) {
  try {
    local_to_utc(CalendarDate(1995, 6, 1), TimeOfDay{12, 0});
    FAIL() << "expected an error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "year_out_of_range");
  }
}

}  // namespace
