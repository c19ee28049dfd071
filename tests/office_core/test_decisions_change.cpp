// The one path that changes a decisions file (office/records/decisions_change.hpp), on a copy of
// the sample office: permanence 2026-12-08 has decisions on LCS900101 and LCS900112; permanence
// 2026-12-22 has none. Asserted on the file's bytes and JSON.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/records/decisions_change.hpp"
#include "office/records/record_state.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::change_decisions;
using panelpack::office::decisions_version;
using panelpack::office::kNoDecisionsVersion;
using panelpack::office::OfficeError;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;
using ordered_json = nlohmann::ordered_json;

class DecisionsChangeTest : public ::testing::Test {
 protected:
  fs::path file(const char* date) const {
    return office_.root() / "decisions" / "permanence" / (std::string(date) + ".json");
  }
  SampleOfficeCopy office_;
};

TEST_F(DecisionsChangeTest, AChangeIsWrittenAndTheVersionMoves) {
  const auto workspace = office_.open();
  const std::string before = decisions_version(workspace, "permanence", day("2026-12-08"));
  const auto result = change_decisions(
      workspace, "permanence", day("2026-12-08"), &before,
      [](ordered_json& file) { file["decisions"][0]["recordedDate"] = "2026-12-15"; });
  EXPECT_FALSE(result.stale);
  EXPECT_NE(result.version, before);
  EXPECT_EQ(result.version, decisions_version(workspace, "permanence", day("2026-12-08")));
  const auto json = nlohmann::json::parse(SampleOfficeCopy::read(file("2026-12-08")));
  EXPECT_EQ(json["decisions"][0]["recordedDate"], "2026-12-15");
  EXPECT_EQ(json["decisions"][1]["caseRef"], "LCS900112");  // the rest kept, in its order
}

TEST_F(DecisionsChangeTest, AStaleVersionChangesNothing) {
  const auto workspace = office_.open();
  const std::string bytes = SampleOfficeCopy::read(file("2026-12-08"));
  const std::string old_version = "0123";
  bool ran = false;
  const auto result = change_decisions(workspace, "permanence", day("2026-12-08"), &old_version,
                                       [&](ordered_json&) { ran = true; });
  EXPECT_TRUE(result.stale);
  EXPECT_FALSE(ran);
  EXPECT_EQ(SampleOfficeCopy::read(file("2026-12-08")), bytes);
}

TEST_F(DecisionsChangeTest, AResultAgainstTheSchemaIsRefusedAndNothingWritten) {
  const auto workspace = office_.open();
  const std::string bytes = SampleOfficeCopy::read(file("2026-12-08"));
  try {
    change_decisions(workspace, "permanence", day("2026-12-08"), nullptr,
                     [](ordered_json& file) { file["decisions"][0]["outcome"] = "maybe"; });
    FAIL() << "an outcome not in the schema was written";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find("/decisions/0/outcome"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(SampleOfficeCopy::read(file("2026-12-08")), bytes);
}

TEST_F(DecisionsChangeTest, ARefusalFromTheChangeWritesNothing) {
  const auto workspace = office_.open();
  EXPECT_THROW(change_decisions(workspace, "permanence", day("2026-12-22"), nullptr,
                                [](ordered_json& file) {
                                  file["decisions"].push_back({{"caseRef", "LCS900104"}});
                                  throw OfficeError(OfficeError::Code::bad_input, "refused");
                                }),
               OfficeError);
  EXPECT_FALSE(fs::exists(file("2026-12-22")));
  EXPECT_EQ(decisions_version(workspace, "permanence", day("2026-12-22")), kNoDecisionsVersion);
}

TEST_F(DecisionsChangeTest, AFirstDecisionMakesTheFileForTheSitting) {
  const auto workspace = office_.open();
  const std::string none = kNoDecisionsVersion;
  const auto result =
      change_decisions(workspace, "permanence", day("2026-12-22"), &none, [](ordered_json& file) {
        EXPECT_EQ(file["panel"], "permanence");
        EXPECT_EQ(file["date"], "2026-12-22");
        file["decisions"].push_back({{"caseRef", "LCS900104"},
                                     {"outcome", "plan_ratified"},
                                     {"rationale", "Fictional test rationale."},
                                     {"agreedContingencyPlan", "long_term_fostering"}});
      });
  EXPECT_FALSE(result.stale);
  const auto json = nlohmann::json::parse(SampleOfficeCopy::read(file("2026-12-22")));
  EXPECT_EQ(json["securityMarking"], "OFFICIAL-SENSITIVE");
  EXPECT_EQ(json["decisions"][0]["agreedContingencyPlan"], "long_term_fostering");
}

TEST_F(DecisionsChangeTest, TwoWritersAtOnceLoseNothing) {
  const auto workspace = office_.open();
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 2; ++writer) {
    writers.emplace_back([&, writer] {
      for (int round = 0; round < 10; ++round) {
        change_decisions(
            workspace, "permanence", day("2026-12-08"), nullptr, [&](ordered_json& file) {
              file["decisions"][writer]["themes"].push_back("theme " + std::to_string(round));
            });
      }
    });
  }
  for (auto& thread : writers) thread.join();
  const auto json = nlohmann::json::parse(SampleOfficeCopy::read(file("2026-12-08")));
  for (int writer = 0; writer < 2; ++writer) {
    const auto& themes = json["decisions"][writer]["themes"];
    int added = 0;
    for (const auto& theme : themes) {
      if (theme.get<std::string>().rfind("theme ", 0) == 0) ++added;
    }
    EXPECT_EQ(added, 10) << "writer " << writer;
  }
}

}  // namespace

namespace {

using panelpack::office::record_state;
using panelpack::office::RecordState;

TEST(RecordStateTest, EachMarkMovesTheRecordOn) {
  nlohmann::json sitting = {{"panel", "permanence"}, {"date", "2026-12-15"}};
  nlohmann::json decision = {{"caseRef", "LCS900102"}, {"outcome", "plan_ratified"}};
  EXPECT_EQ(record_state(sitting, nullptr), RecordState::not_started);
  EXPECT_EQ(record_state(sitting, &decision), RecordState::draft);
  decision["agreed"] = {{"by", "Chair"}, {"at", "2026-12-15T12:00:00Z"}, {"version", 1}};
  EXPECT_EQ(record_state(sitting, &decision), RecordState::agreed);
  decision["circulatedAt"] = "2026-12-16T09:00:00Z";
  EXPECT_EQ(record_state(sitting, &decision), RecordState::sent);
  decision["recordedDate"] = "2026-12-17";
  EXPECT_EQ(record_state(sitting, &decision), RecordState::on_file);
}

TEST(RecordStateTest, MinutesAgreedForTheSittingCountAsSignedOff) {
  const nlohmann::json sitting = {{"minutesAgreedDate", "2026-12-11"}};
  const nlohmann::json decision = {{"caseRef", "LCS900101"}};
  EXPECT_EQ(record_state(sitting, &decision), RecordState::agreed);
}

}  // namespace
