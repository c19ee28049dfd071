// The Cases page's model (office/views/case_list_view.hpp) and the Calendar page's
// (office/views/calendar_view.hpp) on a copy of the sample office.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "office/error.hpp"
#include "office/views/calendar_view.hpp"
#include "office/views/case_list_view.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace office = panelpack::office;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

std::vector<std::string> refs(const office::CaseListView& view) {
  std::vector<std::string> found;
  for (const office::CaseRow& row : view.rows) found.push_back(row.case_ref);
  return found;
}

class CasesPage : public ::testing::Test {
 protected:
  office::CaseListView list(office::CaseFilters filters) const {
    return office::cases(office_.open(), filters, day("2026-12-14"));
  }
  SampleOfficeCopy office_;
};

TEST_F(CasesPage, EveryCaseIsARowWithItsStatusInWordsAndItsNextSitting) {
  const office::CaseListView all = list({});
  EXPECT_EQ(all.total, 13U);
  ASSERT_EQ(all.rows.size(), 13U);
  const office::CaseRow& leah = all.rows[1];
  EXPECT_EQ(leah.case_ref, "LCS900102");
  EXPECT_EQ(leah.child_name, "Leah Thornbury");
  EXPECT_EQ(leah.legal_status, "C1");
  EXPECT_EQ(leah.legal_status_words, "Interim care order (s38)");  // common.schema.json's label
  ASSERT_TRUE(leah.next_sitting.has_value());
  EXPECT_EQ(leah.next_sitting->panel_id, "permanence");
  EXPECT_EQ(leah.next_sitting->date.iso(), "2026-12-15");
  // Kacper's sitting of 8 December has passed, and he is booked onto no other.
  EXPECT_FALSE(all.rows[0].next_sitting.has_value());
  const auto json = office::to_json(all);
  EXPECT_EQ(json.at("rows")[1].at("nextSitting").at("date"), "2026-12-15");
  EXPECT_TRUE(json.at("rows")[0].at("nextSitting").is_null());
}

TEST_F(CasesPage, SearchFindsACaseReferenceOrANameFragmentInAnyCase) {
  EXPECT_EQ(refs(list({"lcs900108", {}, {}, {}})), (std::vector<std::string>{"LCS900108"}));
  EXPECT_EQ(refs(list({"THORN", {}, {}, {}})),
            (std::vector<std::string>{"LCS900102", "LCS900103"}));
  EXPECT_TRUE(list({"nobody-by-this-name", {}, {}, {}}).rows.empty());
}

TEST_F(CasesPage, FiltersByLegalStatusPanelAndNextSitting) {
  EXPECT_EQ(refs(list({"", {}, "C1", {}})),
            (std::vector<std::string>{"LCS900102", "LCS900103", "LCS900112"}));
  EXPECT_EQ(refs(list({"", {}, {}, day("2026-12-15")})),
            (std::vector<std::string>{"LCS900102", "LCS900103", "LCS900108"}));
  EXPECT_EQ(refs(list({"", "aep", {}, {}})), (std::vector<std::string>{"LCS900107"}));
  // Daniela's referral asks for the planning panel; she is booked onto none of its sittings.
  EXPECT_EQ(refs(list({"", "planning", {}, {}})), (std::vector<std::string>{"LCS900106"}));
  // Oliver is booked onto the PPTM of 26 January, and his referral asks for a PPTM.
  EXPECT_EQ(refs(list({"", "pptm", {}, {}})), (std::vector<std::string>{"LCS900105"}));
  EXPECT_EQ(refs(list({"thorn", "permanence", "C1", day("2026-12-15")})),
            (std::vector<std::string>{"LCS900102", "LCS900103"}));
}

std::vector<std::string> month_lines(const office::CalendarView& view) {
  std::vector<std::string> found;
  for (const office::MonthSitting& row : view.sittings) {
    found.push_back(row.sitting.sitting.date.iso() + " " + row.sitting.panel_id + " " +
                    std::to_string(row.sitting.booked) + " " + row.marking);
  }
  return found;
}

TEST_F(CasesPage, TheCalendarMonthMarksExtraAndCancelledSittingsAndCountsBookings) {
  const office::CalendarView view =
      office::calendar_month(office_.open(), 2026, 12, std::string("permanence"));
  EXPECT_EQ(view.month_name, "December");
  EXPECT_EQ(month_lines(view),
            (std::vector<std::string>{
                "2026-12-01 permanence 0 ",
                "2026-12-08 permanence 2 extra sitting: Extra sitting before the Christmas "
                "closure",
                "2026-12-15 permanence 3 ",
                "2026-12-22 permanence 1 extra sitting: " + view.sittings[3].sitting.sitting.note,
                "2026-12-29 permanence 0 cancelled: Council closure between Christmas and New "
                "Year",
            }));
  EXPECT_EQ(view.sittings[2].sitting.deadlines.papers_due.local.iso8601(),
            "2026-12-10T17:00:00+00:00");
  const auto json = office::to_json(view);
  EXPECT_EQ(json.at("sittings")[4].at("cancelled"), true);
  EXPECT_EQ(json.at("sittings")[1].at("marking"),
            "extra sitting: Extra sitting before the Christmas closure");
}

TEST_F(CasesPage, EveryPanelsMonthIsInDateOrderAndABadMonthIsBadInput) {
  const office::CalendarView view = office::calendar_month(office_.open(), 2027, 1);
  ASSERT_FALSE(view.sittings.empty());
  for (std::size_t i = 1; i < view.sittings.size(); ++i) {
    EXPECT_LE(view.sittings[i - 1].sitting.sitting.date, view.sittings[i].sitting.sitting.date);
  }
  try {
    office::calendar_month(office_.open(), 2027, 13);
    FAIL() << "month 13 was read";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::bad_input);
  }
}

}  // namespace
