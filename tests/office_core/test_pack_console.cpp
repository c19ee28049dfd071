// What the console's Pack page stands on in office/: RecordedProgress (a build's progress read
// from another thread while it runs) and the Pack page's model (office/views/pack_view.hpp) on a
// copy of the sample office: no pack, then a pack built as `panelpack pack` builds it, its
// manifest in words, up to date until its bookings file changes, then out of date naming it.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "office/error.hpp"
#include "office/pack/pack_request.hpp"
#include "office/progress_record.hpp"
#include "office/views/pack_view.hpp"
#include "sample_office_copy.hpp"

namespace {

namespace office = panelpack::office;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

TEST(RecordedProgress, KeepsTheStageItsCountAndTheStagesFinished) {
  office::RecordedProgress progress;
  EXPECT_EQ(progress.snapshot().stage, "");
  EXPECT_FALSE(progress.snapshot().in_stage);
  progress.begin("packing", 2);
  progress.advance();
  office::ProgressSnapshot now = progress.snapshot();
  EXPECT_EQ(now.stage, "packing");
  EXPECT_EQ(now.done, 1U);
  EXPECT_EQ(now.total, 2U);
  EXPECT_TRUE(now.in_stage);
  progress.advance();
  progress.advance();  // one too many: never past the total
  progress.finish();
  progress.finish();  // a second finish of the same stage counts once
  now = progress.snapshot();
  EXPECT_EQ(now.done, 2U);
  EXPECT_FALSE(now.in_stage);
  EXPECT_EQ(now.stages_finished, 1U);
  progress.begin("converting to PDF", 5);
  now = progress.snapshot();
  EXPECT_EQ(now.stage, "converting to PDF");
  EXPECT_EQ(now.done, 0U);
  EXPECT_EQ(now.total, 5U);
}

TEST(RecordedProgress, CountsAdvancesFromManyThreadsWhileAnotherReads) {
  office::RecordedProgress progress;
  progress.begin("converting to PDF", 4000);
  std::vector<std::thread> workers;
  for (int worker = 0; worker < 4; ++worker) {
    workers.emplace_back([&progress] {
      for (int step = 0; step < 1000; ++step) progress.advance();
    });
  }
  std::size_t last = 0;
  bool never_backwards = true;
  for (int read = 0; read < 1000; ++read) {
    const std::size_t done = progress.snapshot().done;
    never_backwards = never_backwards && done >= last;
    last = done;
  }
  for (auto& worker : workers) worker.join();
  EXPECT_TRUE(never_backwards);
  EXPECT_EQ(progress.snapshot().done, 4000U);
}

class PackPage : public ::testing::Test {
 protected:
  SampleOfficeCopy office_;
  const panelpack::panel::UtcInstant now_ = at("2026-12-05T10:00");
};

TEST_F(PackPage, SaysThereIsNoPackBeforeOneIsBuilt) {
  const office::PackView view =
      office::pack_view(office_.open(), "permanence", day("2026-12-15"), now_);
  EXPECT_FALSE(view.exists);
  EXPECT_TRUE(view.documents.empty());
  EXPECT_TRUE(view.circulation.empty());
  EXPECT_FALSE(view.circulated);
  EXPECT_FALSE(view.out_of_date);
}

TEST_F(PackPage, RefusesAPanelTheOfficeDoesNotHave) {
  try {
    office::pack_view(office_.open(), "nosuch", day("2026-12-15"), now_);
    FAIL() << "no error";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find("nosuch"), std::string::npos);
  }
}

TEST_F(PackPage, ShowsTheBuiltPackInWordsUntilItsBookingsChange) {
  const office::Workspace workspace = office_.open();
  office::PackRequest request;
  request.panel_id = "permanence";
  request.date = day("2026-12-15");
  request.now = now_;
  office::RecordedProgress progress;
  request.progress = &progress;
  const office::PackOutcome outcome = office::pack_sitting(workspace, request);
  ASSERT_FALSE(outcome.busy());
  EXPECT_GE(progress.snapshot().stages_finished, 1U);

  office::PackView view = office::pack_view(workspace, "permanence", day("2026-12-15"), now_);
  ASSERT_TRUE(view.exists);
  ASSERT_EQ(view.documents.size(), 5U);
  EXPECT_EQ(view.documents[0].file, "00-agenda.docx");
  EXPECT_EQ(view.documents[0].paper_words, "Agenda");
  EXPECT_EQ(view.documents[0].source, "agenda");
  EXPECT_EQ(view.documents[2].file, "01-2-LCS900102-care-plan.docx");
  EXPECT_EQ(view.documents[2].case_ref, "LCS900102");
  EXPECT_EQ(view.documents[2].item, 1);
  EXPECT_EQ(view.documents[2].source, "submitted");
  ASSERT_EQ(view.missing.size(), 1U);
  EXPECT_EQ(view.missing[0].case_ref, "LCS900108");
  EXPECT_EQ(view.missing[0].item, 3);
  EXPECT_EQ(view.zip_file, "permanence-2026-12-15.zip");
  EXPECT_FALSE(view.zip_encrypted);
  EXPECT_FALSE(view.pdf_file.has_value());
  EXPECT_FALSE(view.built_at.empty());
  EXPECT_FALSE(view.out_of_date) << view.changed << view.check_problem;
  EXPECT_TRUE(view.check_problem.empty());

  const auto bookings = office_.root() / "bookings" / "permanence" / "2026-12-15.json";
  SampleOfficeCopy::write(bookings, SampleOfficeCopy::read(bookings) + "\n");
  view = office::pack_view(workspace, "permanence", day("2026-12-15"), now_);
  EXPECT_TRUE(view.out_of_date);
  EXPECT_EQ(view.changed, "bookings/permanence/2026-12-15.json");
}

}  // namespace
