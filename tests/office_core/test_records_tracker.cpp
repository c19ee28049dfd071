// The decisions tracker through office/records/tracker.hpp alone, on a copy of the sample
// office on 6 January 2027: its rows and the workbook's cells column by column.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "office/records/tracker.hpp"
#include "office/workspace.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/london_time.hpp"
#include "support/temporary_folder.hpp"
#include "templating/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::TrackerRequest;
using panelpack::office::Workspace;
using panelpack::office::write_tracker;
using panelpack::panel::CalendarDate;
using panelpack::spreadsheet::Cell;
using panelpack::spreadsheet::Date;

class OfficeTracker : public ::testing::Test {
 protected:
  OfficeTracker() { request_.now = panelpack::panel::parse_instant("2027-01-06T09:00"); }
  fs::path root() const { return office_.root(); }
  const TrackerRequest& request() const { return request_; }

 private:
  panelpack::testing::SampleOfficeCopy office_;
  TrackerRequest request_;
};

std::string text_of(const Cell& cell) {
  const auto* text = std::get_if<std::string>(&cell.value);
  return text ? *text : "<not text>";
}

Date date_of(const Cell& cell) {
  const auto* date = std::get_if<Date>(&cell.value);
  return date ? *date : Date{0, 0, 0};
}

TEST_F(OfficeTracker, OneRowPerDecisionInSittingThenAgendaOrder) {
  const Workspace workspace = Workspace::open(root());
  const auto result = build_office_tracker(workspace, request());
  EXPECT_TRUE(result.skipped.empty());
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& row : result.tracker.decisions)
    rows.emplace_back(row.sitting.iso(), row.case_ref);
  const std::vector<std::pair<std::string, std::string>> expected{{"2026-12-08", "LCS900101"},
                                                                  {"2026-12-08", "LCS900112"},
                                                                  {"2026-12-15", "LCS900102"},
                                                                  {"2026-12-15", "LCS900103"},
                                                                  {"2026-12-15", "LCS900108"}};
  EXPECT_EQ(rows, expected);
}

TEST_F(OfficeTracker, TheDecisionsSheetHoldsEachColumnsValueInWords) {
  const Workspace workspace = Workspace::open(root());
  const auto result = build_office_tracker(workspace, request());
  const auto workbook = tracker_workbook(workspace, result.tracker);
  ASSERT_EQ(workbook.sheets.size(), 2U);
  const auto& sheet = workbook.sheets[0];
  EXPECT_EQ(sheet.name, "Decisions");
  ASSERT_EQ(sheet.columns.size(), 13U);
  ASSERT_EQ(sheet.rows.size(), 5U);
  const auto& row = sheet.rows[2];  // LCS900102 on 15 December
  EXPECT_EQ(date_of(row[0]), (Date{2026, 12, 15}));
  EXPECT_EQ(text_of(row[1]), "Northbridge Permanence Panel");
  EXPECT_EQ(text_of(row[2]), "LCS900102");
  EXPECT_EQ(text_of(row[3]), result.tracker.decisions[2].child_id);
  EXPECT_FALSE(row[3].is_empty());
  EXPECT_EQ(text_of(row[4]), "Plan ratified");
  EXPECT_EQ(text_of(row[5]), "Special guardianship order");
  EXPECT_EQ(text_of(row[7]), "Review at PPTM");
  EXPECT_EQ(date_of(row[8]), (Date{2027, 1, 26}));
  EXPECT_EQ(date_of(row[9]), (Date{2026, 12, 22}));
  EXPECT_EQ(text_of(row[11]), "On file in time");
  EXPECT_FALSE(row[11].highlight);
  EXPECT_EQ(std::get<std::int64_t>(row[12].value), result.tracker.decisions[2].open_actions);
  // LCS900112's record went on file on the 17th, due the 15th: late, and red.
  EXPECT_EQ(text_of(sheet.rows[1][11]), "On file late");
  EXPECT_TRUE(sheet.rows[1][11].highlight);
  EXPECT_TRUE(sheet.print.landscape);
  EXPECT_EQ(sheet.print.header_text, "OFFICIAL-SENSITIVE");
}

TEST_F(OfficeTracker, OverdueActionsAreFlaggedAndHighlightedAcrossTheRow) {
  const Workspace workspace = Workspace::open(root());
  const auto workbook =
      tracker_workbook(workspace, build_office_tracker(workspace, request()).tracker);
  const auto& actions = workbook.sheets[1];
  EXPECT_EQ(actions.name, "Actions");
  std::vector<std::pair<std::string, std::string>> overdue;
  int overdue_status = 0;
  for (const auto& row : actions.rows) {
    if (text_of(row[9]) == "Yes") {
      overdue.emplace_back(text_of(row[2]), text_of(row[3]));
      for (const auto& cell : row) EXPECT_TRUE(cell.highlight);
    }
    if (text_of(row[7]) == "Overdue") ++overdue_status;
  }
  const std::vector<std::pair<std::string, std::string>> expected{{"LCS900102", "A1"},
                                                                  {"LCS900108", "A1"}};
  EXPECT_EQ(overdue, expected);
  EXPECT_EQ(overdue_status, 2);
}

TEST_F(OfficeTracker, TheRangeKeepsOnlyItsSittings) {
  const Workspace workspace = Workspace::open(root());
  TrackerRequest range = request();
  range.from = CalendarDate{2026, 12, 10};
  const auto result = build_office_tracker(workspace, range);
  ASSERT_EQ(result.tracker.decisions.size(), 3U);
  for (const auto& row : result.tracker.decisions) EXPECT_EQ(row.sitting.iso(), "2026-12-15");
}

TEST_F(OfficeTracker, CsvIsTwoFilesBesideEachOtherAndXlsxOne) {
  const Workspace workspace = Workspace::open(root());
  const auto workbook =
      tracker_workbook(workspace, build_office_tracker(workspace, request()).tracker);
  const fs::path csv = root() / "out" / "tracker.csv";
  const auto written = write_tracker(csv, workbook);
  ASSERT_EQ(written.size(), 2U);
  EXPECT_EQ(written[1], root() / "out" / "tracker-actions.csv");
  const std::string decisions = panelpack::templating::read_file(csv);
  EXPECT_NE(decisions.find("LCS900108"), std::string::npos);
  EXPECT_NE(decisions.find("On file in time"), std::string::npos);
  const fs::path xlsx = root() / "out" / "tracker.xlsx";
  EXPECT_EQ(write_tracker(xlsx, workbook), std::vector<fs::path>{xlsx});
  EXPECT_EQ(panelpack::templating::read_file(xlsx).substr(0, 2), "PK");  // a zip package
}

}  // namespace
