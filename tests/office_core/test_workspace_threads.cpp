// One Workspace shared by threads, as a server would share it: two people booking different
// cases onto the same sittings at once both stay booked (the sitting's lock serialises the
// read-modify-write), and threads reading the calendar and case files agree with one reading
// alone. LABELS office: run under ThreadSanitizer in CI.

#include <gtest/gtest.h>

#include <algorithm>
#include <barrier>
#include <string>
#include <thread>
#include <vector>

#include "office/calendar.hpp"
#include "office/sitting/booking.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

using panelpack::office::BookCaseRequest;
using panelpack::office::BookingResult;
using panelpack::office::SittingId;
using panelpack::office::Workspace;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

// Permanence sittings with nothing booked in the sample office.
const std::vector<SittingId> kSittings{
    {"permanence", day("2027-02-09")}, {"permanence", day("2027-02-23")},
    {"permanence", day("2027-03-09")}, {"permanence", day("2027-03-23")},
    {"permanence", day("2027-04-06")}, {"permanence", day("2027-04-20")},
};

TEST(WorkspaceThreads, TwoThreadsBookingOneSittingAtOnceBothStayBooked) {
  const SampleOfficeCopy office;
  const Workspace workspace = office.open();
  const std::vector<std::string> cases{"LCS900106", "LCS900110"};
  std::barrier start(static_cast<std::ptrdiff_t>(cases.size()));
  std::vector<std::vector<BookingResult>> results(cases.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < cases.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const SittingId& sitting : kSittings) {
        start.arrive_and_wait();  // both threads change the same sitting at the same moment
        results[t].push_back(book_case(
            workspace, BookCaseRequest{sitting, cases[t], {}, {}, {}, at("2026-12-01T09:00")}));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 0; t < cases.size(); ++t) {
    for (const BookingResult& result : results[t]) EXPECT_TRUE(result.done()) << result.message;
  }
  const Workspace fresh = office.open();
  for (const SittingId& sitting : kSittings) {
    const auto bookings = fresh.load_bookings(sitting.panel_id, sitting.date);
    ASSERT_TRUE(bookings.has_value()) << sitting.date.iso();
    std::vector<std::string> booked;
    for (const auto& item : bookings->items) booked.push_back(item.case_ref);
    std::sort(booked.begin(), booked.end());
    EXPECT_EQ(booked, cases) << sitting.date.iso();
  }
}

TEST(WorkspaceThreads, ThreadsReadingOneWorkspaceAgreeWithOneReadingAlone) {
  const SampleOfficeCopy office;
  const Workspace workspace = office.open();
  const auto from = day("2026-11-01");
  const auto to = day("2027-12-31");
  const std::string calendar = to_json(list_sittings(workspace, from, to)).dump();
  const std::string case_file = workspace.load_case("LCS900102").data.dump();
  constexpr int kThreads = 4;
  std::barrier start(kThreads);
  std::vector<int> agreed(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int round = 0; round < 5; ++round) {
        const bool same = to_json(list_sittings(workspace, from, to)).dump() == calendar &&
                          workspace.load_case("LCS900102").data.dump() == case_file;
        agreed[static_cast<std::size_t>(t)] += same ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(agreed, std::vector<int>(kThreads, 5));
}

}  // namespace
