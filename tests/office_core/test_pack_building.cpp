// Building, reusing and reading packs through office/ alone, on a copy of the sample office in
// a temporary folder (zip only, no LibreOffice): the options a request gets, reuse against
// engine/panel/pack_decision, the manifest read back, busy as a result, progress.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/pack/pack_manifest.hpp"
#include "office/pack/pack_protection.hpp"
#include "office/pack/pack_request.hpp"
#include "office/pack/sitting_pack.hpp"
#include "office/progress.hpp"
#include "office/sitting/agenda_addendum.hpp"
#include "office/workspace.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/london_time.hpp"
#include "panel/pack_decision.hpp"
#include "support/temporary_folder.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::FileLock;
using panelpack::office::GivenPassword;
using panelpack::office::OfficeError;
using panelpack::office::PackOutcome;
using panelpack::office::PackRequest;
using panelpack::office::Workspace;
using panelpack::panel::CalendarDate;
using panelpack::panel::PackAction;

const CalendarDate kSitting(2026, 12, 15);
const auto kNow = panelpack::panel::parse_instant("2026-12-10T10:00:00Z");

// Records every stage and its steps; advance() may come from several threads.
class RecordingProgress final : public panelpack::office::ProgressSink {
 public:
  struct Stage {
    std::string name;
    std::size_t total = 0;
    std::size_t advances = 0;
    bool finished = false;
  };
  void begin(std::string_view stage, std::size_t total) override {
    const std::lock_guard lock(mutex_);
    stages_.push_back({std::string(stage), total, 0, false});
  }
  void advance() override {
    const std::lock_guard lock(mutex_);
    ++stages_.back().advances;
  }
  void finish() override {
    const std::lock_guard lock(mutex_);
    stages_.back().finished = true;
  }
  std::vector<Stage> stages() const {
    const std::lock_guard lock(mutex_);
    return stages_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Stage> stages_;
};

class SamplePack : public ::testing::Test {
 protected:
  SamplePack() { std::ofstream(password_file()) << "a pack password long enough\n"; }
  fs::path root() const { return office_.root(); }
  fs::path password_file() const { return folder_.path() / "pack-password"; }
  static PackRequest request() {
    PackRequest request;
    request.panel_id = "permanence";
    request.date = kSitting;
    request.now = kNow;
    return request;
  }
  // A case file the pack is made from, changed without changing what it says.
  void touch_case(const std::string& case_ref) const {
    std::ofstream(root() / "cases" / (case_ref + ".json"), std::ios::app) << "\n";
  }
  // What tick decides about the pack in the sitting's folder (office/tick/tick_queue.cpp).
  static PackAction decision(const Workspace& workspace) {
    const fs::path folder = workspace.pack_path("permanence", kSitting);
    const auto manifest = panelpack::office::read_pack_manifest(folder);
    if (!manifest) return PackAction::build;
    const auto now =
        panelpack::office::current_pack_inputs(workspace, "permanence", kSitting, kNow);
    const bool current = panelpack::office::changed_inputs(manifest->inputs, now).empty();
    const auto found = panelpack::office::inspect_pack(folder, *manifest, current);
    const auto wanted =
        panelpack::panel::pack_wanted(workspace.office().panel("permanence").circulation);
    return panelpack::panel::decide_pack(found, wanted, false).action;
  }

 private:
  panelpack::testing::SampleOfficeCopy office_;
  panelpack::testing::TemporaryFolder folder_{"panelpack-pack-core"};
};

TEST_F(SamplePack, APackFromOfficeJsonIsCurrentUntilACaseFileChanges) {
  const Workspace workspace = Workspace::open(root());
  const PackOutcome outcome = panelpack::office::pack_sitting(workspace, request());
  ASSERT_FALSE(outcome.busy());
  EXPECT_TRUE(outcome.packed->from_office);
  EXPECT_FALSE(outcome.packed->encrypted);
  EXPECT_EQ(decision(workspace), PackAction::circulate);

  touch_case("LCS900103");
  const auto manifest = panelpack::office::read_pack_manifest(outcome.packed->folder);
  ASSERT_TRUE(manifest.has_value());
  const auto now = panelpack::office::current_pack_inputs(workspace, "permanence", kSitting, kNow);
  EXPECT_EQ(panelpack::office::changed_inputs(manifest->inputs, now), "cases/LCS900103.json");
  EXPECT_EQ(decision(workspace), PackAction::build);
}

TEST_F(SamplePack, APackFromTheCommandLineIsNeverReplaced) {
  const Workspace workspace = Workspace::open(root());
  PackRequest by_hand = request();
  by_hand.password = GivenPassword{password_file().string(), ""};
  const PackOutcome outcome = panelpack::office::pack_sitting(workspace, by_hand);
  ASSERT_FALSE(outcome.busy());
  EXPECT_FALSE(outcome.packed->from_office);
  EXPECT_TRUE(outcome.packed->encrypted);
  // Stronger than the panel's options and current: circulated as it is.
  EXPECT_EQ(decision(workspace), PackAction::circulate);
  touch_case("LCS900102");
  // Out of date, but never rebuilt with other options: tick refuses and alerts.
  EXPECT_EQ(decision(workspace), PackAction::refuse_out_of_date);
}

TEST_F(SamplePack, TheManifestReadsBackTheOptionsAndInputsItWasWrittenWith) {
  const Workspace workspace = Workspace::open(root());
  PackRequest by_hand = request();
  by_hand.password = GivenPassword{password_file().string(), ""};
  const PackOutcome outcome = panelpack::office::pack_sitting(workspace, by_hand);
  ASSERT_FALSE(outcome.busy());
  const auto& packed = *outcome.packed;
  const auto manifest = panelpack::office::read_pack_manifest(packed.folder);
  ASSERT_TRUE(manifest.has_value());
  EXPECT_EQ(manifest->documents, packed.documents.size());
  EXPECT_EQ(manifest->zip_file, packed.zip_name);
  EXPECT_FALSE(manifest->pdf_file.has_value());
  EXPECT_TRUE(manifest->options.zip_encrypted);
  EXPECT_FALSE(manifest->options.pdf);
  EXPECT_FALSE(manifest->options.pdf_encrypted);
  EXPECT_FALSE(manifest->options.from_office);

  const auto now = panelpack::office::current_pack_inputs(workspace, "permanence", kSitting, kNow);
  EXPECT_EQ(manifest->inputs.files, now.files);
  EXPECT_EQ(manifest->inputs.fingerprint, now.fingerprint);
  EXPECT_EQ(manifest->inputs.fingerprint, panelpack::office::inputs_fingerprint(now.files));
  std::vector<std::string> names;
  for (const auto& input : manifest->inputs.files) names.push_back(input.file);
  for (const char* expected : {"office.json", "bookings/permanence/2026-12-15.json",
                               "cases/LCS900102.json", "cases/LCS900108.json"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  // The zip really is encrypted, as the manifest says.
  const auto found = panelpack::office::inspect_pack(packed.folder, *manifest, true);
  EXPECT_TRUE(found.zip);
  EXPECT_TRUE(found.zip_encrypted);
}

TEST_F(SamplePack, AnotherRunHoldingTheLockIsBusyAsAResult) {
  const Workspace workspace = Workspace::open(root());
  const fs::path folder = workspace.pack_path("permanence", kSitting);
  const fs::path lock_path = panelpack::office::lock_path_beside(folder);
  fs::create_directories(lock_path.parent_path());
  {
    const auto held = FileLock::try_take(lock_path);
    ASSERT_TRUE(held.has_value());
    const PackOutcome outcome = panelpack::office::pack_sitting(workspace, request());
    EXPECT_TRUE(outcome.busy());
    EXPECT_EQ(outcome.busy_lock, lock_path);
    EXPECT_FALSE(fs::exists(folder));

    panelpack::office::PackOptions options;
    options.folder = root() / "packs" / "permanence" / "addendum";
    const auto addendum_lock =
        FileLock::try_take(panelpack::office::lock_path_beside(options.folder));
    ASSERT_TRUE(addendum_lock.has_value());
    const auto attempt = panelpack::office::build_agenda_addendum(workspace, "permanence", kSitting,
                                                                  1, options, kNow);
    EXPECT_TRUE(attempt.busy());
  }
  const PackOutcome after = panelpack::office::pack_sitting(workspace, request());
  ASSERT_FALSE(after.busy());
  EXPECT_TRUE(fs::is_regular_file(folder / "manifest.json"));
}

TEST_F(SamplePack, ProgressSeesThePackingStageWithOneStepPerDocument) {
  const Workspace workspace = Workspace::open(root());
  RecordingProgress progress;
  PackRequest asked = request();
  asked.progress = &progress;
  const PackOutcome outcome = panelpack::office::pack_sitting(workspace, asked);
  ASSERT_FALSE(outcome.busy());
  const auto stages = progress.stages();
  ASSERT_EQ(stages.size(), 1U);  // no PDF: no conversion stage
  EXPECT_EQ(stages[0].name, "packing");
  EXPECT_EQ(stages[0].total, outcome.packed->documents.size());
  EXPECT_EQ(stages[0].advances, outcome.packed->documents.size());
  EXPECT_TRUE(stages[0].finished);
  // The sample sitting: the agenda and four papers, the chronology of item 3 missing.
  EXPECT_EQ(outcome.packed->documents.size(), 5U);
  ASSERT_EQ(outcome.packed->missing.size(), 1U);
  EXPECT_EQ(outcome.packed->missing[0].case_ref, "LCS900108");
  EXPECT_EQ(outcome.packed->cases, 3U);
}

TEST_F(SamplePack, TheRequestAddsToThePanelsOptionsAndIsRefusedWhereItMakesNoSense) {
  const Workspace workspace = Workspace::open(root());
  const auto office = panelpack::office::choose_pack_options(workspace, request());
  EXPECT_FALSE(office.pdf);
  EXPECT_TRUE(office.password.empty());
  EXPECT_TRUE(office.from_office);

  PackRequest with_pdf = request();
  with_pdf.pdf = true;
  with_pdf.pdf_workers = 0;
  const auto pdf = panelpack::office::choose_pack_options(workspace, with_pdf);
  EXPECT_TRUE(pdf.pdf);
  EXPECT_FALSE(pdf.from_office);
  EXPECT_GE(pdf.pdf_workers, 1U);

  const auto code_of = [&](const PackRequest& asked) {
    try {
      panelpack::office::choose_pack_options(workspace, asked);
    } catch (const OfficeError& error) {
      return error.code();
    }
    ADD_FAILURE() << "accepted";
    return OfficeError::Code::machine_failure;
  };
  PackRequest workers_without_pdf = request();
  workers_without_pdf.pdf_workers = 2;
  EXPECT_EQ(code_of(workers_without_pdf), OfficeError::Code::bad_argument);
  PackRequest no_timeout = with_pdf;
  no_timeout.pdf_timeout = std::chrono::seconds{0};
  EXPECT_EQ(code_of(no_timeout), OfficeError::Code::bad_argument);
  PackRequest unknown = request();
  unknown.panel_id = "nosuch";
  EXPECT_EQ(code_of(unknown), OfficeError::Code::bad_input);
  std::ofstream(root() / "short-password") << "short\n";
  PackRequest short_password = request();
  short_password.password = GivenPassword{(root() / "short-password").string(), ""};
  EXPECT_EQ(code_of(short_password), OfficeError::Code::bad_input);
  PackRequest unset = request();
  unset.password = GivenPassword{"", "PANELPACK_TEST_NO_SUCH_SECRET"};
  EXPECT_EQ(code_of(unset), OfficeError::Code::bad_input);
}

}  // namespace
