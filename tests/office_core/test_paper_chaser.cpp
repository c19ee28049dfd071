// A chaser for a missing paper (office/sitting/paper_chaser.hpp) on a copy of the sample office:
// one outbox row per presenter in the office's real SQLite outbox, keyed per paper and London
// day, its subject without the child's name; a second chaser the same day refused with the
// first one's time, one on a later day queued; and every refusal leaves the outbox as it was.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting/paper_chaser.hpp"
#include "office/views/mail_view.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
using office::ChaserRefusal;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

class PaperChaser : public ::testing::Test {
 protected:
  office::PaperChaserResult chase(const std::string& case_ref, const std::string& paper,
                                  const char* when) const {
    return office::send_paper_chaser(
        office_.open(), {{"permanence", day("2026-12-15")}, case_ref, paper, at(when)});
  }
  // The office's outbox as its SQLite file holds it, oldest row first.
  std::vector<panelpack::mailer::OutboxRow> rows() const {
    const fs::path database = office::outbox_path(office_.open());
    if (!fs::exists(database)) return {};
    auto listed = panelpack::mailer::Outbox::open_read_only(database).list();
    std::sort(listed.begin(), listed.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return listed;
  }

  SampleOfficeCopy office_;
};

TEST_F(PaperChaser, QueuesOneRowToEachPresenterNamingThePaperNotTheChild) {
  const office::PaperChaserResult result = chase("LCS900108", "chronology", "2026-12-14T10:42");
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.message,
            "a chaser for the chronology of LCS900108 is queued to Priya Ravenscroft (social "
            "worker) and Ravi Sandhurst (team manager)");
  ASSERT_EQ(result.recipients.size(), 2U);
  const auto queued = rows();
  ASSERT_EQ(queued.size(), 2U);
  EXPECT_EQ(queued[0].recipient, "priya.ravenscroft@northbridge.example.org");
  EXPECT_EQ(queued[0].idempotency_key,
            "chaser|permanence|2026-12-15|LCS900108#chronology@2026-12-14|"
            "priya.ravenscroft@northbridge.example.org");
  EXPECT_EQ(queued[1].recipient, "ravi.sandhurst@northbridge.example.org");
  EXPECT_EQ(queued[0].id, result.recipients[0].row);
  for (const auto& row : queued) {
    EXPECT_EQ(row.state, panelpack::mailer::OutboxState::queued);
    EXPECT_EQ(row.subject,
              "OFFICIAL-SENSITIVE: Paper still needed: Chronology for LCS900108 (AV), Northbridge "
              "Permanence Panel, Tuesday 15 December 2026");
    EXPECT_EQ(row.subject.find("Arjun"), std::string::npos);
  }
  // The Mail page reads the key back: a chaser, about the case, in words.
  const auto lines = office::outbox_lines(office_.open());
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].kind, "chaser");
  EXPECT_EQ(lines[0].kind_words, "Chaser for a missing paper, to a presenter");
  EXPECT_EQ(lines[0].case_ref, "LCS900108");
  EXPECT_EQ(lines[0].panel_id, "permanence");
}

TEST_F(PaperChaser, ASecondChaserTheSameDayIsRefusedAndOneOnALaterDayGoes) {
  ASSERT_TRUE(chase("LCS900108", "chronology", "2026-12-14T10:42").done());
  const office::PaperChaserResult again = chase("lcs900108", "chronology", "2026-12-14T16:05");
  EXPECT_EQ(again.refused, ChaserRefusal::already_chased);
  EXPECT_EQ(again.message,
            "a chaser for the chronology of LCS900108 was already sent today at 10:42; nothing "
            "was sent again. Send another tomorrow if it has still not arrived");
  EXPECT_EQ(rows().size(), 2U);
  const office::PaperChaserResult tomorrow = chase("LCS900108", "chronology", "2026-12-15T08:00");
  ASSERT_TRUE(tomorrow.done()) << tomorrow.message;
  const auto queued = rows();
  ASSERT_EQ(queued.size(), 4U);
  EXPECT_EQ(queued[2].idempotency_key,
            "chaser|permanence|2026-12-15|LCS900108#chronology@2026-12-15|"
            "priya.ravenscroft@northbridge.example.org");
}

TEST_F(PaperChaser, RefusesWhatThereIsNoReasonToChaseAndQueuesNothing) {
  const auto refused = [&](const std::string& case_ref, const std::string& paper,
                           const char* when) { return chase(case_ref, paper, when).refused; };
  EXPECT_EQ(refused("LCS900108", "referral", "2026-12-14T10:00"), ChaserRefusal::paper_received);
  EXPECT_EQ(refused("LCS900111", "chronology", "2026-12-14T10:00"), ChaserRefusal::not_booked);
  EXPECT_EQ(refused("LCS900103", "chronology", "2026-12-14T10:00"),
            ChaserRefusal::paper_not_expected);
  EXPECT_EQ(refused("LCS900108", "chronology", "2026-12-15T09:30"), ChaserRefusal::sitting_started);
  EXPECT_EQ(refused("LCS900108", "diary", "2026-12-14T10:00"), ChaserRefusal::not_a_paper_type);
  EXPECT_EQ(chase("LCS900108", "referral", "2026-12-14T10:00").message,
            "the referral of LCS900108 was received on Wednesday 9 December 2026 at 15:30; there "
            "is nothing to chase");
  EXPECT_TRUE(rows().empty());
}

TEST_F(PaperChaser, PresentersWithoutAnAddressAreRefusedInWords) {
  const fs::path bookings = office_.root() / "bookings" / "permanence" / "2026-12-15.json";
  nlohmann::json file = nlohmann::json::parse(SampleOfficeCopy::read(bookings));
  file["items"][2]["presenters"] = {{{"name", "Sam Social Worker"}, {"role", "Social worker"}}};
  SampleOfficeCopy::write(bookings, file.dump(2));
  const office::PaperChaserResult result = chase("LCS900108", "chronology", "2026-12-14T10:00");
  EXPECT_EQ(result.refused, ChaserRefusal::no_address);
  EXPECT_NE(result.message.find("no presenter of LCS900108 has an email address"),
            std::string::npos)
      << result.message;
  EXPECT_TRUE(rows().empty());
}

TEST_F(PaperChaser, TheBookingsPresentersAreChasedWhenItNamesThem) {
  const fs::path bookings = office_.root() / "bookings" / "permanence" / "2026-12-15.json";
  nlohmann::json file = nlohmann::json::parse(SampleOfficeCopy::read(bookings));
  file["items"][2]["presenters"] = {
      {{"name", "Sam Social Worker"}, {"email", "Sam.Worker@northbridge.example.org"}}};
  SampleOfficeCopy::write(bookings, file.dump(2));
  const office::PaperChaserResult result = chase("LCS900108", "chronology", "2026-12-14T10:00");
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(
      office::chaser_addressees(office_.open(), {"permanence", day("2026-12-15")}, "LCS900108"),
      "Sam Social Worker (presenter)");
  const auto queued = rows();
  ASSERT_EQ(queued.size(), 1U);
  EXPECT_EQ(queued[0].idempotency_key,
            "chaser|permanence|2026-12-15|LCS900108#chronology@2026-12-14|"
            "sam.worker@northbridge.example.org");
}

TEST(PaperWords, ALabelReadsInASentence) {
  EXPECT_EQ(office::paper_words("chronology"), "the chronology");
  EXPECT_EQ(office::paper_words("care-plan"), "the care plan");
  EXPECT_EQ(office::paper_words("cpm-report"), "the Child Permanence Meeting report");
}

}  // namespace
