#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spreadsheet/cell_text.hpp"
#include "spreadsheet/workbook.hpp"
#include "spreadsheet_test_support.hpp"

namespace {

using panelpack::spreadsheet::Cell;
using panelpack::spreadsheet::cell_reference;
using panelpack::spreadsheet::check_sheet_name;
using panelpack::spreadsheet::Date;
using panelpack::spreadsheet::date_serial;
using panelpack::spreadsheet::detail::clean_text;
using panelpack::spreadsheet::detail::looks_like_formula;
using panelpack::spreadsheet::detail::number_text;
using panelpack::spreadsheet::testing::error_of;

TEST(DateSerial, CountsDaysAsExcels1900SystemDoes) {
  EXPECT_EQ(date_serial({2026, 12, 15}), 46371);
  EXPECT_EQ(date_serial({1900, 3, 1}), 61);
  EXPECT_EQ(date_serial({2000, 1, 1}), 36526);
  EXPECT_EQ(date_serial({2024, 2, 29}), 45351);
  EXPECT_EQ(date_serial({9999, 12, 31}), 2958465);
}

TEST(DateSerial, RefusesDatesWhereExcelAndCalcDisagreeOrExcelCannotGo) {
  EXPECT_EQ(error_of([] { date_serial({1900, 2, 28}); }).first, "date_out_of_range");
  EXPECT_EQ(error_of([] { date_serial({1899, 12, 31}); }).first, "date_out_of_range");
  EXPECT_EQ(error_of([] { date_serial({10000, 1, 1}); }).first, "date_out_of_range");
  EXPECT_EQ(error_of([] { date_serial({-40000, 1, 1}); }).first, "date_out_of_range");
}

TEST(DateCell, RefusesADayTheMonthDoesNotHave) {
  EXPECT_EQ(error_of([] { Cell::date(2026, 2, 30); }).first, "invalid_date");
  EXPECT_EQ(error_of([] { Cell::date(2026, 13, 1); }).first, "invalid_date");
  EXPECT_EQ(error_of([] { Cell::date(2025, 2, 29); }).first, "invalid_date");
  EXPECT_EQ(std::get<Date>(Cell::date(2028, 2, 29).value), (Date{2028, 2, 29}));
}

TEST(CellReference, NamesColumnsWithLettersAsExcelDoes) {
  EXPECT_EQ(cell_reference(0, 0), "A1");
  EXPECT_EQ(cell_reference(25, 0), "Z1");
  EXPECT_EQ(cell_reference(26, 1), "AA2");
  EXPECT_EQ(cell_reference(701, 9), "ZZ10");
  EXPECT_EQ(cell_reference(702, 0), "AAA1");
  EXPECT_EQ(cell_reference(16383, 1048575), "XFD1048576");
}

TEST(SheetName, RefusesEveryNameExcelRefuses) {
  const std::vector<std::string> names = {
      "",       "a[b",       "a]b",     "a:b",     "a*b",     "a?b",     "a/b",
      "a\\b",   "tab\there", "'quoted", "quoted'", "History", "history", std::string(32, 'x'),
      "bad\xFF"};
  for (const std::string& name : names) {
    EXPECT_EQ(error_of([&] { check_sheet_name(name); }),
              std::make_pair(std::string("invalid_sheet_name"), name))
        << name;
  }
}

TEST(SheetName, AcceptsThirtyOneCharactersCountedAsExcelCountsThem) {
  std::string thirty_one_e_diaeresis;
  for (int i = 0; i < 31; ++i) thirty_one_e_diaeresis += "\xC3\xAB";  // 62 bytes
  const std::vector<std::string> names = {std::string(31, 'x'), thirty_one_e_diaeresis,
                                          "Bob's actions", "Zoë (2026-Q3)", "Histories"};
  for (const std::string& name : names) {
    EXPECT_EQ(error_of([&] { check_sheet_name(name); }).first, "no error") << name;
  }
  // A character outside the Basic Multilingual Plane counts twice, as in Excel.
  std::string sixteen_emoji;
  for (int i = 0; i < 16; ++i) sixteen_emoji += "\xF0\x9F\x98\x80";
  EXPECT_EQ(error_of([&] { check_sheet_name(sixteen_emoji); }).first, "invalid_sheet_name");
}

TEST(CleanText, DropsWhatXml10ForbidsAndRepairsBrokenUtf8) {
  EXPECT_EQ(clean_text("a\x01"
                       "b\x0B"
                       "c\x1F"
                       "d"),
            "abcd");
  EXPECT_EQ(clean_text("tab\tand\nline"), "tab\tand\nline");
  EXPECT_EQ(clean_text("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
  EXPECT_EQ(clean_text("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");                                                                 // stray byte
  EXPECT_EQ(clean_text("\xC3"), "\xEF\xBF\xBD");                                  // cut short
  EXPECT_EQ(clean_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
  EXPECT_EQ(clean_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(clean_text("Zo\xC3\xAB \xF0\x9F\x98\x80"), "Zo\xC3\xAB \xF0\x9F\x98\x80");
}

TEST(CleanText, MakesEveryLineBreakALineFeed) {
  EXPECT_EQ(clean_text("one\r\ntwo\rthree\nfour"), "one\ntwo\nthree\nfour");
}

TEST(LooksLikeFormula, FlagsTheCharactersOwaspNames) {
  for (const char* text : {"=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx", "\nx"}) {
    EXPECT_TRUE(looks_like_formula(text)) << text;
  }
  for (const char* text : {"", "1+1", "a=b", " =1", "'=1"}) {
    EXPECT_FALSE(looks_like_formula(text)) << text;
  }
}

TEST(NumberText, IsTheShortestThatReadsBackTheSame) {
  EXPECT_EQ(number_text(3.25), "3.25");
  EXPECT_EQ(number_text(0.1), "0.1");
  EXPECT_EQ(number_text(-7), "-7");
  EXPECT_EQ(number_text(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(number_text(1e21), "1e+21");
}

}  // namespace
