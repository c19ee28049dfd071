// Recording a sitting and signing its records off (office/records/record_drafts.hpp,
// record_signoff.hpp), on a copy of the sample office whose permanence 2026-12-15 decisions file
// is deleted (LCS900102, LCS900103 and LCS900108 are booked). Asserted on the files' JSON and
// bytes: drafts read back, only complete records reach the decisions file (valid: the CLI's
// reader takes it), sign-off, a change making version 2 with version 1 kept, refusals that write
// nothing, and two threads saving at once.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/records/decision_files.hpp"
#include "office/records/decisions_change.hpp"
#include "office/records/record_drafts.hpp"
#include "office/records/record_signoff.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

class RecordDraftsTest : public ::testing::Test {
 protected:
  RecordDraftsTest() { fs::remove(decisions_file()); }

  fs::path decisions_file() const {
    return office_.root() / "decisions" / "permanence" / "2026-12-15.json";
  }
  fs::path drafts_file() const {
    return office_.root() / "decisions" / "permanence" / "drafts" / "2026-12-15.json";
  }
  fs::path history_file() const {
    return office_.root() / "decisions" / "permanence" / "history" / "2026-12-15.json";
  }
  static std::string bytes(const fs::path& path) {
    return fs::exists(path) ? SampleOfficeCopy::read(path) : std::string("(none)");
  }
  nlohmann::json decisions() const {
    return nlohmann::json::parse(SampleOfficeCopy::read(decisions_file()));
  }

  static office::RecordEntry complete_entry(const std::string& rationale) {
    office::RecordEntry entry;
    entry.outcome = "plan_ratified";
    entry.rationale = rationale;
    entry.primary_plan = "sgo";
    entry.parallel_plans = {"long_term_fostering"};
    entry.monitoring = "pptm_review";
    entry.next_review = {"26", "1", "2027"};
    office::ActionEntry action;
    action.what = "File the support plan";
    action.who = "other";
    action.other_name = "Fiona McAllister";
    action.other_email = "fiona.mcallister@northbridge.example.org";
    action.due = {"18", "12", "2026"};
    entry.actions.push_back(action);
    return entry;
  }

  office::DraftSave save(const office::Workspace& workspace, const std::string& case_ref,
                         const office::RecordEntry& entry) const {
    return office::save_record_draft(workspace, {"permanence",
                                                 day("2026-12-15"),
                                                 case_ref,
                                                 entry,
                                                 {},
                                                 "ada.admin@council.example",
                                                 at("2026-12-15T10:42")});
  }

  office::SignOffResult sign_off(const office::Workspace& workspace, std::vector<std::string> cases,
                                 const office::Signer& signer) {
    const std::string version =
        office::decisions_version(workspace, "permanence", day("2026-12-15"));
    return office::sign_off_records(workspace, {"permanence", day("2026-12-15"), std::move(cases),
                                                signer, version, at("2026-12-15T12:30")});
  }

  office::SignedChangeResult change(const office::Workspace& workspace,
                                    const office::RecordEntry& entry, const std::string& why,
                                    const office::Signer& signer) {
    const std::string version =
        office::decisions_version(workspace, "permanence", day("2026-12-15"));
    return office::change_signed_record(workspace, {"permanence",
                                                    day("2026-12-15"),
                                                    "LCS900102",
                                                    entry,
                                                    {},
                                                    why,
                                                    signer,
                                                    version,
                                                    at("2026-12-16T09:00")});
  }

  const office::Signer margaret_{"Margaret Oyelaran-Hughes", "margaret@council.example"};
  const office::Signer helen_{"Helen Ashworth-Pryce", "helen@council.example"};
  SampleOfficeCopy office_;
};

TEST_F(RecordDraftsTest, ADraftIsSavedAndReadBack) {
  const auto workspace = office_.open();
  office::RecordEntry entry;
  entry.summary = "The panel heard the plan.";
  entry.next_review = {"31", "2", "2027"};  // not a real date: kept as typed in the draft
  const office::DraftSave saved = save(workspace, "LCS900103", entry);
  EXPECT_EQ(saved.refused, office::DraftRefusal::none);
  EXPECT_TRUE(saved.first);
  EXPECT_FALSE(saved.complete);
  EXPECT_EQ(saved.saved_at, "2026-12-15T10:42:00Z");
  const auto drafts = office::load_record_drafts(workspace, "permanence", day("2026-12-15"));
  ASSERT_EQ(drafts.count("LCS900103"), 1U);
  EXPECT_EQ(drafts.at("LCS900103").entry.summary, "The panel heard the plan.");
  EXPECT_EQ(drafts.at("LCS900103").entry.next_review.day, "31");
  EXPECT_EQ(drafts.at("LCS900103").saved_by, "ada.admin@council.example");
  EXPECT_FALSE(save(workspace, "LCS900103", entry).first);
}

TEST_F(RecordDraftsTest, AnIncompleteDraftNeverReachesTheDecisionsFileAndACompleteOneDoes) {
  const auto workspace = office_.open();
  office::RecordEntry entry = complete_entry("");
  const office::DraftSave incomplete = save(workspace, "LCS900102", entry);
  EXPECT_FALSE(incomplete.complete);
  ASSERT_EQ(incomplete.reading.missing.size(), 1U);
  EXPECT_EQ(incomplete.reading.missing[0].field, "rationale");
  EXPECT_FALSE(fs::exists(decisions_file()));

  entry.rationale = "Special guardianship keeps Leah with her brother.";
  const office::DraftSave complete = save(workspace, "LCS900102", entry);
  EXPECT_TRUE(complete.complete);
  EXPECT_TRUE(complete.became_complete);
  const nlohmann::json file = decisions();
  ASSERT_EQ(file["decisions"].size(), 1U);
  const nlohmann::json& decision = file["decisions"][0];
  EXPECT_EQ(decision["caseRef"], "LCS900102");
  EXPECT_EQ(decision["outcome"], "plan_ratified");
  EXPECT_EQ(decision["rationale"], "Special guardianship keeps Leah with her brother.");
  EXPECT_EQ(decision["agreedParallelPlans"], nlohmann::json::array({"long_term_fostering"}));
  EXPECT_EQ(decision["nextReviewDate"], "2027-01-26");
  EXPECT_EQ(decision["actions"][0]["id"], "A1");
  EXPECT_EQ(decision["actions"][0]["owner"]["email"], "fiona.mcallister@northbridge.example.org");
  EXPECT_EQ(decision["actions"][0]["dueDate"], "2026-12-18");
  EXPECT_EQ(decision["actions"][0]["status"], "open");
  EXPECT_FALSE(decision.contains("agreed"));
  // The reader the CLI's `panelpack decisions` uses takes it (schema and bookings checked).
  const auto loaded = office::load_decisions(workspace, "permanence", day("2026-12-15"));
  ASSERT_TRUE(loaded.has_value());

  // Made incomplete again, it leaves the decisions file.
  entry.rationale = " ";
  EXPECT_FALSE(save(workspace, "LCS900102", entry).complete);
  EXPECT_TRUE(decisions()["decisions"].empty());
}

TEST_F(RecordDraftsTest, AnActionTypedWrongKeepsTheRecordOutWithItsProblem) {
  const auto workspace = office_.open();
  office::RecordEntry entry = complete_entry("Why.");
  entry.actions[0].other_email = "fiona at northbridge";
  entry.actions[0].due = {"", "", ""};
  const office::DraftSave saved = save(workspace, "LCS900102", entry);
  EXPECT_FALSE(saved.complete);
  ASSERT_EQ(saved.reading.problems.size(), 2U);
  EXPECT_EQ(saved.reading.problems[0].field, "other_email");
  EXPECT_EQ(saved.reading.problems[0].action, 1U);
  EXPECT_EQ(saved.reading.problems[1].field, "due");
  EXPECT_FALSE(fs::exists(decisions_file()));
}

TEST_F(RecordDraftsTest, SignOffSetsAgreedAndLocksTheDraft) {
  const auto workspace = office_.open();
  save(workspace, "LCS900102", complete_entry("Why one."));
  save(workspace, "LCS900103", complete_entry("Why two."));
  save(workspace, "LCS900108", complete_entry(""));  // incomplete: not signed
  const office::SignOffResult result = sign_off(workspace, {}, margaret_);
  EXPECT_FALSE(result.stale);
  EXPECT_EQ(result.signed_off, (std::vector<std::string>{"LCS900102", "LCS900103"}));
  const nlohmann::json file = decisions();
  for (const auto& decision : file["decisions"]) {
    EXPECT_EQ(decision["agreed"]["by"], "Margaret Oyelaran-Hughes");
    EXPECT_EQ(decision["agreed"]["at"], "2026-12-15T12:30:00Z");
    EXPECT_EQ(decision["agreed"]["version"], 1);
  }
  const auto versions =
      office::record_versions(workspace, "permanence", day("2026-12-15"), "LCS900102");
  ASSERT_EQ(versions.size(), 1U);
  EXPECT_EQ(versions[0].account, "margaret@council.example");

  // Locked: the administrator's save changes nothing.
  const std::string decisions_before = bytes(decisions_file());
  const std::string drafts_before = bytes(drafts_file());
  EXPECT_EQ(save(workspace, "LCS900102", complete_entry("Changed.")).refused,
            office::DraftRefusal::locked);
  EXPECT_EQ(bytes(decisions_file()), decisions_before);
  EXPECT_EQ(bytes(drafts_file()), drafts_before);
  // Signed again, or one not complete: refused, nothing written.
  const office::SignOffResult again = sign_off(workspace, {"LCS900102", "LCS900108"}, margaret_);
  EXPECT_TRUE(again.signed_off.empty());
  ASSERT_EQ(again.refused.size(), 2U);
  EXPECT_EQ(again.refused[0].second, "is already signed off");
  EXPECT_EQ(again.refused[1].second, "is not complete yet");
  EXPECT_EQ(bytes(decisions_file()), decisions_before);
}

TEST_F(RecordDraftsTest, AChangeAfterSignOffMakesVersionTwoAndKeepsVersionOne) {
  const auto workspace = office_.open();
  save(workspace, "LCS900102", complete_entry("Version one's reason."));
  sign_off(workspace, {"LCS900102"}, margaret_);
  const office::SignedChangeResult result =
      change(workspace, complete_entry("Version two's reason."), "The chair corrected the plan",
             margaret_);
  EXPECT_EQ(result.refused, office::ChangeRefusal::none);
  EXPECT_EQ(result.version, 2);
  const nlohmann::json decision = decisions()["decisions"][0];
  EXPECT_EQ(decision["rationale"], "Version two's reason.");
  EXPECT_EQ(decision["agreed"]["version"], 2);
  EXPECT_EQ(decision["agreed"]["at"], "2026-12-16T09:00:00Z");
  const nlohmann::json history = nlohmann::json::parse(SampleOfficeCopy::read(history_file()));
  const nlohmann::json& versions = history["records"]["LCS900102"];
  ASSERT_EQ(versions.size(), 2U);
  EXPECT_EQ(versions[0]["version"], 1);
  EXPECT_EQ(versions[0]["decision"]["rationale"], "Version one's reason.");
  EXPECT_EQ(versions[0]["decision"]["agreed"]["version"], 1);
  EXPECT_EQ(versions[1]["version"], 2);
  EXPECT_EQ(versions[1]["why"], "The chair corrected the plan");
  EXPECT_EQ(versions[1]["by"], "Margaret Oyelaran-Hughes");
}

TEST_F(RecordDraftsTest, RefusedChangesWriteNothing) {
  const auto workspace = office_.open();
  save(workspace, "LCS900102", complete_entry("Signed reason."));
  save(workspace, "LCS900103", complete_entry("A draft's reason."));
  sign_off(workspace, {"LCS900102"}, margaret_);
  const std::string decisions_before = bytes(decisions_file());
  const std::string history_before = bytes(history_file());
  const auto unchanged = [&] {
    EXPECT_EQ(bytes(decisions_file()), decisions_before);
    EXPECT_EQ(bytes(history_file()), history_before);
  };
  // Another chair may not change what they did not sign.
  EXPECT_EQ(change(workspace, complete_entry("Other."), "Because", helen_).refused,
            office::ChangeRefusal::other_chair);
  unchanged();
  // No reason given.
  EXPECT_EQ(change(workspace, complete_entry("Other."), "  ", margaret_).refused,
            office::ChangeRefusal::no_reason);
  unchanged();
  // Not complete.
  EXPECT_EQ(change(workspace, complete_entry(""), "Because", margaret_).refused,
            office::ChangeRefusal::not_valid);
  unchanged();
  // A draft is the administrator's: a chair does not change it this way.
  const std::string version = office::decisions_version(workspace, "permanence", day("2026-12-15"));
  office::SignedChangeRequest draft{
      "permanence", day("2026-12-15"), "LCS900103", complete_entry("Other."), {},
      "Because",    margaret_,         version,     at("2026-12-16T09:00")};
  EXPECT_EQ(office::change_signed_record(workspace, draft).refused,
            office::ChangeRefusal::not_signed);
  unchanged();
  // A stale form (the file changed since it was read).
  draft.case_ref = "LCS900102";
  draft.expected_version = "0123";
  EXPECT_EQ(office::change_signed_record(workspace, draft).refused, office::ChangeRefusal::stale);
  unchanged();
  office::SignOffRequest stale{"permanence", day("2026-12-15"),     {"LCS900103"}, margaret_,
                               "0123",       at("2026-12-16T09:00")};
  EXPECT_TRUE(office::sign_off_records(workspace, stale).stale);
  unchanged();
  // A case not booked on the sitting.
  EXPECT_EQ(save(workspace, "LCS900109", complete_entry("Why.")).refused,
            office::DraftRefusal::not_booked);
  unchanged();
}

TEST_F(RecordDraftsTest, ARecordAlreadyOnTheChildsFileIsLockedToo) {
  // permanence 2026-12-08: minutes agreed and both records on file, from before sign-off.
  const auto workspace = office_.open();
  const fs::path file = office_.root() / "decisions" / "permanence" / "2026-12-08.json";
  const std::string before = bytes(file);
  const office::DraftSave saved = office::save_record_draft(workspace, {"permanence",
                                                                        day("2026-12-08"),
                                                                        "LCS900101",
                                                                        complete_entry("Changed."),
                                                                        {},
                                                                        "ada.admin@council.example",
                                                                        at("2026-12-15T10:42")});
  EXPECT_EQ(saved.refused, office::DraftRefusal::locked);
  EXPECT_EQ(bytes(file), before);
  EXPECT_FALSE(
      fs::exists(office_.root() / "decisions" / "permanence" / "drafts" / "2026-12-08.json"));
}

TEST_F(RecordDraftsTest, TwoThreadsSavingDifferentChildrenLoseNothing) {
  const auto workspace = office_.open();
  constexpr int kRounds = 15;
  const auto saver = [&](const std::string& case_ref) {
    for (int round = 1; round <= kRounds; ++round) {
      save(workspace, case_ref, complete_entry(case_ref + " round " + std::to_string(round)));
    }
  };
  std::thread first(saver, "LCS900102");
  std::thread second(saver, "LCS900103");
  first.join();
  second.join();
  const auto drafts = office::load_record_drafts(workspace, "permanence", day("2026-12-15"));
  ASSERT_EQ(drafts.size(), 2U);
  EXPECT_EQ(drafts.at("LCS900102").entry.rationale, "LCS900102 round 15");
  EXPECT_EQ(drafts.at("LCS900103").entry.rationale, "LCS900103 round 15");
  const nlohmann::json file = decisions();
  ASSERT_EQ(file["decisions"].size(), 2U);
  for (const auto& decision : file["decisions"]) {
    EXPECT_EQ(decision["rationale"], decision["caseRef"].get<std::string>() + " round 15");
  }
}

}  // namespace
