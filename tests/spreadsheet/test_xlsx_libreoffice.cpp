// The written XLSX opened by a real LibreOffice Calc: every value read back through CSV, and
// the filter, bold header, dates, wrap and highlight seen in what Calc saves as ODS.
// Skipped only when soffice is absent; needs Calc (libreoffice-calc-nogui) beside it.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "spreadsheet/xlsx_writer.hpp"
#include "spreadsheet_test_support.hpp"
#include "templating/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::spreadsheet::Cell;
using panelpack::spreadsheet::Sheet;
using panelpack::spreadsheet::Workbook;
using panelpack::spreadsheet::write_xlsx;
using panelpack::spreadsheet::testing::find_on_path;
using panelpack::spreadsheet::testing::parse_csv;
using panelpack::spreadsheet::testing::part_of;
using panelpack::spreadsheet::testing::ProgramOutput;
using panelpack::spreadsheet::testing::run_program;
using panelpack::spreadsheet::testing::TemporaryFolder;
using panelpack::spreadsheet::testing::XmlQuery;
using panelpack::templating::read_file;
using Grid = std::vector<std::vector<std::string>>;

// Comma, double quote, UTF-8, from line 1, default language, -, detect special numbers,
// save cell contents as shown (so dates come back in the workbook's own format), -, -,
// every sheet to its own file NAME-SHEET.csv (LibreOffice 7.2 and later).
constexpr const char* csv_filter =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

Workbook tracker() {
  Workbook workbook;
  workbook.title = "Decisions tracker";
  workbook.creator = "panelpack tests";
  Sheet decisions;
  decisions.name = "Decisions";
  decisions.columns = {{"Child", 18},       {"Decision, in full", 40, true},
                       {"Next review", 14}, {"Weeks"},
                       {"Siblings"},        {"Agreed"},
                       {"Note", 20}};
  decisions.rows = {
      {Cell::text("Zoë Ångström"), Cell::text("Placement order, then \"review\" at PPTM"),
       Cell::date(2026, 12, 15), Cell::number(3.25), Cell::whole_number(2), Cell::boolean(true),
       Cell::text("=1+1")},
      {Cell::text("Sam O'Neil"), Cell::text("line one\nline two"), Cell::date(2027, 1, 4),
       Cell::number(-0.5), Cell::whole_number(0), Cell::boolean(false),
       Cell::text("+44 20 7946 0000")},
      {Cell::text("Ali"), Cell::empty(), Cell::empty(), Cell::number(1234.5), Cell::whole_number(7),
       Cell::empty(), Cell::text("@SUM(A1:A3)").highlighted()},
      {Cell::text("_x0041_"), Cell::text(" leading space"), Cell::date(1900, 3, 1),
       Cell::number(0.1), Cell::whole_number(-12), Cell::boolean(true), Cell::text("-3")},
  };
  Sheet actions;
  actions.name = "Open actions";
  actions.columns = {{"Action", 30, true}, {"Owner"}, {"Due"}, {"Overdue"}};
  actions.rows = {
      {Cell::text("Write the later-life letter"), Cell::text("SW, Team 2"),
       Cell::date(2026, 10, 1).highlighted(), Cell::boolean(true)},
      {Cell::text("Book the PPTM"), Cell::text("IRO"), Cell::date(2027, 2, 28),
       Cell::boolean(false)},
  };
  workbook.sheets = {decisions, actions};
  return workbook;
}

class XlsxInLibreOffice : public ::testing::Test {
 protected:
  void SetUp() override {
    if (find_on_path("soffice").empty()) GTEST_SKIP() << "soffice is not installed";
    xlsx_ = folder_.path() / "book.xlsx";
    panelpack::templating::write_file_atomically(xlsx_, write_xlsx(tracker()));
  }

  // Converts the workbook with `filter` into `out`; the output lines soffice printed.
  std::string convert(const std::string& filter, const fs::path& out) {
    fs::create_directories(out);
    const std::string profile = "file://" + (folder_.path() / "profile").string();
    const ProgramOutput output =
        run_program({"soffice", "--headless", "--norestore", "-env:UserInstallation=" + profile,
                     "--convert-to", filter, "--outdir", out.string(), xlsx_.string()},
                    {.environment = {"LC_ALL=C.UTF-8", "LANG=C.UTF-8"}, .capture_stderr = true});
    EXPECT_EQ(output.exit_status, 0) << output.out;
    return output.out;
  }

  TemporaryFolder folder_;
  fs::path xlsx_;
};

TEST_F(XlsxInLibreOffice, CalcReadsBackEveryValueOfEverySheet) {
  const fs::path out = folder_.path() / "csv";
  const std::string log = convert(csv_filter, out);
  ASSERT_TRUE(fs::exists(out / "book-Decisions.csv"))
      << "Calc wrote no CSV (is libreoffice-calc-nogui installed?)\n"
      << log;
  EXPECT_EQ(
      parse_csv(read_file(out / "book-Decisions.csv")),
      (Grid{{"Child", "Decision, in full", "Next review", "Weeks", "Siblings", "Agreed", "Note"},
            {"Zoë Ångström", "Placement order, then \"review\" at PPTM", "15 Dec 2026", "3.25", "2",
             "TRUE", "=1+1"},
            {"Sam O'Neil", "line one\nline two", "4 Jan 2027", "-0.5", "0", "FALSE",
             "+44 20 7946 0000"},
            {"Ali", "", "", "1234.5", "7", "", "@SUM(A1:A3)"},
            {"_x0041_", " leading space", "1 Mar 1900", "0.1", "-12", "TRUE", "-3"}}));
  ASSERT_TRUE(fs::exists(out / "book-Open actions.csv")) << log;
  EXPECT_EQ(parse_csv(read_file(out / "book-Open actions.csv")),
            (Grid{{"Action", "Owner", "Due", "Overdue"},
                  {"Write the later-life letter", "SW, Team 2", "1 Oct 2026", "TRUE"},
                  {"Book the PPTM", "IRO", "28 Feb 2027", "FALSE"}}));
}

TEST_F(XlsxInLibreOffice, CalcSeesFiltersBoldHeadersDatesWrapAndHighlights) {
  const fs::path out = folder_.path() / "ods";
  const std::string log = convert("ods", out);
  ASSERT_TRUE(fs::exists(out / "book.ods")) << log;
  XmlQuery content(part_of(read_file(out / "book.ods"), "content.xml"));
  const std::string decisions = "//table:table[@table:name='Decisions']";
  auto cell = [&](const std::string& table, int row, int column) {
    return table + "/table:table-row[" + std::to_string(row) + "]/table:table-cell[" +
           std::to_string(column) + "]";
  };
  auto style = [&](const std::string& cell_path, const std::string& property) {
    return content("string(//style:style[@style:name=string(" + cell_path +
                   "/@table:style-name)]/" + property + ")");
  };
  EXPECT_EQ(content.all("//table:table/@table:name"),
            (std::vector<std::string>{"Decisions", "Open actions"}));
  EXPECT_EQ(content.all("//table:database-range/@table:target-range-address"),
            (std::vector<std::string>{"Decisions.A1:Decisions.G5",
                                      "'Open actions'.A1:'Open actions'.D3"}));
  EXPECT_EQ(content.all("//table:database-range/@table:display-filter-buttons"),
            (std::vector<std::string>{"true", "true"}));
  for (int column = 1; column <= 7; ++column) {
    EXPECT_EQ(style(cell(decisions, 1, column), "style:text-properties/@fo:font-weight"), "bold")
        << column;
  }
  EXPECT_EQ(style(cell(decisions, 2, 1), "style:text-properties/@fo:font-weight"), "");
  EXPECT_EQ(content("string(" + cell(decisions, 2, 3) + "/@office:value-type)"), "date");
  EXPECT_EQ(content("string(" + cell(decisions, 2, 3) + "/@office:date-value)"), "2026-12-15");
  EXPECT_EQ(content("string(" + cell(decisions, 2, 4) + "/@office:value-type)"), "float");
  EXPECT_EQ(content("string(" + cell(decisions, 2, 7) + "/@office:value-type)"), "string");
  EXPECT_EQ(content("count(" + cell(decisions, 2, 7) + "/@table:formula)"), "0");
  EXPECT_EQ(style(cell(decisions, 2, 2), "style:table-cell-properties/@fo:wrap-option"), "wrap");
  // (Row 4 has empty cells that Calc folds into one repeated cell: find the cell by its text.)
  EXPECT_EQ(style(decisions + "//table:table-cell[text:p='@SUM(A1:A3)']",
                  "style:table-cell-properties/@fo:background-color"),
            "#ffc7ce");
  EXPECT_EQ(style(cell(decisions, 2, 7), "style:table-cell-properties/@fo:background-color"), "");
  const std::string actions = "//table:table[@table:name='Open actions']";
  EXPECT_EQ(content("string(" + cell(actions, 2, 3) + "/@office:date-value)"), "2026-10-01");
  EXPECT_EQ(style(cell(actions, 2, 3), "style:table-cell-properties/@fo:background-color"),
            "#ffc7ce");
}

}  // namespace
