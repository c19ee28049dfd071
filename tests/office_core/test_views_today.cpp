// The Today page's model (office/views/today_view.hpp) on a copy of the sample office on
// 14 December 2026: status's findings grouped (overdue, waiting for papers with whose job it
// is, the rest), each panel's next sittings with their deadlines, and today's mail.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "office/views/today_view.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace office = panelpack::office;
using panelpack::testing::at;
using panelpack::testing::SampleOfficeCopy;

std::vector<std::string> lines(const std::vector<office::AttentionItem>& items) {
  std::vector<std::string> found;
  for (const office::AttentionItem& item : items) {
    found.push_back(item.finding.kind + " " + item.finding.case_ref + " " +
                    (item.finding.due ? item.finding.due->iso() : "-"));
  }
  return found;
}

class TodayPage : public ::testing::Test {
 protected:
  SampleOfficeCopy office_;
  const office::TodayView view = office::today(office_.open(), at("2026-12-14T09:00"));
};

TEST_F(TodayPage, OverdueItemsAreTheFirstPanelAndPptmClocksThatRanOut) {
  EXPECT_EQ(view.today.iso(), "2026-12-14");
  EXPECT_EQ(lines(view.overdue), (std::vector<std::string>{
                                     "pptm LCS900105 2026-08-12",
                                     "first_panel LCS900102 2026-09-14",
                                     "first_panel LCS900103 2026-09-14",
                                     "pptm LCS900102 2026-09-16",
                                     "pptm LCS900103 2026-09-16",
                                     "pptm LCS900112 2026-09-23",
                                     "pptm LCS900113 2026-09-23",
                                 }));
  EXPECT_EQ(view.overdue[1].title, "Not yet considered at panel");
  EXPECT_TRUE(view.due_this_week.empty());
  EXPECT_EQ(lines(view.later), (std::vector<std::string>{"papers_late LCS900102 2026-12-10"}));
  EXPECT_TRUE(view.problems.empty());
}

TEST_F(TodayPage, WaitingForPapersNamesTheCaseThePaperAndWhoseJobItIs) {
  ASSERT_EQ(view.waiting_for_papers.size(), 2U);
  const office::AttentionItem& chronology = view.waiting_for_papers[0];
  EXPECT_EQ(chronology.finding.case_ref, "LCS900108");
  EXPECT_EQ(chronology.finding.paper_type, "chronology");
  EXPECT_EQ(chronology.finding.urgency, panelpack::panel::Urgency::overdue);
  ASSERT_EQ(chronology.whose_job.size(), 2U);
  EXPECT_EQ(chronology.whose_job[0].name, "Priya Ravenscroft");
  EXPECT_EQ(chronology.whose_job[0].role, "Social worker");
  EXPECT_EQ(chronology.whose_job[1].role, "Team manager");
  const office::AttentionItem& referral = view.waiting_for_papers[1];
  EXPECT_EQ(referral.finding.case_ref, "LCS900111");
  EXPECT_EQ(referral.finding.paper_type, "referral");
  EXPECT_EQ(referral.finding.urgency, panelpack::panel::Urgency::due_soon);
  const auto json = office::to_json(view);
  EXPECT_EQ(json.at("waitingForPapers")[0].at("whoseJob")[0].at("name"), "Priya Ravenscroft");
}

TEST_F(TodayPage, EachPanelsNextThreeSittingsWithDeadlinesAndDaysAway) {
  std::vector<std::string> permanence;
  for (const office::ComingSitting& coming : view.next_sittings) {
    if (coming.sitting.panel_id != "permanence") continue;
    permanence.push_back(coming.sitting.sitting.date.iso() + " in " +
                         std::to_string(coming.days_away) + " days, " +
                         std::to_string(coming.sitting.booked) + " booked, papers " +
                         coming.sitting.deadlines.papers_due.local.iso8601() + ", pack " +
                         coming.sitting.deadlines.pack.local.iso8601());
  }
  // 29 December is cancelled for the closure: the third is 12 January.
  EXPECT_EQ(permanence,
            (std::vector<std::string>{
                "2026-12-15 in 1 days, 3 booked, papers 2026-12-10T17:00:00+00:00, pack "
                "2026-12-11T12:00:00+00:00",
                "2026-12-22 in 8 days, 1 booked, papers 2026-12-17T17:00:00+00:00, pack "
                "2026-12-18T12:00:00+00:00",
                "2027-01-12 in 29 days, 1 booked, papers 2027-01-07T17:00:00+00:00, pack "
                "2027-01-08T12:00:00+00:00",
            }));
  EXPECT_EQ(view.next_sittings.size(), 12U);  // four panels, three each
}

TEST_F(TodayPage, TodaysMailIsTheMinutesReminderAndNothingWasSent) {
  EXPECT_TRUE(view.sent_today.empty());
  EXPECT_TRUE(view.waiting_in_outbox.empty());
  ASSERT_EQ(view.sending_today.size(), 1U);
  EXPECT_EQ(view.sending_today[0].kind, "minutes-due");
  EXPECT_EQ(view.sending_today[0].sitting.iso(), "2026-12-08");
  EXPECT_EQ(view.sending_today[0].due_at.time.text(), "09:00");
}

}  // namespace
