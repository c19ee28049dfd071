// office/status.hpp on crafted copies of the sample office: which findings it lists, in
// which order (panel::sort_by_attention), what it leaves out as a problem, and its JSON.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "office/status.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

using panelpack::office::finding_title;
using panelpack::office::office_status;
using panelpack::office::OfficeStatus;
using panelpack::panel::Finding;
using panelpack::panel::Urgency;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

const Finding* find(const OfficeStatus& status, const std::string& kind,
                    const std::string& case_ref, const std::string& panel_id = "") {
  for (const Finding& finding : status.findings) {
    if (finding.kind == kind && finding.case_ref == case_ref &&
        (panel_id.empty() || finding.panel_id == panel_id)) {
      return &finding;
    }
  }
  return nullptr;
}

int rank(Urgency urgency) {
  return urgency == Urgency::overdue ? 0 : urgency == Urgency::due_soon ? 1 : 2;
}

TEST(StatusOrder, OverdueThenDueSoonThenNoticesEarliestFirstTiesByCaseReference) {
  std::vector<Finding> findings(5);
  findings[0] = {"papers_late", Urgency::notice, "LCS1", "", day("2026-12-01"), "", {}, "", ""};
  findings[1] = {"pptm", Urgency::due_soon, "LCS2", "", day("2026-12-10"), "", {}, "", ""};
  findings[2] = {"first_panel", Urgency::overdue, "LCS9", "", day("2026-12-05"), "", {}, "", ""};
  findings[3] = {"first_panel", Urgency::overdue, "LCS3", "", day("2026-12-05"), "", {}, "", ""};
  findings[4] = {"first_panel", Urgency::overdue, "LCS4", "", day("2026-11-30"), "", {}, "", ""};
  panelpack::panel::sort_by_attention(findings);
  std::vector<std::string> order;
  for (const Finding& finding : findings) order.push_back(finding.case_ref);
  EXPECT_EQ(order, (std::vector<std::string>{"LCS4", "LCS3", "LCS9", "LCS2", "LCS1"}));
}

class Status : public ::testing::Test {
 protected:
  SampleOfficeCopy office_;
};

TEST_F(Status, TheSampleOfficeIsReadWholeAndItsFindingsAreInAttentionOrder) {
  const OfficeStatus status = office_status(office_.open(), at("2026-12-14T09:00"));
  EXPECT_EQ(status.cases, 13U);
  EXPECT_EQ(status.sittings_booked, 7U);
  EXPECT_TRUE(status.problems.empty());
  ASSERT_FALSE(status.findings.empty());
  for (std::size_t i = 1; i < status.findings.size(); ++i) {
    const Finding& a = status.findings[i - 1];
    const Finding& b = status.findings[i];
    ASSERT_LE(rank(a.urgency), rank(b.urgency)) << i;
    if (rank(a.urgency) == rank(b.urgency)) {
      ASSERT_LE(a.due, b.due) << i;
      if (a.due == b.due) {
        EXPECT_LE(a.case_ref, b.case_ref) << i;
      }
    }
  }
}

TEST_F(Status, APaperNotReceivedByItsDeadlineIsMissingAndOverdue) {
  // LCS900108 is booked onto 2026-12-15 with a chronology that never arrived.
  const OfficeStatus status = office_status(office_.open(), at("2026-12-14T09:00"));
  const Finding* missing = find(status, "papers_missing", "LCS900108");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->urgency, Urgency::overdue);
  EXPECT_EQ(missing->paper_type, "chronology");
  EXPECT_EQ(missing->panel_id, "permanence");
  EXPECT_EQ(missing->sitting, day("2026-12-15"));
}

TEST_F(Status, ACaseBookedOntoACancelledSittingIsFound) {
  nlohmann::json bookings = nlohmann::json::parse(
      SampleOfficeCopy::read(office_.root() / "bookings" / "permanence" / "2026-12-22.json"));
  bookings["date"] = "2026-12-29";
  SampleOfficeCopy::write(office_.root() / "bookings" / "permanence" / "2026-12-29.json",
                          bookings.dump(2));
  const OfficeStatus status = office_status(office_.open(), at("2026-12-14T09:00"));
  const Finding* cancelled = find(status, "booked_on_cancelled_sitting", "LCS900111");
  ASSERT_NE(cancelled, nullptr);
  EXPECT_EQ(cancelled->sitting, day("2026-12-29"));
  EXPECT_EQ(status.sittings_booked, 8U);
}

TEST_F(Status, ASittingOnAClosureDayIsFoundForItsPanel) {
  office_.close_on("2027-02-09");
  const OfficeStatus status = office_status(office_.open(), at("2026-12-14T09:00"));
  const Finding* day_off = find(status, "sitting_on_day_off", "", "permanence");
  ASSERT_NE(day_off, nullptr);
  EXPECT_EQ(day_off->sitting, day("2027-02-09"));
}

TEST_F(Status, ACaseFileThatDoesNotReadIsAProblemNamingItAndLeftOut) {
  SampleOfficeCopy::write(office_.root() / "cases" / "LCS900199.json", "{");
  const OfficeStatus status = office_status(office_.open(), at("2026-12-14T09:00"));
  EXPECT_EQ(status.cases, 13U);
  ASSERT_EQ(status.problems.size(), 1U);
  EXPECT_NE(status.problems[0].find("LCS900199.json"), std::string::npos);
}

TEST_F(Status, TheJsonHoldsEveryFindingWithItsTitle) {
  const OfficeStatus status = office_status(office_.open(), at("2026-12-14T09:00"));
  const auto json = to_json(status);
  EXPECT_EQ(json["now"], "2026-12-14T09:00:00+00:00");
  EXPECT_EQ(json["cases"], 13);
  ASSERT_EQ(json["findings"].size(), status.findings.size());
  for (std::size_t i = 0; i < status.findings.size(); ++i) {
    EXPECT_EQ(json["findings"][i]["kind"], status.findings[i].kind);
    EXPECT_EQ(json["findings"][i]["title"], finding_title(status.findings[i].kind));
    EXPECT_EQ(json["findings"][i]["caseRef"], status.findings[i].case_ref);
  }
  EXPECT_EQ(finding_title("papers_missing"), "Papers missing");
  EXPECT_EQ(finding_title("something_new"), "something_new");
}

}  // namespace
