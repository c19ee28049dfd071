// One WorkingCalendar shared by several threads, as a server shares a workspace: every thread
// asks about the same years at once, starting where the bank holidays are not yet computed,
// and gets the answers one thread alone gets. Run under ThreadSanitizer by scripts/tsan.sh.
#include <gtest/gtest.h>

#include <chrono>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "panel/bank_holidays.hpp"
#include "panel/panel_error.hpp"
#include "panel/working_days.hpp"

namespace {

using panelpack::panel::CalendarDate;
using panelpack::panel::england_and_wales_bank_holidays;
using panelpack::panel::NamedDate;
using panelpack::panel::PanelError;
using panelpack::panel::WorkingCalendar;

constexpr int kThreads = 4;
// Years no other test in this program asks about, so the threads are the first to ask.
constexpr int kFirstYear = 2051;
constexpr int kYears = 24;

// What a thread learns about one year.
struct YearAnswers {
  std::vector<std::optional<std::string>> day_off_reasons;  // one per day of the year
  CalendarDate thirty_working_days_on;                      // from 1 January
  int working_days_in_year = 0;                             // 31 Dec of the year before to 31 Dec
  friend bool operator==(const YearAnswers&, const YearAnswers&) = default;
};

YearAnswers ask_about(const WorkingCalendar& calendar, int year) {
  YearAnswers answers;
  for (CalendarDate day{year, 1, 1}; day.year() == year; day = day.plus_days(1)) {
    answers.day_off_reasons.push_back(calendar.day_off_reason(day));
  }
  answers.thirty_working_days_on = calendar.add_working_days(CalendarDate{year, 1, 1}, 30);
  answers.working_days_in_year =
      calendar.working_days_between(CalendarDate{year - 1, 12, 31}, CalendarDate{year, 12, 31});
  return answers;
}

// A council with its own closures inside the years the threads ask about (2055, 2060) and in
// the year the rules test checks (2050).
WorkingCalendar council_calendar() {
  return WorkingCalendar{{{CalendarDate{2055, 6, 14}, "Extra bank holiday"}},
                         {{CalendarDate{2050, 12, 28}, "Council closure"},
                          {CalendarDate{2050, 12, 29}, "Council closure"},
                          {CalendarDate{2050, 12, 30}, "Council closure"},
                          {CalendarDate{2060, 12, 29}, "Council closure"}}};
}

TEST(WorkingDaysThreads, ThreadsSharingACalendarGetTheSingleThreadedAnswers) {
  const WorkingCalendar shared = council_calendar();
  std::vector<std::vector<YearAnswers>> by_thread(kThreads, std::vector<YearAnswers>(kYears));
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();  // all at once, so they fill the same years together
        // Each thread starts at another year and wraps round: every year is asked for first by
        // one thread while others ask for it too.
        for (int i = 0; i < kYears; ++i) {
          const int index = (i + t * kYears / kThreads) % kYears;
          by_thread[t][index] = ask_about(shared, kFirstYear + index);
        }
      });
    }
  }

  const WorkingCalendar alone = council_calendar();
  for (int index = 0; index < kYears; ++index) {
    const YearAnswers expected = ask_about(alone, kFirstYear + index);
    for (int t = 0; t < kThreads; ++t) {
      EXPECT_EQ(by_thread[t][index], expected) << "thread " << t << ", " << kFirstYear + index;
    }
  }
}

TEST(WorkingDaysThreads, TheAnswersAreTheBankHolidayRules) {
  // The single-threaded answers above come from the same code; these come from the rules.
  const WorkingCalendar calendar = council_calendar();
  const YearAnswers year_2050 = ask_about(calendar, 2050);
  std::vector<std::optional<std::string>> expected;
  const std::vector<NamedDate> holidays = england_and_wales_bank_holidays(2050);
  for (CalendarDate day{2050, 1, 1}; day.year() == 2050; day = day.plus_days(1)) {
    std::optional<std::string> reason;
    if (day.is_weekend()) {
      reason = day.weekday() == std::chrono::Saturday ? "Saturday" : "Sunday";
    }
    for (const auto& holiday : holidays) {
      if (!reason && holiday.date == day) reason = holiday.name;
    }
    if (!reason && day >= CalendarDate{2050, 12, 28} && day <= CalendarDate{2050, 12, 30}) {
      reason = "Council closure";
    }
    expected.push_back(reason);
  }
  EXPECT_EQ(year_2050.day_off_reasons, expected);
  // 2050 starts on a Saturday: 365 days less 105 weekend days, 8 bank holidays on weekdays
  // (New Year's Day and Christmas Day fall at weekends and move) and 3 closure days.
  EXPECT_EQ(year_2050.working_days_in_year, 249);
}

TEST(WorkingDaysThreads, AYearOutOfRangeFailsInEveryThreadAndSpoilsNoOtherYear) {
  const WorkingCalendar shared;
  std::vector<std::string> codes(kThreads);
  std::vector<std::optional<std::string>> new_year(kThreads);
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        try {
          (void)shared.is_working_day(CalendarDate{1970, 1, 5});
        } catch (const PanelError& error) {
          codes[t] = error.code();
        }
        new_year[t] = shared.day_off_reason(CalendarDate{2030, 1, 1});
      });
    }
  }
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(codes[t], "year_out_of_range") << "thread " << t;
    EXPECT_EQ(new_year[t], std::optional<std::string>{"New Year's Day"}) << "thread " << t;
  }
}

}  // namespace
