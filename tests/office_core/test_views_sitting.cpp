// The Sitting page's model (office/views/sitting_view.hpp) on a copy of the sample office: the
// papers grid of the 15 December permanence sitting, the agenda it carries, and the version a
// form sends back, which refuses a stale change and leaves the bookings file as it was.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office/sitting/bookings_version.hpp"
#include "office/views/sitting_view.hpp"
#include "office_core/sample_office_copy.hpp"
#include "text/sha256.hpp"

namespace {

namespace office = panelpack::office;
using office::PaperCell;
using office::PaperCellState;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

class SittingPage : public ::testing::Test {
 protected:
  std::string bookings_text() const {
    return SampleOfficeCopy::read(office_.root() / "bookings" / "permanence" / "2026-12-15.json");
  }
  office::BookCaseRequest book_110() const {
    return {{"permanence", day("2026-12-15")}, "LCS900110", {}, {}, {}, now};
  }
  SampleOfficeCopy office_;
  const panelpack::panel::UtcInstant now = at("2026-12-14T09:00");
};

std::string cell_text(const PaperCell& cell) {
  return office::to_string(cell.state) +
         (cell.received ? " " + cell.received->date.iso() + " " + cell.received->time.text() : "");
}

TEST_F(SittingPage, ThePapersGridOfThe15DecemberSittingIsOnTimeLateMissingOrNotNeeded) {
  const office::SittingView view =
      office::sitting_view(office_.open(), "permanence", day("2026-12-15"), now);
  EXPECT_EQ(view.paper_types, (std::vector<std::string>{"referral", "care-plan", "chronology"}));
  ASSERT_EQ(view.papers.size(), 3U);
  std::vector<std::vector<std::string>> grid;
  for (const office::PaperGridRow& row : view.papers) {
    std::vector<std::string> line{std::to_string(row.item) + " " + row.case_ref};
    for (const PaperCell& cell : row.cells) line.push_back(cell_text(cell));
    grid.push_back(line);
  }
  EXPECT_EQ(grid,
            (std::vector<std::vector<std::string>>{
                {"1 LCS900102", "on_time 2026-12-10 16:40", "late 2026-12-11 09:15", "not_needed"},
                {"2 LCS900103", "on_time 2026-12-10 16:40", "not_needed", "not_needed"},
                {"3 LCS900108", "on_time 2026-12-09 15:30", "not_needed", "missing"},
            }));
  EXPECT_EQ(view.papers[0].child_name, "Leah Thornbury");
  EXPECT_EQ(view.papers[0].cells[1].words, "received late");
  EXPECT_EQ(view.papers[2].cells[2].words, "missing");
  EXPECT_EQ(view.papers[1].cells[1].words, "not needed");
  EXPECT_EQ(view.paper_labels.size(), 3U);
}

TEST_F(SittingPage, APaperOnFileElsewhereShowsItsStateItsTimeAndWhy) {
  const office::Workspace workspace = office_.open();
  office::ReceivedPaperRequest request{
      {"permanence", day("2026-12-15")}, "LCS900108", "chronology", at("2026-12-14T08:30"), {},
      "held in the court bundle",        now};
  ASSERT_TRUE(office::record_received_paper(workspace, request).done());
  const office::SittingView view =
      office::sitting_view(workspace, "permanence", day("2026-12-15"), now);
  const PaperCell& chronology = view.papers[2].cells[2];
  EXPECT_EQ(cell_text(chronology), "late 2026-12-14 08:30");
  EXPECT_EQ(chronology.on_file_elsewhere, "held in the court bundle");
  EXPECT_EQ(chronology.words,
            "received late; not in the pack, on file elsewhere: held in the court bundle");
}

TEST_F(SittingPage, TheAgendaIsTheOneThatPrintsWithItsSlotsPresentersAndApologies) {
  const office::SittingView view =
      office::sitting_view(office_.open(), "permanence", day("2026-12-15"), now);
  ASSERT_EQ(view.agenda.items.size(), 3U);
  EXPECT_EQ(view.agenda.items[0].slot.text(), "09:30");
  EXPECT_EQ(view.agenda.items[0].end_time.text(), "10:30");  // booked for 60 minutes
  EXPECT_EQ(view.agenda.items[1].slot.text(), "10:30");
  EXPECT_FALSE(view.agenda.items[0].presenters.empty());
  ASSERT_EQ(view.agenda.apologies.size(), 1U);
  EXPECT_EQ(view.agenda.apologies[0].at("name"), "Dr Anjali Mistry");
  const auto json = office::to_json(view);
  EXPECT_EQ(json.at("papers")[2].at("cells")[2].at("state"), "missing");
  EXPECT_EQ(json.at("papers")[0].at("cells")[1].at("received"), "2026-12-11T09:15:00+00:00");
  EXPECT_EQ(json.at("agenda").at("items").size(), 3U);
}

TEST_F(SittingPage, TheVersionIsTheHashOfTheBookingsFileAndNoneWithoutOne) {
  const office::Workspace workspace = office_.open();
  const office::SittingView view =
      office::sitting_view(workspace, "permanence", day("2026-12-15"), now);
  EXPECT_EQ(view.version, panelpack::text::sha256_hex(bookings_text()));
  EXPECT_EQ(office::bookings_version(workspace, "permanence", day("2027-02-09")), "none");
}

TEST_F(SittingPage, AStaleFormIsRefusedAndTheBookingsFileIsByteIdentical) {
  const office::Workspace workspace = office_.open();
  const std::string opened =
      office::sitting_view(workspace, "permanence", day("2026-12-15"), now).version;
  // Someone else changes the sitting after the form was opened.
  ASSERT_TRUE(office::move_case(workspace, {{"permanence", day("2026-12-15")}, "LCS900108", 1, now})
                  .done());
  const std::string after_move = bookings_text();

  const office::BookingResult stale = office::book_case(workspace, book_110(), opened);
  ASSERT_TRUE(stale.refused.has_value());
  EXPECT_EQ(*stale.refused, office::BookingRefusal::sitting_changed);
  EXPECT_NE(stale.message.find("changed since you opened it"), std::string::npos);
  EXPECT_EQ(bookings_text(), after_move);
  const office::BookingResult stale_remove =
      office::remove_case(workspace, {{"permanence", day("2026-12-15")}, "LCS900103", now}, opened);
  EXPECT_EQ(stale_remove.refused, office::BookingRefusal::sitting_changed);
  EXPECT_EQ(bookings_text(), after_move);

  // A form opened on the current version goes through, and the version moves on.
  const std::string current =
      office::sitting_view(workspace, "permanence", day("2026-12-15"), now).version;
  const office::BookingResult booked = office::book_case(workspace, book_110(), current);
  ASSERT_TRUE(booked.done()) << booked.message;
  EXPECT_EQ(booked.item, 4U);
  EXPECT_NE(office::bookings_version(workspace, "permanence", day("2026-12-15")), current);
}

TEST_F(SittingPage, AFormOpenedOnAnEmptySittingBooksWhenItIsStillEmpty) {
  const office::Workspace workspace = office_.open();
  office::BookCaseRequest request = book_110();
  request.sitting.date = day("2027-02-09");
  const office::BookingResult booked = office::book_case(workspace, request, "none");
  ASSERT_TRUE(booked.done()) << booked.message;
  request.case_ref = "LCS900106";
  EXPECT_EQ(office::book_case(workspace, request, "none").refused,
            office::BookingRefusal::sitting_changed);
}

TEST_F(SittingPage, TwoFormsOpenedOnOneVersionAtOnceOneChangeWinsAndTheOtherIsRefused) {
  const office::Workspace workspace = office_.open();
  const std::string opened =
      office::sitting_view(workspace, "permanence", day("2026-12-15"), now).version;
  office::BookCaseRequest first = book_110();
  office::BookCaseRequest second = book_110();
  second.case_ref = "LCS900113";
  office::BookingResult results[2];
  std::thread one([&] { results[0] = office::book_case(workspace, first, opened); });
  std::thread two([&] { results[1] = office::book_case(workspace, second, opened); });
  one.join();
  two.join();
  EXPECT_NE(results[0].done(), results[1].done());
  const office::BookingResult& refused = results[0].done() ? results[1] : results[0];
  EXPECT_EQ(refused.refused, office::BookingRefusal::sitting_changed);
  const auto view = office::sitting_view(workspace, "permanence", day("2026-12-15"), now);
  EXPECT_EQ(view.agenda.items.size(), 4U);
}

}  // namespace
