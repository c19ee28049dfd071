// A paper the mailbox could not place, assigned on the Mailbox page (office/intake/
// unmatched_assign.hpp), on a copy of the sample office with entries kept by intake's own
// add_unmatched: recorded on the booking received when it arrived (on time or late), the file in
// papers/, the entry moved to intake/assigned/ with who placed it, the sender's acknowledgement
// in the real SQLite outbox once; refused without a change for a case not booked; a second
// assign, and one of two at once, told "assigned already".

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "mailer/outbox.hpp"
#include "office/intake/unmatched.hpp"
#include "office/intake/unmatched_assign.hpp"
#include "office/mail/mail_settings.hpp"
#include "office_core/sample_office_copy.hpp"
#include "support/temporary_folder.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
namespace mailer = panelpack::mailer;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

const fs::path kDocx = fs::path(PANELPACK_SOURCE_DIR) / "templates" / "report.docx";

class UnmatchedAssign : public ::testing::Test {
 protected:
  // A paper kept by intake: a DOCX that came on `arrived` from `from`.
  std::string keep(const char* arrived, const std::string& from, const std::string& key) const {
    office::UnmatchedPaper paper;
    paper.arrived = at(arrived);
    paper.from_email = from;
    paper.subject = "Papers for panel";
    paper.filename = "chronology final.docx";
    paper.sha256 = "sha-of-" + key;
    paper.reason = "no case reference found";
    paper.message_key = "1/" + key;
    paper.guessed_paper_type = "chronology";
    return office::add_unmatched(office_.open(), paper, kDocx);
  }
  office::AssignRequest chronology_of_108(const std::string& id) const {
    return {id,           {"permanence", day("2026-12-15")},       "LCS900108",
            "chronology", "priya.danvers@northbridge.example.org", at("2026-12-14T11:00")};
  }
  office::AssignResult assign(const office::AssignRequest& request) const {
    const office::Workspace workspace = office_.open();
    mailer::Outbox outbox(office::outbox_path(workspace));
    return office::assign_unmatched(workspace, outbox, request);
  }
  std::string bookings_text() const {
    return SampleOfficeCopy::read(office_.root() / "bookings" / "permanence" / "2026-12-15.json");
  }
  // The chronology 108's booking records, as bookings/permanence/2026-12-15.json has it.
  nlohmann::json chronologies_of_108() const {
    nlohmann::json found = nlohmann::json::array();
    const nlohmann::json bookings = nlohmann::json::parse(bookings_text());
    for (const auto& item : bookings["items"]) {
      if (item["caseRef"] != "LCS900108") continue;
      for (const auto& paper : item.value("papers", nlohmann::json::array())) {
        if (paper["type"] == "chronology") found.push_back(paper);
      }
    }
    return found;
  }
  std::vector<mailer::OutboxRow> replies() const {
    const fs::path database = office::outbox_path(office_.open());
    if (!fs::exists(database)) return {};
    return mailer::Outbox::open_read_only(database).list({std::nullopt, "intake_reply|"});
  }

  SampleOfficeCopy office_;
};

TEST_F(UnmatchedAssign, ThePaperIsRecordedWhenItArrivedAndTheSenderIsToldOnce) {
  const std::string id = keep("2026-12-01T10:15", "leah.social@northbridge.example.org", "7");
  const office::AssignResult result = assign(chronology_of_108(id));
  ASSERT_TRUE(result.done()) << *result.refused;
  EXPECT_FALSE(result.late);  // arrived before the papers deadline, though placed after it
  EXPECT_TRUE(result.reply_queued);
  EXPECT_EQ(result.stored_as, "papers/LCS900108/chronology-2026-12-01-101500.docx");
  EXPECT_EQ(SampleOfficeCopy::read(office_.root() / result.stored_as),
            SampleOfficeCopy::read(kDocx));

  const nlohmann::json recorded = chronologies_of_108();
  ASSERT_EQ(recorded.size(), 1U) << bookings_text();
  EXPECT_EQ(panelpack::panel::parse_instant(recorded[0]["receivedAt"].get<std::string>()),
            at("2026-12-01T10:15"));
  EXPECT_EQ(recorded[0]["file"], result.stored_as);

  EXPECT_TRUE(office::list_unmatched(office_.open()).empty());
  EXPECT_FALSE(office::find_unmatched(office_.open(), id));
  const fs::path moved = office_.root() / "intake" / "assigned" / id;
  ASSERT_TRUE(fs::exists(moved / "paper.docx"));
  const auto entry = nlohmann::json::parse(SampleOfficeCopy::read(moved / "entry.json"));
  EXPECT_EQ(entry["subject"], "Papers for panel");  // intake's own fields kept
  EXPECT_EQ(entry["assigned"]["by"], "priya.danvers@northbridge.example.org");
  EXPECT_EQ(entry["assigned"]["caseRef"], "LCS900108");
  EXPECT_EQ(entry["assigned"]["paperType"], "chronology");
  EXPECT_EQ(entry["assigned"]["date"], "2026-12-15");
  EXPECT_EQ(entry["assigned"]["storedAs"], result.stored_as);

  const auto rows = replies();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].recipient, "leah.social@northbridge.example.org");
  EXPECT_NE(rows[0].idempotency_key.find("|LCS900108#1/7#"), std::string::npos);
  EXPECT_NE(rows[0].idempotency_key.find("#filed|"), std::string::npos);
  EXPECT_NE(rows[0].subject.find("LCS900108"), std::string::npos) << rows[0].subject;

  // Again (a second browser's stale form): nothing recorded, moved or mailed twice.
  const std::string before = bookings_text();
  const office::AssignResult again = assign(chronology_of_108(id));
  ASSERT_FALSE(again.done());
  EXPECT_EQ(*again.refused, "this paper was assigned already, so nothing was changed");
  EXPECT_EQ(bookings_text(), before);
  EXPECT_EQ(replies().size(), 1U);
}

TEST_F(UnmatchedAssign, AnAssignThatStoppedBeforeTheMoveIsFinishedWithoutASecondRecord) {
  const std::string id = keep("2026-12-01T10:15", "leah.social@northbridge.example.org", "12");
  ASSERT_TRUE(assign(chronology_of_108(id)).done());
  // As if the process had died after recording, before the folder moved.
  fs::rename(office_.root() / "intake" / "assigned" / id,
             office_.root() / "intake" / "unmatched" / id);
  const std::string before = bookings_text();
  const office::AssignResult again = assign(chronology_of_108(id));
  ASSERT_TRUE(again.done()) << *again.refused;
  EXPECT_EQ(again.stored_as, "papers/LCS900108/chronology-2026-12-01-101500.docx");
  EXPECT_EQ(bookings_text(), before);
  EXPECT_TRUE(office::list_unmatched(office_.open()).empty());
  EXPECT_EQ(replies().size(), 1U);
}

TEST_F(UnmatchedAssign, APaperThatArrivedAfterTheDeadlineIsRecordedLate) {
  const std::string id = keep("2026-12-14T09:30", "leah.social@northbridge.example.org", "8");
  const office::AssignResult result = assign(chronology_of_108(id));
  ASSERT_TRUE(result.done()) << *result.refused;
  EXPECT_TRUE(result.late);
  EXPECT_EQ(
      panelpack::panel::parse_instant(chronologies_of_108().at(0)["receivedAt"].get<std::string>()),
      at("2026-12-14T09:30"));
}

TEST_F(UnmatchedAssign, ASenderOutsideTheAllowedDomainsGetsNoReply) {
  const std::string id = keep("2026-12-01T10:15", "someone@elsewhere.example.com", "9");
  const office::AssignResult result = assign(chronology_of_108(id));
  ASSERT_TRUE(result.done()) << *result.refused;
  EXPECT_FALSE(result.reply_queued);
  EXPECT_TRUE(replies().empty());
  EXPECT_EQ(chronologies_of_108().size(), 1U);
}

TEST_F(UnmatchedAssign, ACaseNotBookedThereIsRefusedAndThePaperStaysToBePlaced) {
  const std::string id = keep("2026-12-01T10:15", "leah.social@northbridge.example.org", "10");
  const std::string before = bookings_text();
  office::AssignRequest request = chronology_of_108(id);
  request.case_ref = "LCS900199";
  const office::AssignResult result = assign(request);
  ASSERT_FALSE(result.done());
  EXPECT_NE(result.refused->find("LCS900199"), std::string::npos) << *result.refused;
  EXPECT_EQ(bookings_text(), before);
  ASSERT_EQ(office::list_unmatched(office_.open()).size(), 1U);
  EXPECT_FALSE(fs::exists(office_.root() / "papers" / "LCS900199"));
  EXPECT_TRUE(replies().empty());

  request.paper_type = "shopping list";
  EXPECT_NE(assign(request).refused->find("is not a paper type"), std::string::npos);
}

TEST_F(UnmatchedAssign, TwoPeopleAssigningAtOnceMakeOneAssignment) {
  const std::string id = keep("2026-12-01T10:15", "leah.social@northbridge.example.org", "11");
  std::atomic<int> done{0};
  std::vector<std::string> refusals(2);
  std::vector<std::thread> people;
  for (int person = 0; person < 2; ++person) {
    people.emplace_back([&, person] {
      const office::AssignResult result = assign(chronology_of_108(id));
      if (result.done()) {
        ++done;
      } else {
        refusals[static_cast<std::size_t>(person)] = *result.refused;
      }
    });
  }
  for (std::thread& person : people) person.join();
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(refusals[0] + refusals[1], "this paper was assigned already, so nothing was changed");
  EXPECT_EQ(chronologies_of_108().size(), 1U);
  EXPECT_EQ(replies().size(), 1U);
}

}  // namespace
