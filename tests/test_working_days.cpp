#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "panel/working_days.hpp"

namespace {

using panelpack::panel::CalendarDate;
using panelpack::panel::NamedDate;
using panelpack::panel::WorkingCalendar;

CalendarDate d(const char* iso) {
  return CalendarDate::parse(iso);
}

// A council that closes between Christmas and New Year 2026, and a proclaimed extra day.
WorkingCalendar council_calendar() {
  return WorkingCalendar{{{d("2026-06-12"), "Extra bank holiday"}},
                         {{d("2026-12-29"), "Council closure"},
                          {d("2026-12-30"), "Council closure"},
                          {d("2026-12-31"), "Council closure"}}};
}

TEST(WorkingDays, WeekendsAndBankHolidaysAreNotWorkingDays) {
  const WorkingCalendar calendar;
  EXPECT_TRUE(calendar.is_working_day(d("2026-03-30")));
  EXPECT_FALSE(calendar.is_working_day(d("2026-03-28")));
  EXPECT_FALSE(calendar.is_working_day(d("2026-04-03")));  // Good Friday
  EXPECT_FALSE(calendar.is_working_day(d("2026-04-06")));  // Easter Monday
  EXPECT_TRUE(calendar.is_working_day(d("2026-04-07")));
  EXPECT_EQ(calendar.day_off_reason(d("2026-04-06")), std::optional<std::string>{"Easter Monday"});
  EXPECT_EQ(calendar.day_off_reason(d("2026-03-29")), std::optional<std::string>{"Sunday"});
  EXPECT_EQ(calendar.day_off_reason(d("2026-03-30")), std::nullopt);
}

TEST(WorkingDays, ConfiguredHolidaysAndClosuresAreNotWorkingDays) {
  const WorkingCalendar calendar = council_calendar();
  EXPECT_FALSE(calendar.is_working_day(d("2026-06-12")));
  EXPECT_EQ(calendar.day_off_reason(d("2026-12-30")),
            std::optional<std::string>{"Council closure"});
  EXPECT_TRUE(calendar.is_working_day(d("2027-01-04")));
  EXPECT_TRUE(WorkingCalendar{}.is_working_day(d("2026-12-30")));
}

TEST(WorkingDays, CountingStartsFromTheNextWorkingDay) {
  const WorkingCalendar calendar;
  EXPECT_EQ(calendar.add_working_days(d("2026-03-30"), 1), d("2026-03-31"));
  EXPECT_EQ(calendar.add_working_days(d("2026-03-27"), 1), d("2026-03-30"));  // Fri -> Mon
  EXPECT_EQ(calendar.add_working_days(d("2026-03-28"), 1), d("2026-03-30"));  // from a Saturday
  EXPECT_EQ(calendar.add_working_days(d("2026-03-28"), 0), d("2026-03-28"));
}

TEST(WorkingDays, AddingSkipsEaster) {
  const WorkingCalendar calendar;
  // Thu 2 Apr 2026 + 1: Good Friday, the weekend and Easter Monday are skipped.
  EXPECT_EQ(calendar.add_working_days(d("2026-04-02"), 1), d("2026-04-07"));
  EXPECT_EQ(calendar.add_working_days(d("2026-03-31"), 5), d("2026-04-09"));
  EXPECT_EQ(calendar.add_working_days(d("2026-04-07"), -1), d("2026-04-02"));
  EXPECT_EQ(calendar.add_working_days(d("2026-04-09"), -5), d("2026-03-31"));
}

TEST(WorkingDays, AddingSkipsChristmasSubstitutes) {
  const WorkingCalendar calendar;
  // Tue 22 Dec 2026 + 5: 23, 24, (25 Christmas, 26-27 weekend, 28 Boxing Day substitute), 29,
  // 30, 31.
  EXPECT_EQ(calendar.add_working_days(d("2026-12-22"), 5), d("2026-12-31"));
  // 2027: 25 Dec is a Saturday, so Mon 27 and Tue 28 are off.
  EXPECT_EQ(calendar.add_working_days(d("2027-12-24"), 1), d("2027-12-29"));
}

TEST(WorkingDays, AddingSkipsConfiguredClosures) {
  const WorkingCalendar calendar = council_calendar();
  // 23, 24, then closed until 1 Jan 2027 (bank holiday) and the weekend: 4, 5, 6 Jan.
  EXPECT_EQ(calendar.add_working_days(d("2026-12-22"), 5), d("2027-01-06"));
  EXPECT_EQ(calendar.add_working_days(d("2026-12-24"), 1), d("2027-01-04"));
  EXPECT_EQ(calendar.add_working_days(d("2026-06-11"), 1), d("2026-06-15"));
}

TEST(WorkingDays, CountsWorkingDaysBetween) {
  const WorkingCalendar calendar;
  EXPECT_EQ(calendar.working_days_between(d("2026-03-30"), d("2026-04-03")), 3);  // Tue-Thu
  EXPECT_EQ(calendar.working_days_between(d("2026-03-30"), d("2026-04-10")), 7);
  EXPECT_EQ(calendar.working_days_between(d("2026-04-10"), d("2026-03-30")), -7);
  EXPECT_EQ(calendar.working_days_between(d("2026-12-24"), d("2027-01-04")), 4);
  EXPECT_EQ(council_calendar().working_days_between(d("2026-12-24"), d("2027-01-04")), 1);
  EXPECT_EQ(calendar.working_days_between(d("2026-05-01"), d("2026-05-01")), 0);
  // 2026: 365 days, 104 weekend days, 8 bank holidays, none on a weekend.
  EXPECT_EQ(calendar.working_days_between(d("2025-12-31"), d("2026-12-31")), 253);
}

TEST(WorkingDays, AddingTheCountBetweenReachesTheWorkingDay) {
  const WorkingCalendar calendar = council_calendar();
  const CalendarDate from = d("2026-12-01");
  for (CalendarDate to = from; to < d("2027-01-31"); to = to.plus_days(1)) {
    if (!calendar.is_working_day(to)) continue;
    EXPECT_EQ(calendar.add_working_days(from, calendar.working_days_between(from, to)), to)
        << to.iso();
    // `from` is a working day, so going back the same count reaches it.
    EXPECT_EQ(calendar.add_working_days(to, calendar.working_days_between(to, from)), from)
        << to.iso();
  }
}

}  // namespace
