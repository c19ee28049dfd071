// Decision records out (office/records/records_out.hpp) on a copy of the sample office whose
// permanence 2026-12-15 records are agreed here through change_decisions (LCS900102 and
// LCS900108; LCS900103 stays a draft): one outbox row per allocated social worker and team
// manager in the office's real SQLite outbox, its subject without the child's name, the record
// attached, keyed per record version; a second run queues nothing; a draft refused in words; a
// recipient outside allowedDomains left out and named; on file written; the late counts either
// side of the records deadline.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/error.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decisions_change.hpp"
#include "office/records/record_state.hpp"
#include "office/records/records_late.hpp"
#include "office/records/records_out.hpp"
#include "office/views/records_view.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

constexpr const char* kHannah = "hannah.westerby@northbridge.example.org";
constexpr const char* kJoanna = "joanna.pellow@northbridge.example.org";
constexpr const char* kRecord102 = "LCS900102 Permanence Panel decision 2026-12-15.docx";

class RecordsOut : public ::testing::Test {
 protected:
  void SetUp() override {
    // Nothing sent or on file yet; the chair agreed two of the three.
    office::change_decisions(office_.open(), "permanence", day("2026-12-15"), nullptr,
                             [](nlohmann::ordered_json& file) {
                               for (auto& decision : file["decisions"]) {
                                 decision.erase("recordedDate");
                                 decision.erase("recordedOnSystem");
                                 if (decision["caseRef"] != "LCS900103") {
                                   decision["agreed"] = {{"by", "Margaret Oyelaran-Hughes"},
                                                         {"at", "2026-12-15T15:00:00+00:00"},
                                                         {"version", 1}};
                                 }
                               }
                             });
  }

  office::SendRecordsResult send(std::optional<std::string> case_ref = std::nullopt,
                                 office::RecordPdfs pdfs = office::RecordPdfs::none) const {
    return office::send_agreed_records(office_.open(), {"permanence", day("2026-12-15"), case_ref,
                                                        at("2026-12-16T10:00"), pdfs, nullptr});
  }
  std::vector<panelpack::mailer::OutboxRow> rows() const {
    const fs::path database = office::outbox_path(office_.open());
    if (!fs::exists(database)) return {};
    auto listed = panelpack::mailer::Outbox::open_read_only(database).list();
    std::sort(listed.begin(), listed.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return listed;
  }
  // The stored message of a row (JSON text: its attachments by file name), read with SQLite.
  std::string stored_message(std::int64_t id) const {
    sqlite3* db = nullptr;
    const std::string path = office::outbox_path(office_.open()).string();
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT message FROM outbox WHERE id = ?", -1, &statement, nullptr);
    sqlite3_bind_int64(statement, 1, id);
    std::string text;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return text;
  }
  nlohmann::json decision(const std::string& case_ref) const {
    const auto file = office::load_decisions(office_.open(), "permanence", day("2026-12-15"));
    for (const auto& item : file->document["decisions"]) {
      if (item["caseRef"] == case_ref) return item;
    }
    return nullptr;
  }
  office::RecordState state(const std::string& case_ref) const {
    const auto file = office::load_decisions(office_.open(), "permanence", day("2026-12-15"));
    const nlohmann::json item = decision(case_ref);
    return office::record_state(file->document, &item);
  }

  SampleOfficeCopy office_;
};

TEST_F(RecordsOut, QueuesEachAgreedRecordToTheSocialWorkerAndTeamManagerAndMarksItSent) {
  const office::SendRecordsResult result = send();
  ASSERT_EQ(result.sent.size(), 2U) << result.message;
  EXPECT_EQ(result.not_agreed, std::vector<std::string>{"LCS900103"});
  EXPECT_EQ(result.sent[0].case_ref, "LCS900102");
  EXPECT_EQ(result.sent[0].attachments, std::vector<std::string>{kRecord102});
  EXPECT_TRUE(fs::is_regular_file(office_.root() / "records/permanence/2026-12-15" / kRecord102));

  const auto queued = rows();
  ASSERT_EQ(queued.size(), 4U);
  EXPECT_EQ(queued[0].recipient, kHannah);
  EXPECT_EQ(queued[1].recipient, kJoanna);
  EXPECT_EQ(queued[2].recipient, "priya.ravenscroft@northbridge.example.org");
  EXPECT_EQ(queued[3].recipient, "ravi.sandhurst@northbridge.example.org");
  EXPECT_EQ(queued[0].idempotency_key,
            std::string{"decision_record|permanence|2026-12-15|LCS900102#v1|"} + kHannah);
  EXPECT_EQ(queued[0].subject,
            "OFFICIAL-SENSITIVE: Decision record for LCS900102 (LT), Northbridge Permanence "
            "Panel, Tuesday 15 December 2026");
  for (const auto& row : queued) {
    EXPECT_EQ(row.subject.find("Leah"), std::string::npos);
    EXPECT_EQ(row.subject.find("Thornbury"), std::string::npos);
  }
  EXPECT_NE(stored_message(queued[0].id).find(kRecord102), std::string::npos);

  const nlohmann::json sent = decision("LCS900102");
  EXPECT_EQ(sent["circulatedAt"], "2026-12-16T10:00:00+00:00");
  ASSERT_EQ(sent["circulatedTo"].size(), 2U);
  EXPECT_EQ(sent["circulatedTo"][0]["email"], kHannah);
  EXPECT_EQ(sent["circulatedTo"][1]["role"], "Team manager");
  EXPECT_EQ(state("LCS900102"), office::RecordState::sent);
  EXPECT_EQ(state("LCS900103"), office::RecordState::draft);
}

TEST_F(RecordsOut, ASecondRunQueuesNothing) {
  ASSERT_EQ(send().sent.size(), 2U);
  const office::SendRecordsResult again = send();
  EXPECT_TRUE(again.sent.empty());
  EXPECT_EQ(again.already_sent, (std::vector<std::string>{"LCS900102", "LCS900108"}));
  EXPECT_EQ(rows().size(), 4U);
}

TEST_F(RecordsOut, ADraftIsRefusedInWordsAndNothingIsQueued) {
  const office::SendRecordsResult result = send("LCS900103");
  EXPECT_TRUE(result.sent.empty());
  EXPECT_EQ(result.not_agreed, std::vector<std::string>{"LCS900103"});
  EXPECT_EQ(result.message,
            "the record of LCS900103 is not agreed yet: the chair signs it off first (Record the "
            "panel). Nothing was sent");
  EXPECT_TRUE(rows().empty());
  EXPECT_EQ(state("LCS900103"), office::RecordState::draft);
}

TEST_F(RecordsOut, ARecipientOutsideAllowedDomainsIsLeftOutAndNamed) {
  const fs::path case_file = office_.root() / "cases/LCS900102.json";
  nlohmann::json file = nlohmann::json::parse(SampleOfficeCopy::read(case_file));
  bool changed = false;
  std::function<void(nlohmann::json&)> edit = [&](nlohmann::json& node) {
    if (node.is_object()) {
      if (node.contains("teamManager") && node["teamManager"].is_object()) {
        node["teamManager"]["email"] = "joanna@elsewhere.example.com";
        changed = true;
      }
      for (auto& [key, value] : node.items()) edit(value);
    } else if (node.is_array()) {
      for (auto& value : node) edit(value);
    }
  };
  edit(file);
  ASSERT_TRUE(changed);
  SampleOfficeCopy::write(case_file, file.dump(2));

  const office::SendRecordsResult result = send("LCS900102");
  ASSERT_EQ(result.sent.size(), 1U) << result.message;
  ASSERT_EQ(result.sent[0].recipients.size(), 1U);
  EXPECT_EQ(result.sent[0].recipients[0].email, kHannah);
  EXPECT_EQ(result.sent[0].left_out,
            std::vector<std::string>{"Joanna Pellow (team manager): joanna@elsewhere.example.com "
                                     "is outside allowedDomains in office.json"});
  EXPECT_NE(result.message.find("not to Joanna Pellow (team manager)"), std::string::npos);
  const auto queued = rows();
  ASSERT_EQ(queued.size(), 1U);
  EXPECT_EQ(queued[0].recipient, kHannah);
  EXPECT_EQ(decision("LCS900102")["circulatedTo"].size(), 1U);
}

TEST_F(RecordsOut, WithThePanelsPackPasswordTheRecordGoesInAnEncryptedZip) {
  SampleOfficeCopy::write(office_.root() / "pack-password.txt", "correct horse battery staple\n");
  office_.edit_office([](nlohmann::json& config) {
    config["panels"][0]["circulation"] = {{"attach", "zip"}, {"passwordFile", "pack-password.txt"}};
  });
  const office::SendRecordsResult result = send("LCS900102");
  ASSERT_EQ(result.sent.size(), 1U) << result.message;
  EXPECT_EQ(result.sent[0].attachments,
            std::vector<std::string>{"LCS900102 Permanence Panel decision 2026-12-15.zip"});
  const std::string stored = stored_message(rows()[0].id);
  EXPECT_EQ(stored.find(".docx"), std::string::npos);
  EXPECT_EQ(stored.find("correct horse"), std::string::npos);
}

TEST_F(RecordsOut, MarkedOnFileWritesTheDayAndTheReferenceOnlyOnceSent) {
  const office::OnFileResult early = office::mark_on_file(
      office_.open(),
      {"permanence", day("2026-12-15"), "LCS900102", "", at("2026-12-16T11:00"), std::nullopt});
  ASSERT_TRUE(early.refused.has_value());
  EXPECT_EQ(early.message,
            "the record of LCS900102 has not been sent yet: send it to the social worker and "
            "team manager first; nothing was changed");

  ASSERT_EQ(send("LCS900102").sent.size(), 1U);
  const office::OnFileResult marked =
      office::mark_on_file(office_.open(), {"permanence", day("2026-12-15"), "LCS900102",
                                            "  DOC-4471 ", at("2026-12-17T23:30"), std::nullopt});
  ASSERT_FALSE(marked.refused.has_value()) << marked.message;
  // 23:30 UTC on 17 December is still the 17th in London (GMT).
  EXPECT_EQ(decision("LCS900102")["recordedDate"], "2026-12-17");
  EXPECT_EQ(decision("LCS900102")["onFileReference"], "DOC-4471");
  EXPECT_EQ(state("LCS900102"), office::RecordState::on_file);

  const office::OnFileResult stale = office::mark_on_file(
      office_.open(), {"permanence", day("2026-12-15"), "LCS900108", "", at("2026-12-17T12:00"),
                       std::string{"not-the-version"}});
  EXPECT_TRUE(stale.stale);
}

TEST_F(RecordsOut, LateCountsEachStepOnlyOnceTheDeadlinePassed) {
  ASSERT_EQ(send("LCS900102").sent.size(), 1U);  // sent; LCS900108 agreed; LCS900103 a draft
  const office::Workspace workspace = office_.open();
  const office::RecordsView view =
      office::records_view(workspace, "permanence", day("2026-12-15"), at("2026-12-16T12:00"));
  EXPECT_EQ(view.due.iso8601(), "2026-12-22T17:00:00+00:00");
  EXPECT_FALSE(view.due_passed);
  const std::vector<panelpack::panel::SittingDecisions> decisions{
      *office::load_decisions(workspace, "permanence", day("2026-12-15"))};
  const auto late_at = [&](const char* when) {
    return office::count_records_late(workspace.office(), decisions, at(when),
                                      workspace.calendar());
  };
  EXPECT_EQ(late_at("2026-12-22T17:00").total(), 0U);
  const office::RecordsLate late = late_at("2026-12-22T17:01");
  EXPECT_EQ(late.not_agreed, 1U);
  EXPECT_EQ(late.not_sent, 1U);
  EXPECT_EQ(late.not_on_file, 1U);
  ASSERT_FALSE(office::mark_on_file(workspace, {"permanence", day("2026-12-15"), "LCS900102", "",
                                                at("2026-12-21T09:00"), std::nullopt})
                   .refused);
  const std::vector<panelpack::panel::SittingDecisions> after{
      *office::load_decisions(workspace, "permanence", day("2026-12-15"))};
  EXPECT_EQ(office::count_records_late(workspace.office(), after, at("2026-12-22T17:01"),
                                       workspace.calendar())
                .not_on_file,
            0U);
}

// The one test that makes a PDF (LibreOffice takes seconds): both files attached.
TEST_F(RecordsOut, ThePdfIsMadeAndAttachedBesideTheDocument) {
  const office::SendRecordsResult result = send("LCS900108", office::RecordPdfs::required);
  ASSERT_EQ(result.sent.size(), 1U) << result.message;
  ASSERT_EQ(result.sent[0].attachments.size(), 2U);
  EXPECT_EQ(result.sent[0].attachments[1], "LCS900108 Permanence Panel decision 2026-12-15.pdf");
  EXPECT_TRUE(fs::is_regular_file(office_.root() / "records/permanence/2026-12-15" /
                                  result.sent[0].attachments[1]));
  EXPECT_NE(stored_message(rows()[0].id).find(".pdf"), std::string::npos);
}

}  // namespace
