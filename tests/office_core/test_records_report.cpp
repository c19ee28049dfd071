// The quarterly report's figures through office/records/report.hpp alone, on the report
// fixture office (tests/fixtures/report-office), whose 2026-Q3 and 2026-Q2 KPIs were worked out
// by hand (the same figures tests/office/test_records.py checks through the command).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <tuple>

#include "office/error.hpp"
#include "office/records/report.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"
#include "support/temporary_folder.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::OfficeError;
using panelpack::office::ReportRequest;
using panelpack::office::Workspace;
using panelpack::panel::Quarter;
using panelpack::panel::QuarterFigures;

using Share = std::tuple<int, int>;  // numerator, denominator

class QuarterlyReport : public ::testing::Test {
 protected:
  QuarterlyReport() {
    fs::copy(fs::path(PANELPACK_SOURCE_DIR) / "tests" / "fixtures" / "report-office", root(),
             fs::copy_options::recursive);
  }
  fs::path root() const { return folder_.path() / "office"; }
  static ReportRequest request(const std::string& quarter) {
    return {Quarter::parse(quarter), panelpack::panel::parse_instant("2026-12-04T12:00")};
  }

 private:
  panelpack::testing::TemporaryFolder folder_{"panelpack-records-report"};
};

std::map<std::string, Share> shares(const QuarterFigures& figures) {
  std::map<std::string, Share> by_id;
  for (const auto& measure : figures.measures) {
    by_id[measure.id] = {measure.numerator, measure.denominator};
  }
  return by_id;
}

TEST_F(QuarterlyReport, TheKpisMatchTheHandWorkedQuarterAndTheOneBefore) {
  const Workspace workspace = Workspace::open(root());
  const auto report = quarterly_report(workspace, request("2026-Q3"));
  const std::map<std::string, Share> this_quarter{
      {"K1", {1, 2}},  {"K3", {4, 6}},   {"K4", {1, 3}},  {"K5", {1, 2}},
      {"K14", {1, 0}}, {"K16a", {0, 2}}, {"K16b", {1, 0}}};
  const std::map<std::string, Share> last_quarter{
      {"K1", {1, 1}},  {"K3", {1, 1}},   {"K4", {1, 1}},  {"K5", {0, 0}},
      {"K14", {0, 0}}, {"K16a", {1, 1}}, {"K16b", {0, 0}}};
  EXPECT_EQ(shares(report.figures), this_quarter);
  EXPECT_EQ(shares(report.previous_figures), last_quarter);
  EXPECT_EQ(report.figures.decisions, 3);
  EXPECT_EQ(report.previous_figures.decisions, 1);
  const std::map<std::string, int> outcomes{
      {"plan_ratified", 1}, {"plan_changed", 1}, {"deferred_more_info", 1}};
  EXPECT_EQ(report.figures.outcomes, outcomes);
  // The template's data carries the same figures.
  EXPECT_EQ(report.data.at("quarterLabel"), "July to September 2026");
  EXPECT_EQ(report.data.at("previousQuarter"), "2026-Q2");
  EXPECT_EQ(report.data.at("decisions"), 3);
}

TEST_F(QuarterlyReport, AnEmptyQuarterHasNoDenominators) {
  const Workspace workspace = Workspace::open(root());
  const auto report = quarterly_report(workspace, request("2025-Q1"));
  EXPECT_EQ(report.figures.decisions, 0);
  for (const auto& measure : report.figures.measures) {
    if (!measure.is_count) {
      EXPECT_FALSE(measure.percentage().has_value()) << measure.id;
    }
  }
}

TEST_F(QuarterlyReport, AnUnreadableCaseFileIsBadInputNamingIt) {
  std::ofstream(root() / "cases" / "R9.json") << "{";
  const Workspace workspace = Workspace::open(root());
  try {
    quarterly_report(workspace, request("2026-Q3"));
    FAIL() << "counted figures without a case file";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find("R9.json"), std::string::npos) << error.what();
  }
}

}  // namespace
