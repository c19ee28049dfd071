#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "spreadsheet/csv_writer.hpp"
#include "spreadsheet_test_support.hpp"

namespace {

using panelpack::spreadsheet::Cell;
using panelpack::spreadsheet::CsvOptions;
using panelpack::spreadsheet::Sheet;
using panelpack::spreadsheet::write_csv;
using panelpack::spreadsheet::testing::error_of;
using panelpack::spreadsheet::testing::parse_csv;

constexpr std::string_view bom = "\xEF\xBB\xBF";

Sheet sheet_of(std::vector<std::vector<Cell>> rows, std::size_t width = 1) {
  Sheet sheet;
  sheet.name = "Sheet1";
  for (std::size_t i = 0; i < width; ++i) sheet.columns.push_back({"h" + std::to_string(i + 1)});
  sheet.rows = std::move(rows);
  return sheet;
}

// The CSV without its byte order mark.
std::string csv_of(const Sheet& sheet) {
  return write_csv(sheet, CsvOptions{false});
}

TEST(Csv, StartsWithAByteOrderMarkUnlessTurnedOff) {
  const Sheet sheet = sheet_of({{Cell::text("Zoë")}});
  EXPECT_EQ(write_csv(sheet), std::string(bom) + "h1\r\nZoë\r\n");
  EXPECT_EQ(write_csv(sheet, CsvOptions{false}), "h1\r\nZoë\r\n");
}

TEST(Csv, QuotesOnlyFieldsThatNeedItAndDoublesQuotes) {
  const Sheet sheet =
      sheet_of({{Cell::text("plain"), Cell::text("a, b"), Cell::text("say \"hi\""),
                 Cell::text("two\nlines"), Cell::text(" edge"), Cell::text("in side")}},
               6);
  EXPECT_EQ(csv_of(sheet),
            "h1,h2,h3,h4,h5,h6\r\n"
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\" edge\",in side\r\n");
  EXPECT_EQ(
      parse_csv(csv_of(sheet))[1],
      (std::vector<std::string>{"plain", "a, b", "say \"hi\"", "two\nlines", " edge", "in side"}));
}

TEST(Csv, EveryLineBreakInTextIsALineFeedInsideQuotes) {
  EXPECT_EQ(csv_of(sheet_of({{Cell::text("a\r\nb\rc")}})), "h1\r\n\"a\nb\nc\"\r\n");
}

TEST(Csv, GuardsTextThatASpreadsheetWouldRunAsAFormula) {
  const Sheet sheet = sheet_of({{Cell::text("=1+1")},
                                {Cell::text("+44 20")},
                                {Cell::text("-3")},
                                {Cell::text("@SUM(A1)")},
                                {Cell::text("\t=x")},
                                {Cell::text("=HYPERLINK(\"http://evil\",\"x\")")},
                                {Cell::number(-3)},
                                {Cell::text("a=b")}});
  EXPECT_EQ(csv_of(sheet),
            "h1\r\n'=1+1\r\n'+44 20\r\n'-3\r\n'@SUM(A1)\r\n'\t=x\r\n"
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n-3\r\na=b\r\n");
  Sheet header = sheet_of({});
  header.columns[0].header = "=cmd";
  EXPECT_EQ(csv_of(header), "'=cmd\r\n");
}

TEST(Csv, WritesDatesNumbersAndBooleansAsSpreadsheetsReadThem) {
  const Sheet sheet =
      sheet_of({{Cell::date(2026, 12, 15), Cell::number(3.25), Cell::number(0.1),
                 Cell::whole_number(-42), Cell::boolean(true), Cell::boolean(false)}},
               6);
  EXPECT_EQ(csv_of(sheet), "h1,h2,h3,h4,h5,h6\r\n2026-12-15,3.25,0.1,-42,TRUE,FALSE\r\n");
}

TEST(Csv, EveryRecordIsAsWideAsTheHeader) {
  const Sheet sheet = sheet_of({{Cell::text("a")}, {}, {Cell::empty(), Cell::text("b")}}, 3);
  EXPECT_EQ(csv_of(sheet), "h1,h2,h3\r\na,,\r\n,,\r\n,b,\r\n");
}

TEST(Csv, DropsWhatNoTextFileShouldHoldAndIgnoresHighlights) {
  const Sheet sheet = sheet_of({{Cell::text("bell\x07").highlighted()}});
  EXPECT_EQ(csv_of(sheet), "h1\r\nbell\r\n");
}

TEST(Csv, RefusesWhatTheXlsxWriterRefuses) {
  using Error = std::pair<std::string, std::string>;
  EXPECT_EQ(error_of([] {
              csv_of(sheet_of({{Cell::text("a"), Cell::text("b")}}));
            }),
            (Error{"row_too_long", "Sheet1!B2"}));
  EXPECT_EQ(
      error_of([] { csv_of(sheet_of({{Cell::number(std::numeric_limits<double>::infinity())}})); }),
      (Error{"not_finite", "Sheet1!A2"}));
  Sheet no_columns;
  EXPECT_EQ(error_of([&] { csv_of(no_columns); }).first, "no_columns");
}

}  // namespace
