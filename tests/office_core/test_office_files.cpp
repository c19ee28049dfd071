// The office's files read and written through office/ alone, on a copy of the sample office in
// a temporary folder: the workspace, its lock, and the formats each with one owner.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/records_manifest.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "office/workspace.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/london_time.hpp"
#include "support/temporary_folder.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::FileLock;
using panelpack::office::OfficeError;
using panelpack::office::RecordsManifest;
using panelpack::office::Workspace;
using panelpack::panel::CalendarDate;

// A writable copy of samples/office/.
class SampleOffice : public ::testing::Test {
 protected:
  fs::path root() const { return office_.root(); }
  static void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }

 private:
  panelpack::testing::SampleOfficeCopy office_;
};

TEST_F(SampleOffice, OpensAndLoadsACaseByItsReference) {
  const Workspace workspace = Workspace::open(root());
  EXPECT_EQ(workspace.root(), root());
  EXPECT_FALSE(workspace.office().panels.empty());
  const auto file = workspace.load_case("LCS900101");
  EXPECT_EQ(file.summary.case_ref, "LCS900101");
  EXPECT_EQ(file.path, root() / "cases" / "LCS900101.json");
}

TEST_F(SampleOffice, AFolderWithoutOfficeJsonIsBadInputNamingTheFile) {
  fs::remove(root() / "office.json");
  try {
    Workspace::open(root());
    FAIL() << "opened an office without office.json";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_EQ(error.where().file, (root() / "office.json").string());
  }
}

TEST_F(SampleOffice, ACaseFileNamedForAnotherCaseIsBadInput) {
  fs::copy_file(root() / "cases" / "LCS900101.json", root() / "cases" / "LCS999999.json");
  const Workspace workspace = Workspace::open(root());
  try {
    workspace.load_case("LCS999999");
    FAIL() << "loaded a case file that holds another case";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  }
  std::vector<std::string> problems;
  const auto cases = workspace.load_all_cases(problems);
  EXPECT_EQ(problems.size(), 1U);
  for (const auto& file : cases) EXPECT_NE(file.summary.case_ref, "LCS999999");
}

TEST_F(SampleOffice, BookingsSavedAreReadBackTheSame) {
  const Workspace workspace = Workspace::open(root());
  const CalendarDate date = CalendarDate::parse("2026-12-15");
  auto bookings = workspace.load_bookings("permanence", date);
  ASSERT_TRUE(bookings.has_value());
  ASSERT_GE(bookings->items.size(), 2U);
  std::swap(bookings->items[0], bookings->items[1]);
  const std::string first = bookings->items[0].case_ref;
  workspace.save_bookings(*bookings);
  const auto again = workspace.load_bookings("permanence", date);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->items.size(), bookings->items.size());
  EXPECT_EQ(again->items[0].case_ref, first);
  EXPECT_FALSE(workspace.load_bookings("permanence", CalendarDate::parse("2030-01-01")));
}

TEST_F(SampleOffice, ASecondTakerOfALockIsToldBusyAsAResult) {
  const fs::path lock = root() / ".tick.lock";
  auto first = FileLock::try_take(lock);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(FileLock::try_take(lock).has_value());
  first.reset();
  EXPECT_TRUE(FileLock::try_take(lock).has_value());
}

TEST_F(SampleOffice, DecisionsAreLoadedPerSittingAndAbsentOnesAreNothing) {
  const Workspace workspace = Workspace::open(root());
  const auto decisions =
      panelpack::office::load_decisions(workspace, "permanence", CalendarDate::parse("2026-12-15"));
  ASSERT_TRUE(decisions.has_value());
  EXPECT_EQ(decisions->panel_id, "permanence");
  EXPECT_FALSE(decisions->decisions.empty());
  EXPECT_FALSE(panelpack::office::load_decisions(workspace, "permanence",
                                                 CalendarDate::parse("2027-01-12")));
  std::vector<std::string> problems;
  EXPECT_EQ(panelpack::office::load_all_decisions(workspace, problems).size(), 2U);
  EXPECT_TRUE(problems.empty());
}

TEST_F(SampleOffice, TheRecordsManifestWrittenIsReadBackByItsOwner) {
  const Workspace workspace = Workspace::open(root());
  const CalendarDate date = CalendarDate::parse("2026-12-15");
  EXPECT_TRUE(panelpack::office::recorded_cases(workspace, "permanence", date).empty());
  const auto at = panelpack::panel::parse_instant("2026-12-16T10:00");
  RecordsManifest manifest{"permanence", date, panelpack::panel::utc_to_local(at), at, {}};
  manifest.records.push_back({"LCS900101", "C1", "a.docx", "00", std::nullopt});
  manifest.records.push_back({"LCS900102", "C2", "b.docx", "11", std::string("b.pdf")});
  const auto json = manifest.to_json();
  EXPECT_EQ(json["records"][0]["pdf"], nullptr);
  EXPECT_EQ(json["records"][1]["pdf"], "b.pdf");
  EXPECT_EQ(json["date"], "2026-12-15");
  write(panelpack::office::records_manifest_path(workspace, "permanence", date), json.dump(2));
  EXPECT_EQ(panelpack::office::recorded_cases(workspace, "permanence", date),
            (std::set<std::string>{"LCS900101", "LCS900102"}));
  // An unreadable manifest counts as no records made.
  write(panelpack::office::records_manifest_path(workspace, "permanence", date), "{");
  EXPECT_TRUE(panelpack::office::recorded_cases(workspace, "permanence", date).empty());
}

TEST_F(SampleOffice, AnUnreadableNoticesFileIsBadInputNamingIt) {
  const Workspace workspace = Workspace::open(root());
  const CalendarDate date = CalendarDate::parse("2026-12-15");
  EXPECT_FALSE(panelpack::office::read_sitting_notices(workspace, "permanence", date));
  const fs::path path = panelpack::office::notices_path(workspace, "permanence", date);
  EXPECT_EQ(path, root() / "notified" / "permanence" / "2026-12-15.json");
  write(path, "[1, 2]");
  try {
    panelpack::office::read_sitting_notices(workspace, "permanence", date);
    FAIL() << "read a notices file that is not an object";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
  }
}

}  // namespace
