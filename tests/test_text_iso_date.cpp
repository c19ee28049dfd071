// engine/text/iso_date: the one ISO date reader and the one table of month names.
#include <gtest/gtest.h>

#include <string_view>

#include "text/iso_date.hpp"

namespace {

using panelpack::text::DateProblem;
using panelpack::text::IsoDate;
using panelpack::text::month_abbreviation;
using panelpack::text::month_name;
using panelpack::text::parse_iso_date;

TEST(IsoDate, ReadsRealDays) {
  EXPECT_EQ(parse_iso_date("2026-12-15").date, (IsoDate{2026, 12, 15}));
  EXPECT_EQ(parse_iso_date("2024-02-29").date, (IsoDate{2024, 2, 29}));
  EXPECT_EQ(parse_iso_date("2000-02-29").date, (IsoDate{2000, 2, 29}));
  EXPECT_EQ(parse_iso_date("0001-01-01").date, (IsoDate{1, 1, 1}));
  EXPECT_EQ(parse_iso_date("9999-12-31").date, (IsoDate{9999, 12, 31}));
  EXPECT_TRUE(parse_iso_date("2026-01-31"));
}

TEST(IsoDate, RefusesDaysThatDoNotExist) {
  for (const std::string_view text : {"2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31",
                                      "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32"}) {
    const auto parsed = parse_iso_date(text);
    EXPECT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.problem, DateProblem::no_such_day) << text;
  }
}

TEST(IsoDate, RefusesOtherShapes) {
  for (const std::string_view text :
       {"", "2026-2-03", "2026-02-3", "26-02-03", "2026/02/03", "03/02/2026", "2026-02-03T10:00",
        " 2026-02-03", "2026-02-03 ", "+026-02-03", "2026-0a-03", "20260203"}) {
    const auto parsed = parse_iso_date(text);
    EXPECT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.problem, DateProblem::not_yyyy_mm_dd) << text;
  }
}

TEST(MonthNames, AreEnglishFullAndShort) {
  EXPECT_EQ(month_name(1), "January");
  EXPECT_EQ(month_name(9), "September");
  EXPECT_EQ(month_name(12), "December");
  EXPECT_EQ(month_abbreviation(1), "Jan");
  EXPECT_EQ(month_abbreviation(9), "Sep");
  EXPECT_EQ(month_abbreviation(12), "Dec");
  EXPECT_EQ(month_name(0), "");
  EXPECT_EQ(month_name(13), "");
  EXPECT_EQ(month_abbreviation(13), "");
}

}  // namespace
