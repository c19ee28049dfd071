// Changing the calendar in office.json (office/calendar_changes.hpp) on a copy of the sample
// office on 14 December 2026: an extra sitting added, a sitting cancelled and one moved, each
// with its reason; every refusal leaves office.json's bytes as they were; a stale version is
// refused; two changes at once both land.

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "office/calendar_changes.hpp"
#include "office/sitting/booking.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"

namespace {

namespace office = panelpack::office;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;
using Kind = office::CalendarChangeKind;
using Field = office::CalendarField;

class CalendarChanges : public ::testing::Test {
 protected:
  SampleOfficeCopy office_;
  const panelpack::panel::CalendarDate today_ = day("2026-12-14");

  std::string bytes() const { return SampleOfficeCopy::read(office_.root() / "office.json"); }
  nlohmann::ordered_json panel_json(const std::string& id) const {
    const auto office = nlohmann::ordered_json::parse(bytes());
    for (const auto& panel : office["panels"]) {
      if (panel["id"] == id) return panel;
    }
    return {};
  }
  office::CalendarChangeResult run(Kind kind, std::string date, std::string reason,
                                   std::string new_date = "", std::string panel = "permanence",
                                   const std::string* version = nullptr) {
    return office::change_calendar(
        office_.open(),
        {kind, std::move(panel), std::move(date), std::move(new_date), std::move(reason)}, today_,
        version);
  }
  // The one problem of a refusal, as "FIELD message".
  static Field only_field(const office::CalendarChangeResult& result) {
    EXPECT_FALSE(result.done);
    EXPECT_EQ(result.problems.size(), 1U);
    return result.problems.empty() ? Field::office : result.problems.front().field;
  }
};

TEST_F(CalendarChanges, AddsAnExtraSittingWithItsReasonAndKeepsTheRestOfTheFile) {
  const auto before = nlohmann::ordered_json::parse(bytes());
  const auto result = run(Kind::add, "2027-02-02", "Extra sitting for a sibling group");
  ASSERT_TRUE(result.done);
  EXPECT_EQ(result.sitting_ids, std::vector<std::string>{"permanence/2027-02-02"});
  const auto extras = panel_json("permanence")["extraSittings"];
  ASSERT_EQ(extras.size(), 3U);
  EXPECT_EQ(extras[2], (nlohmann::ordered_json{{"date", "2027-02-02"},
                                               {"reason", "Extra sitting for a sibling group"}}));
  // Everything else is as it was, in the same order.
  auto after = nlohmann::ordered_json::parse(bytes());
  after["panels"][0]["extraSittings"].erase(2);
  EXPECT_EQ(after, before);
  const auto sitting = panelpack::panel::find_sitting(office_.open().office().panel("permanence"),
                                                      day("2027-02-02"));
  EXPECT_TRUE(sitting.extra);
  EXPECT_EQ(sitting.note, "Extra sitting for a sibling group");
}

TEST_F(CalendarChanges, CancelsACadenceSittingWithTheReason) {
  const auto result = run(Kind::cancel, "2027-02-09", "Chair on leave");
  ASSERT_TRUE(result.done);
  const auto cancelled = panel_json("permanence")["cancelled"];
  ASSERT_EQ(cancelled.size(), 2U);
  EXPECT_EQ(cancelled[1],
            (nlohmann::ordered_json{{"date", "2027-02-09"}, {"name", "Chair on leave"}}));
  try {
    panelpack::panel::find_sitting(office_.open().office().panel("permanence"), day("2027-02-09"));
    FAIL() << "the sitting is still there";
  } catch (const panelpack::panel::PanelError& error) {
    EXPECT_EQ(error.code(), "sitting_cancelled");
  }
}

TEST_F(CalendarChanges, ABookingMadeFromAnOfficeReadBeforeTheCancellationIsRefused) {
  // A page opened, then the sitting cancelled: booking reads office.json again under the
  // sitting's lock (which the cancellation holds while it writes), so it sees the cancellation.
  const office::Workspace read_before = office_.open();
  ASSERT_TRUE(run(Kind::cancel, "2027-02-09", "Chair on leave").done);
  const office::BookingResult booked =
      office::book_case(read_before, {{"permanence", day("2027-02-09")},
                                      "LCS900110",
                                      std::nullopt,
                                      std::nullopt,
                                      std::nullopt,
                                      panelpack::testing::at("2027-01-20T10:00:00Z")});
  ASSERT_TRUE(booked.refused.has_value()) << booked.message;
  EXPECT_EQ(*booked.refused, office::BookingRefusal::sitting_cancelled);
  EXPECT_FALSE(std::filesystem::exists(office_.root() / "bookings/permanence/2027-02-09.json"));
}

TEST_F(CalendarChanges, MovesASittingAsACancellationAndAnExtraSitting) {
  const auto result = run(Kind::move, "2027-02-23", "Room not free", "2027-02-24");
  ASSERT_TRUE(result.done);
  EXPECT_EQ(result.sitting_ids,
            (std::vector<std::string>{"permanence/2027-02-23", "permanence/2027-02-24"}));
  const auto panel = panel_json("permanence");
  EXPECT_EQ(panel["cancelled"].back()["date"], "2027-02-23");
  EXPECT_EQ(panel["cancelled"].back()["name"], "Room not free");
  EXPECT_EQ(panel["extraSittings"].back()["date"], "2027-02-24");
  EXPECT_EQ(panel["extraSittings"].back()["reason"], "Room not free");
}

TEST_F(CalendarChanges, AddingACancelledCadenceDatePutsItBack) {
  ASSERT_TRUE(run(Kind::add, "2026-12-29", "Closure called off").done);
  EXPECT_TRUE(panel_json("permanence")["cancelled"].empty());
  EXPECT_EQ(panel_json("permanence")["extraSittings"].size(), 2U);
}

TEST_F(CalendarChanges, CancellingAnExtraSittingTakesItOut) {
  ASSERT_TRUE(run(Kind::add, "2027-02-02", "Sibling group").done);
  ASSERT_TRUE(run(Kind::cancel, "2027-02-02", "Not needed after all").done);
  EXPECT_EQ(panel_json("permanence")["extraSittings"].size(), 2U);
  EXPECT_EQ(panel_json("permanence")["cancelled"].size(), 1U);
}

TEST_F(CalendarChanges, RefusesADateThatIsNotRealAndChangesNothing) {
  const std::string before = bytes();
  const auto result = run(Kind::add, "2027-02-30", "Sibling group");
  EXPECT_EQ(only_field(result), Field::date);
  EXPECT_EQ(result.problems[0].message, "The date must be a real date, like 2027-01-19");
  EXPECT_EQ(bytes(), before);
}

TEST_F(CalendarChanges, RefusesAPastDateAnEmptyReasonAndNoPanelAllAtOnce) {
  const std::string before = bytes();
  const auto result = run(Kind::add, "2026-12-01", "  ", "", "");
  ASSERT_EQ(result.problems.size(), 3U);
  EXPECT_EQ(result.problems[0].field, Field::date);
  EXPECT_NE(result.problems[0].message.find("has passed"), std::string::npos);
  EXPECT_EQ(result.problems[1].field, Field::reason);
  EXPECT_EQ(result.problems[2].field, Field::panel);
  EXPECT_EQ(bytes(), before);
}

TEST_F(CalendarChanges, RefusesAnUnknownPanel) {
  const std::string before = bytes();
  EXPECT_EQ(only_field(run(Kind::add, "2027-02-02", "Why", "", "fostering")), Field::panel);
  EXPECT_EQ(bytes(), before);
}

TEST_F(CalendarChanges, RefusesADateThePanelAlreadySits) {
  const std::string before = bytes();
  const auto result = run(Kind::add, "2027-02-09", "Twice");
  EXPECT_EQ(only_field(result), Field::date);
  EXPECT_NE(result.problems[0].message.find("already sits on Tuesday 9 February 2027"),
            std::string::npos);
  EXPECT_EQ(bytes(), before);
}

TEST_F(CalendarChanges, RefusesToCancelOrMoveASittingWithCasesBooked) {
  const std::string before = bytes();
  const auto cancel = run(Kind::cancel, "2026-12-15", "Chair ill");
  EXPECT_EQ(only_field(cancel), Field::date);
  EXPECT_NE(cancel.problems[0].message.find("booked onto Tuesday 15 December 2026"),
            std::string::npos);
  EXPECT_EQ(only_field(run(Kind::move, "2026-12-15", "Chair ill", "2026-12-16")), Field::date);
  EXPECT_EQ(bytes(), before);
}

TEST_F(CalendarChanges, RefusesToCancelADayThatIsNotASittingOrAlreadyCancelled) {
  EXPECT_EQ(only_field(run(Kind::cancel, "2027-02-10", "No")), Field::date);
  const auto again = run(Kind::cancel, "2026-12-29", "No");
  EXPECT_EQ(only_field(again), Field::date);
  EXPECT_NE(again.problems[0].message.find("already cancelled"), std::string::npos);
}

TEST_F(CalendarChanges, RefusesAMoveOntoItsOwnDateOrAnotherSitting) {
  EXPECT_EQ(only_field(run(Kind::move, "2027-02-09", "Why", "2027-02-09")), Field::new_date);
  EXPECT_EQ(only_field(run(Kind::move, "2027-02-09", "Why", "2027-02-23")), Field::new_date);
}

TEST_F(CalendarChanges, RefusesAStaleFormAndChangesNothing) {
  const std::string version = office::office_version(office_.open());
  ASSERT_TRUE(run(Kind::add, "2027-02-02", "First", "", "permanence", &version).done);
  const std::string before = bytes();
  const auto result = run(Kind::add, "2027-02-03", "Second", "", "permanence", &version);
  EXPECT_FALSE(result.done);
  EXPECT_TRUE(result.stale);
  EXPECT_EQ(bytes(), before);
  const std::string now = office::office_version(office_.open());
  EXPECT_NE(now, version);
  EXPECT_TRUE(run(Kind::add, "2027-02-03", "Second", "", "permanence", &now).done);
}

TEST_F(CalendarChanges, TwoChangesAtOnceBothLand) {
  office::CalendarChangeResult first;
  office::CalendarChangeResult second;
  std::thread one([&] { first = run(Kind::add, "2027-02-02", "One"); });
  std::thread two([&] { second = run(Kind::cancel, "2027-02-09", "Two", "", "permanence"); });
  one.join();
  two.join();
  EXPECT_TRUE(first.done);
  EXPECT_TRUE(second.done);
  const auto panel = panel_json("permanence");
  EXPECT_EQ(panel["extraSittings"].size(), 3U);
  EXPECT_EQ(panel["cancelled"].size(), 2U);
}

}  // namespace
