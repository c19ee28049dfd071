// The booking rules of office/sitting/booking.hpp on a copy of the sample office: what is
// booked, refused (as a result, nothing written), removed, moved and recorded as received.
// The sample's permanence panel sits every other Tuesday; 2026-12-15 holds LCS900102,
// LCS900103 and LCS900108, 2027-02-09 nothing, 2026-12-29 is cancelled.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::BookCaseRequest;
using panelpack::office::BookingRefusal;
using panelpack::office::BookingResult;
using panelpack::office::MoveCaseRequest;
using panelpack::office::ReceivedPaperRequest;
using panelpack::office::RemoveCaseRequest;
using panelpack::office::SittingId;
using panelpack::office::Workspace;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

const SittingId kBooked{"permanence", day("2026-12-15")};
const SittingId kEmpty{"permanence", day("2027-02-09")};
const auto kNow = at("2026-12-01T09:00");

std::vector<std::string> booked_cases(const Workspace& workspace, const SittingId& sitting) {
  std::vector<std::string> cases;
  if (const auto bookings = workspace.load_bookings(sitting.panel_id, sitting.date)) {
    for (const auto& item : bookings->items) cases.push_back(item.case_ref);
  }
  return cases;
}

class Booking : public ::testing::Test {
 protected:
  fs::path bookings_file(const SittingId& sitting) const {
    return office_.root() / "bookings" / sitting.panel_id / (sitting.date.iso() + ".json");
  }
  BookingResult book(const SittingId& sitting, const std::string& case_ref) const {
    return book_case(office_.open(), BookCaseRequest{sitting, case_ref, {}, {}, {}, kNow});
  }
  ReceivedPaperRequest received(const std::string& case_ref, const std::string& type) const {
    return ReceivedPaperRequest{kBooked, case_ref, type, {}, {}, "", kNow};
  }
  // Expects `result` refused for `why`, and the sitting's file as it was.
  void expect_refused(const BookingResult& result, BookingRefusal why, const SittingId& sitting,
                      const std::string& before) const {
    ASSERT_TRUE(result.refused.has_value()) << result.message;
    EXPECT_EQ(*result.refused, why) << result.message;
    EXPECT_FALSE(result.message.empty());
    const fs::path file = bookings_file(sitting);
    if (before.empty()) {
      EXPECT_FALSE(fs::exists(file));
    } else {
      EXPECT_EQ(SampleOfficeCopy::read(file), before);
    }
  }

  SampleOfficeCopy office_;
};

TEST_F(Booking, ACaseIsBookedAtTheEndWithItsCaseFilesReasonAndPapers) {
  const BookingResult result = book(kBooked, "LCS900106");
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.item, 4U);
  EXPECT_EQ(result.message, "booked LCS900106 onto permanence 2026-12-15 as item 4");
  const auto bookings = office_.open().load_bookings("permanence", day("2026-12-15"));
  ASSERT_TRUE(bookings.has_value());
  ASSERT_EQ(bookings->items.size(), 4U);
  EXPECT_EQ(bookings->items[3].case_ref, "LCS900106");
  EXPECT_EQ(bookings->items[3].reason, "ratify_plan");
  EXPECT_FALSE(bookings->items[3].paper_types.empty());
  EXPECT_EQ(bookings->items[3].paper_types.front(), "referral");
}

TEST_F(Booking, AnEmptySittingGetsItsFirstBookingWithTheGivenReasonPapersAndMinutes) {
  const BookingResult result = book_case(
      office_.open(),
      BookCaseRequest{kEmpty, "LCS900110", "change_plan",
                      std::vector<std::string>{"referral", "care-plan", "referral"}, 30, kNow});
  ASSERT_TRUE(result.done()) << result.message;
  const auto bookings = office_.open().load_bookings("permanence", day("2027-02-09"));
  ASSERT_TRUE(bookings.has_value());
  ASSERT_EQ(bookings->items.size(), 1U);
  EXPECT_EQ(bookings->items[0].reason, "change_plan");
  EXPECT_EQ(bookings->items[0].paper_types, (std::vector<std::string>{"referral", "care-plan"}));
  EXPECT_EQ(bookings->items[0].minutes, 30);
}

TEST_F(Booking, ACaseRefInLowerCaseBooksTheCapitalisedCase) {
  const BookingResult result = book(kEmpty, "lcs900106");
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.case_ref, "LCS900106");
  EXPECT_EQ(booked_cases(office_.open(), kEmpty), std::vector<std::string>{"LCS900106"});
}

TEST_F(Booking, BookingACaseTwiceIsRefusedAndNothingIsWritten) {
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  expect_refused(book(kBooked, "LCS900102"), BookingRefusal::already_booked, kBooked, before);
}

TEST_F(Booking, AnUnknownCaseIsRefused) {
  expect_refused(book(kEmpty, "LCS999999"), BookingRefusal::case_file_unusable, kEmpty, "");
}

TEST_F(Booking, AnUnknownPanelADayItDoesNotSitAndACancelledSittingAreRefused) {
  expect_refused(book({"nosuch", day("2027-02-09")}, "LCS900106"), BookingRefusal::unknown_panel,
                 {"nosuch", day("2027-02-09")}, "");
  expect_refused(book({"permanence", day("2027-02-10")}, "LCS900106"), BookingRefusal::no_sitting,
                 {"permanence", day("2027-02-10")}, "");
  expect_refused(book({"permanence", day("2026-12-29")}, "LCS900106"),
                 BookingRefusal::sitting_cancelled, {"permanence", day("2026-12-29")}, "");
}

TEST_F(Booking, ASittingOnAClosureDayTakesNoBookingsUntilConfirmed) {
  office_.close_on("2027-02-09");
  expect_refused(book(kEmpty, "LCS900106"), BookingRefusal::sitting_on_day_off, kEmpty, "");
  office_.edit_office([](nlohmann::json& office) {
    office["panels"][0]["confirmedSittings"] = {{{"date", "2027-02-09"}, {"reason", "agreed"}}};
  });
  EXPECT_TRUE(book(kEmpty, "LCS900106").done());
}

TEST_F(Booking, AFullSittingIsRefused) {
  office_.edit_office([](nlohmann::json& office) { office["panels"][0]["maxCases"] = 3; });
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  expect_refused(book(kBooked, "LCS900106"), BookingRefusal::sitting_full, kBooked, before);
}

TEST_F(Booking, AnUnknownPaperTypeIsRefused) {
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  expect_refused(
      book_case(
          office_.open(),
          BookCaseRequest{
              kBooked, "LCS900106", {}, std::vector<std::string>{"referral", "minutes"}, {}, kNow}),
      BookingRefusal::not_a_paper_type, kBooked, before);
  expect_refused(record_received_paper(office_.open(), received("LCS900103", "minutes")),
                 BookingRefusal::not_a_paper_type, kBooked, before);
}

TEST_F(Booking, BookingNamesTheComingSittingsTheCaseIsOnAlready) {
  const BookingResult result = book(kEmpty, "LCS900104");
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.also_booked_onto, std::vector<std::string>{"permanence 2027-01-12"});
}

TEST_F(Booking, RemovingTakesTheCaseOffAndRemovingOneNotBookedIsRefused) {
  const BookingResult result =
      remove_case(office_.open(), RemoveCaseRequest{kBooked, "LCS900103", kNow});
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.item, 0U);
  EXPECT_EQ(booked_cases(office_.open(), kBooked),
            (std::vector<std::string>{"LCS900102", "LCS900108"}));
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  expect_refused(remove_case(office_.open(), RemoveCaseRequest{kBooked, "LCS900103", kNow}),
                 BookingRefusal::not_booked, kBooked, before);
}

TEST_F(Booking, MovingACaseReordersTheAgenda) {
  const BookingResult result =
      move_case(office_.open(), MoveCaseRequest{kBooked, "LCS900108", 1, kNow});
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.item, 1U);
  EXPECT_EQ(booked_cases(office_.open(), kBooked),
            (std::vector<std::string>{"LCS900108", "LCS900102", "LCS900103"}));
  ASSERT_TRUE(move_case(office_.open(), MoveCaseRequest{kBooked, "LCS900108", 3, kNow}).done());
  EXPECT_EQ(booked_cases(office_.open(), kBooked),
            (std::vector<std::string>{"LCS900102", "LCS900103", "LCS900108"}));
}

TEST_F(Booking, MovingOutsideTheAgendaOrACaseNotBookedIsRefused) {
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  for (const std::size_t item : {std::size_t{0}, std::size_t{4}}) {
    expect_refused(move_case(office_.open(), MoveCaseRequest{kBooked, "LCS900102", item, kNow}),
                   BookingRefusal::item_out_of_range, kBooked, before);
  }
  expect_refused(move_case(office_.open(), MoveCaseRequest{kBooked, "LCS900106", 1, kNow}),
                 BookingRefusal::not_booked, kBooked, before);
}

TEST_F(Booking, ADocumentPaperWithoutAFileIsRefused) {
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  expect_refused(record_received_paper(office_.open(), received("LCS900103", "care-plan")),
                 BookingRefusal::file_needed, kBooked, before);
  ReceivedPaperRequest missing = received("LCS900103", "care-plan");
  missing.file = office_.root() / "no-such.docx";
  expect_refused(record_received_paper(office_.open(), missing), BookingRefusal::no_such_file,
                 kBooked, before);
}

TEST_F(Booking, ADocumentPaperKeptElsewhereIsRecordedWithItsReason) {
  ReceivedPaperRequest request = received("LCS900103", "care-plan");
  request.on_file_elsewhere = "held by legal services";
  const BookingResult result = record_received_paper(office_.open(), request);
  ASSERT_TRUE(result.done()) << result.message;
  const auto bookings = office_.open().load_bookings("permanence", day("2026-12-15"));
  const auto* paper = bookings->find("LCS900103")->received("care-plan");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->on_file_elsewhere, "held by legal services");
  EXPECT_TRUE(paper->file.empty());
  const auto& types = bookings->find("LCS900103")->paper_types;
  EXPECT_NE(std::find(types.begin(), types.end(), "care-plan"), types.end());
}

TEST_F(Booking, ADocumentFromOutsideTheOfficeIsCopiedIntoItsPapersFolder) {
  const fs::path outside = office_.root().parent_path() / "care plan.docx";
  SampleOfficeCopy::write(outside, "the document's bytes");
  ReceivedPaperRequest request = received("LCS900103", "care-plan");
  request.file = outside;
  request.received_at = at("2026-11-30T16:00");
  ASSERT_TRUE(record_received_paper(office_.open(), request).done());
  EXPECT_EQ(SampleOfficeCopy::read(office_.root() / "papers" / "LCS900103" / "care plan.docx"),
            "the document's bytes");
  const auto bookings = office_.open().load_bookings("permanence", day("2026-12-15"));
  const auto* paper = bookings->find("LCS900103")->received("care-plan");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->file, "papers/LCS900103/care plan.docx");
  EXPECT_EQ(paper->received_at, at("2026-11-30T16:00"));
  // The same document again is the same paper: refused.
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  expect_refused(record_received_paper(office_.open(), request), BookingRefusal::already_received,
                 kBooked, before);
}

TEST_F(Booking, APaperArrivingAfterNowOrForACaseNotBookedIsRefused) {
  const std::string before = SampleOfficeCopy::read(bookings_file(kBooked));
  ReceivedPaperRequest later = received("LCS900108", "chronology");
  later.on_file_elsewhere = "on paper";
  later.received_at = at("2026-12-02T09:00");
  expect_refused(record_received_paper(office_.open(), later), BookingRefusal::received_after_now,
                 kBooked, before);
  expect_refused(record_received_paper(office_.open(), received("LCS900106", "referral")),
                 BookingRefusal::not_booked, kBooked, before);
}

TEST_F(Booking, AReferralPanelpackFillsNeedsNoFileButIsRecordedOnce) {
  ASSERT_TRUE(book(kEmpty, "LCS900106").done());
  ReceivedPaperRequest referral{kEmpty, "LCS900106", "referral", {}, {}, "", kNow};
  ASSERT_TRUE(record_received_paper(office_.open(), referral).done());
  const std::string before = SampleOfficeCopy::read(bookings_file(kEmpty));
  expect_refused(record_received_paper(office_.open(), referral), BookingRefusal::already_received,
                 kEmpty, before);
}

}  // namespace
