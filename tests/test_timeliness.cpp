#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "panel/panel_error.hpp"
#include "panel/timeliness.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::BookedSitting;
using panelpack::panel::CalendarDate;
using panelpack::panel::CaseSummary;
using panelpack::panel::find_attention;
using panelpack::panel::find_sitting;
using panelpack::panel::Finding;
using panelpack::panel::OfficeConfig;
using panelpack::panel::parse_bookings;
using panelpack::panel::parse_instant;
using panelpack::panel::parse_office_config;
using panelpack::panel::summarise_case;
using panelpack::panel::Urgency;
using panelpack::panel::WorkingCalendar;

const OfficeConfig& office() {
  // The fixture's trackFrom is 2026-01-01 and its PPTMs are held by the "aep" panel (Mondays).
  static const OfficeConfig parsed = parse_office_config(panelpack::testing::office_json());
  return parsed;
}

CaseSummary child(const char* ref, json legal, json referral = json::object()) {
  return summarise_case({{"caseRef", ref},
                         {"child", {{"childId", ref}, {"name", "Fictional Child"}}},
                         {"legal", std::move(legal)},
                         {"referral", std::move(referral)}});
}

BookedSitting booked(const char* panel, const char* date, std::vector<json> items) {
  return {find_sitting(office().panel(panel), CalendarDate::parse(date)),
          parse_bookings({{"panel", panel}, {"date", date}, {"items", items}})};
}

json item(const char* ref, json papers = json::array()) {
  return {{"caseRef", ref},
          {"reason", "ratify_plan"},
          {"paperTypes", {"referral"}},
          {"papers", std::move(papers)}};
}

std::vector<Finding> attention(const std::vector<CaseSummary>& cases,
                               const std::vector<BookedSitting>& sittings, const char* now) {
  return find_attention(office(), cases, sittings, parse_instant(now), WorkingCalendar{});
}

const Finding* find(const std::vector<Finding>& findings, const std::string& kind,
                    const std::string& ref) {
  const auto found = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.kind == kind && f.case_ref == ref;
  });
  return found == findings.end() ? nullptr : &*found;
}

TEST(Timeliness, FirstPanelOverdueDueSoonOnTrackOrAlreadyConsidered) {
  const std::vector<CaseSummary> cases{
      child("OVERDUE", {{"status", "V2"}, {"dateEnteredCare", "2026-10-01"}}),
      child("SOON", {{"status", "V2"}, {"dateEnteredCare", "2026-10-26"}}),
      child("ONTRACK", {{"status", "V2"}, {"dateEnteredCare", "2026-10-26"}}),
      child("HEARD", {{"status", "V2"}, {"dateEnteredCare", "2026-09-01"}}),
      child("BEFORE", {{"status", "V2"}, {"dateEnteredCare", "2025-06-01"}})};
  const std::vector<BookedSitting> sittings{booked("permanence", "2026-11-17", {item("HEARD")}),
                                            booked("permanence", "2026-12-01", {item("ONTRACK")}),
                                            booked("permanence", "2026-12-15", {item("OVERDUE")})};
  const auto findings = attention(cases, sittings, "2026-11-25T09:00:00Z");

  const Finding* overdue = find(findings, "first_panel", "OVERDUE");
  ASSERT_NE(overdue, nullptr);
  EXPECT_EQ(overdue->urgency, Urgency::overdue);
  EXPECT_EQ(overdue->due->iso(), "2026-11-12");  // 6 weeks after 1 October
  EXPECT_EQ(overdue->sitting->iso(), "2026-12-15");
  EXPECT_NE(overdue->detail.find("after it"), std::string::npos) << overdue->detail;

  const Finding* soon = find(findings, "first_panel", "SOON");
  ASSERT_NE(soon, nullptr);
  EXPECT_EQ(soon->urgency, Urgency::due_soon);  // due 7 December, within 14 days, not booked
  EXPECT_EQ(soon->due->iso(), "2026-12-07");

  EXPECT_EQ(find(findings, "first_panel", "ONTRACK"), nullptr);  // booked 1 December
  EXPECT_EQ(find(findings, "first_panel", "HEARD"), nullptr);    // considered, late or not
  EXPECT_EQ(find(findings, "first_panel", "BEFORE"), nullptr);   // before trackFrom
}

TEST(Timeliness, PptmCadenceByLegalStatus) {
  const std::vector<CaseSummary> cases{
      child("PLACEMENT", {{"status", "E1"}, {"statusDate", "2026-09-01"}}),
      child("PROCEEDINGS", {{"status", "C1"},
                            {"proceedings", {{"stage", "issued"}, {"issueDate", "2026-10-01"}}}}),
      child("SETTLED", {{"status", "C2"}, {"statusDate", "2024-01-01"}}),
      child("S20", {{"status", "V2"}, {"statusDate", "2026-09-01"}})};
  // PLACEMENT had a PPTM (the "aep" panel) on 5 October: next due 16 November.
  const std::vector<BookedSitting> sittings{booked("aep", "2026-10-05", {item("PLACEMENT")})};
  const auto findings = attention(cases, sittings, "2026-11-25T09:00:00Z");

  const Finding* placement = find(findings, "pptm", "PLACEMENT");
  ASSERT_NE(placement, nullptr);
  EXPECT_EQ(placement->urgency, Urgency::overdue);
  EXPECT_EQ(placement->due->iso(), "2026-11-16");
  EXPECT_NE(placement->detail.find("last 2026-10-05"), std::string::npos) << placement->detail;

  const Finding* proceedings = find(findings, "pptm", "PROCEEDINGS");
  ASSERT_NE(proceedings, nullptr);  // none held: 6 weeks from the issue of proceedings
  EXPECT_EQ(proceedings->due->iso(), "2026-11-12");

  EXPECT_EQ(find(findings, "pptm", "SETTLED"), nullptr);  // a care order with no recent move
  EXPECT_EQ(find(findings, "pptm", "S20"), nullptr);
}

TEST(Timeliness, ReReferralAfterADisruptionNotBooked) {
  const std::vector<CaseSummary> cases{
      child("BROKEN", {{"status", "C2"}},
            {{"reason", "placement_disruption"},
             {"submittedAt", "2026-11-20T10:00:00Z"},
             {"requestedPanelDate", "2026-12-15"}}),
      child("REBOOKED", {{"status", "C2"}},
            {{"reason", "placement_disruption"}, {"submittedAt", "2026-11-20T10:00:00Z"}})};
  const std::vector<BookedSitting> sittings{booked("permanence", "2026-12-15", {item("REBOOKED")})};
  const auto findings = attention(cases, sittings, "2026-11-25T09:00:00Z");
  const Finding* broken = find(findings, "rereferral_not_booked", "BROKEN");
  ASSERT_NE(broken, nullptr);
  EXPECT_EQ(broken->urgency, Urgency::due_soon);
  EXPECT_EQ(find(findings, "rereferral_not_booked", "REBOOKED"), nullptr);
}

TEST(Timeliness, PapersMissingAfterTheDeadlineLateAndDueSoon) {
  // Tuesday 15 December: papers due Saturday 12 December 17:00 (3 calendar days before).
  const std::vector<CaseSummary> cases{child("LATE", {{"status", "V2"}}),
                                       child("MISSING", {{"status", "V2"}}),
                                       child("FINE", {{"status", "V2"}})};
  const std::vector<BookedSitting> sittings{
      booked("permanence", "2026-12-15",
             {item("LATE", {{{"type", "referral"}, {"receivedAt", "2026-12-13T08:00:00Z"}}}),
              item("MISSING"),
              item("FINE", {{{"type", "referral"}, {"receivedAt", "2026-12-11T08:00:00Z"}}})})};

  const auto after = attention(cases, sittings, "2026-12-14T09:00:00Z");
  ASSERT_NE(find(after, "papers_missing", "MISSING"), nullptr);
  EXPECT_EQ(find(after, "papers_missing", "MISSING")->urgency, Urgency::overdue);
  ASSERT_NE(find(after, "papers_late", "LATE"), nullptr);
  EXPECT_EQ(find(after, "papers_late", "LATE")->urgency, Urgency::notice);
  EXPECT_EQ(find(after, "papers_missing", "FINE"), nullptr);
  EXPECT_EQ(find(after, "papers_late", "FINE"), nullptr);
  // Overdue comes first.
  EXPECT_EQ(after.front().urgency, Urgency::overdue);

  const auto before = attention(cases, sittings, "2026-12-05T09:00:00Z");
  ASSERT_NE(find(before, "papers_missing", "MISSING"), nullptr);
  EXPECT_EQ(find(before, "papers_missing", "MISSING")->urgency, Urgency::due_soon);

  const auto long_before = attention(cases, sittings, "2026-11-01T09:00:00Z");
  EXPECT_EQ(find(long_before, "papers_missing", "MISSING"), nullptr);  // beyond the look-ahead

  const auto held = attention(cases, sittings, "2026-12-16T09:00:00Z");
  EXPECT_EQ(find(held, "papers_missing", "MISSING"), nullptr);  // the sitting has happened
}

TEST(Timeliness, ACaseBookedOntoACancelledSittingIsFlagged) {
  BookedSitting cancelled{
      {"permanence", CalendarDate::parse("2026-12-29"), {9, 30}, false, true, "Council closure"},
      parse_bookings(
          {{"panel", "permanence"}, {"date", "2026-12-29"}, {"items", {item("STRANDED")}}})};
  const auto findings =
      attention({child("STRANDED", {{"status", "V2"}})}, {cancelled}, "2026-12-01T09:00:00Z");
  const Finding* stranded = find(findings, "booked_on_cancelled_sitting", "STRANDED");
  ASSERT_NE(stranded, nullptr);
  EXPECT_NE(stranded->detail.find("Council closure"), std::string::npos);
}

TEST(Timeliness, AChildSeenOnlyAtAPptmIsNotConsideredAtPanel) {
  // The fixture's PPTMs are held by the "aep" panel: a PPTM tracks, it does not consider.
  const std::vector<CaseSummary> cases{
      child("PPTMONLY", {{"status", "C1"}, {"dateEnteredCare", "2026-10-01"}}),
      child("PANEL", {{"status", "C1"}, {"dateEnteredCare", "2026-10-01"}})};
  const std::vector<BookedSitting> sittings{booked("aep", "2026-10-26", {item("PPTMONLY")}),
                                            booked("permanence", "2026-11-03", {item("PANEL")})};
  const auto findings = attention(cases, sittings, "2026-11-25T09:00:00Z");
  const Finding* pptm_only = find(findings, "first_panel", "PPTMONLY");
  ASSERT_NE(pptm_only, nullptr);
  EXPECT_EQ(pptm_only->urgency, Urgency::overdue);
  EXPECT_EQ(pptm_only->due->iso(), "2026-11-12");
  EXPECT_EQ(find(findings, "first_panel", "PANEL"), nullptr);
}

TEST(Timeliness, TheFirstPanelWeeksAreThoseOfThePanelTheReferralNames) {
  json config = panelpack::testing::office_json();
  config["panels"][0]["timeliness"] = {{"firstConsideredWithinWeeks", 4}};
  const OfficeConfig four_weeks = parse_office_config(config);
  const std::vector<CaseSummary> cases{
      child("FOUR", {{"status", "V2"}, {"dateEnteredCare", "2026-11-02"}},
            {{"panelType", "permanence_panel"}}),
      child("SIX", {{"status", "V2"}, {"dateEnteredCare", "2026-11-02"}}, {{"panelType", "aep"}})};
  const auto findings = find_attention(four_weeks, cases, {}, parse_instant("2026-11-25T09:00:00Z"),
                                       WorkingCalendar{});
  const Finding* four = find(findings, "first_panel", "FOUR");
  ASSERT_NE(four, nullptr);
  EXPECT_EQ(four->due->iso(), "2026-11-30");
  EXPECT_EQ(find(findings, "first_panel", "SIX"), nullptr);  // 14 December: beyond lookahead
}

TEST(Timeliness, TheTwelveWeekPptmClockStartsAtThePlacementNotBefore) {
  const std::vector<CaseSummary> cases{
      summarise_case({{"caseRef", "MOVED"},
                      {"child", {{"childId", "MOVED"}, {"name", "Fictional Child"}}},
                      {"legal", {{"status", "C2"}, {"statusDate", "2026-06-01"}}},
                      {"placement", {{"startDate", "2026-09-01"}}}})};
  // Twelve weeks from the care order (24 August) has passed, but the placement began 1 September:
  // the first PPTM is due 24 November.
  EXPECT_EQ(find(attention(cases, {}, "2026-10-01T09:00:00Z"), "pptm", "MOVED"), nullptr);
  const auto findings = attention(cases, {}, "2026-11-20T09:00:00Z");
  const Finding* moved = find(findings, "pptm", "MOVED");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->urgency, Urgency::due_soon);
  EXPECT_EQ(moved->due->iso(), "2026-11-24");
}

}  // namespace
