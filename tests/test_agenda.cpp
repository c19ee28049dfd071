#include <gtest/gtest.h>

#include <map>
#include <string>

#include "panel/agenda.hpp"
#include "panel/pack_plan.hpp"
#include "panel/panel_error.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::AgendaInputs;
using panelpack::panel::Bookings;
using panelpack::panel::build_agenda;
using panelpack::panel::CalendarDate;
using panelpack::panel::CaseSummary;
using panelpack::panel::find_sitting;
using panelpack::panel::OfficeConfig;
using panelpack::panel::PackSource;
using panelpack::panel::PanelError;
using panelpack::panel::parse_bookings;
using panelpack::panel::parse_instant;
using panelpack::panel::parse_office_config;
using panelpack::panel::plan_pack;
using panelpack::panel::Sitting;
using panelpack::panel::summarise_case;
using panelpack::panel::WorkingCalendar;

// Tuesday 15 December 2026: papers due Saturday 12 December 17:00 (3 calendar days before).
constexpr const char* kSitting = "2026-12-15";

json case_file(const char* ref, const char* name) {
  return {{"caseRef", ref},
          {"child", {{"childId", ref}, {"name", name}, {"dob", "2019-04-09"}}},
          {"legal", {{"status", "C1"}, {"dateEnteredCare", "2026-08-03"}}},
          {"professionals",
           {{"socialWorker", {{"name", "Sam Worker"}, {"role", "Social worker"}}},
            {"teamManager", {{"name", "Tina Manager"}, {"role", "Team manager"}}}}},
          {"referral", {{"reason", "ratify_plan"}}}};
}

json bookings_json() {
  return {{"panel", "permanence"},
          {"date", kSitting},
          {"items",
           {{{"caseRef", "LCS900001"},
             {"reason", "ratify_plan"},
             {"paperTypes", {"referral", "care-plan"}},
             {"minutes", 60},
             {"papers",
              {{{"type", "referral"}, {"receivedAt", "2026-12-11T17:00:00+00:00"}},
               {{"type", "care-plan"},
                {"receivedAt", "2026-12-11T17:01:00Z"},
                {"file", "papers/LCS900001/care-plan.pdf"}}}}},
            {{"caseRef", "LCS900002"},
             {"reason", "change_plan"},
             {"paperTypes", {"referral", "chronology"}},
             {"presenters", {{{"name", "Pat Presenter"}, {"role", "Senior practitioner"}}}}},
            {{"caseRef", "LCS900003"},
             {"reason", "placement_disruption"},
             {"paperTypes", {"referral"}},
             {"papers", {{{"type", "referral"}, {"receivedAt", "2026-12-10T09:00"}}}}}}}};
}

struct Fixture {
  OfficeConfig office = parse_office_config(panelpack::testing::office_json());
  Sitting sitting = find_sitting(office.panel("permanence"), CalendarDate::parse(kSitting));
  Bookings bookings = parse_bookings(bookings_json());
  std::map<std::string, CaseSummary> cases{
      {"LCS900001", summarise_case(case_file("LCS900001", "Poppy Example"))},
      {"LCS900002", summarise_case(case_file("LCS900002", "Jasper Notreal"))},
      {"LCS900003", summarise_case(case_file("LCS900003", "Ada Fiction"))}};
  WorkingCalendar calendar;

  AgendaInputs inputs() const {
    return {office,   office.panel("permanence"),           sitting, bookings, cases,
            calendar, parse_instant("2026-12-13T10:00:00Z")};
  }
};

TEST(Agenda, SlotsRunOnFromTheStartAndTakeTheBreakWhenItsTimeComes) {
  const Fixture fixture;
  const auto agenda = build_agenda(fixture.inputs());
  const auto& items = agenda["items"];
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[0]["slot"], "09:30");
  EXPECT_EQ(items[0]["endTime"], "10:30");  // its own 60 minutes
  EXPECT_EQ(items[1]["slot"], "10:30");
  EXPECT_EQ(items[1]["endTime"], "11:15");  // the panel's 45
  // 11:15 is past the 11:00 break, so the break comes before the third case.
  EXPECT_EQ(items[2]["slot"], "11:30");
  EXPECT_EQ(agenda["endTime"], "12:15");
  const auto& schedule = agenda["schedule"];
  ASSERT_EQ(schedule.size(), 4U);
  EXPECT_EQ(schedule[2]["isBreak"], true);
  EXPECT_EQ(schedule[2]["title"], "Comfort break");
  EXPECT_EQ(schedule[2]["start"], "11:15");
  EXPECT_EQ(schedule[2]["end"], "11:30");
  EXPECT_EQ(schedule[3]["title"], "LCS900003 (Ada Fiction)");
}

TEST(Agenda, PapersOnTimeAtTheDeadlineLateAfterItMissingWithout) {
  const Fixture fixture;
  const auto agenda = build_agenda(fixture.inputs());
  // Three days before is Saturday 12 December: due the working day before, at 17:00.
  EXPECT_EQ(agenda["papersDue"]["dateTime"], "2026-12-11T17:00:00+00:00");
  EXPECT_EQ(agenda["papersDue"]["onWorkingDay"], true);
  const auto& first = agenda["items"][0]["papers"];
  EXPECT_EQ(first[0]["status"], "on_time");  // received exactly at 17:00
  EXPECT_EQ(first[1]["status"], "late");     // a minute after
  EXPECT_EQ(first[1]["statusLabel"], "received late");
  EXPECT_EQ(agenda["items"][0]["latePapers"], json::array({"Care plan"}));
  const auto& second = agenda["items"][1];
  EXPECT_EQ(second["papers"][0]["status"], "missing");
  EXPECT_EQ(second["missingPapers"], json::array({"Referral", "Chronology"}));
  EXPECT_EQ(second["allPapersOnTime"], false);
  EXPECT_EQ(agenda["items"][2]["allPapersOnTime"], true);
  EXPECT_EQ(agenda["counts"]["papersExpected"], 5);
  EXPECT_EQ(agenda["counts"]["papersOnTime"], 2);
  EXPECT_EQ(agenda["counts"]["papersLate"], 1);
  EXPECT_EQ(agenda["counts"]["papersMissing"], 2);
}

TEST(Agenda, PresentersAreTheBookingsOrTheCaseWorkerAndManager) {
  const Fixture fixture;
  const auto agenda = build_agenda(fixture.inputs());
  const auto& defaulted = agenda["items"][0]["presenters"];
  ASSERT_EQ(defaulted.size(), 2U);
  EXPECT_EQ(defaulted[0]["name"], "Sam Worker");
  EXPECT_EQ(defaulted[1]["name"], "Tina Manager");
  EXPECT_EQ(agenda["items"][1]["presenters"][0]["name"], "Pat Presenter");
  EXPECT_EQ(agenda["items"][0]["reasonLabel"], "Ratify the permanence plan");
  EXPECT_EQ(agenda["items"][0]["legalStatusLabel"], "Interim care order (s38)");
  EXPECT_EQ(agenda["panel"]["typeLabel"], "Permanence Panel");
}

TEST(Agenda, ABookedCaseWithoutItsFileIsAnError) {
  Fixture fixture;
  fixture.cases.erase("LCS900002");
  try {
    build_agenda(fixture.inputs());
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "unknown_case");
    EXPECT_EQ(error.where(), "LCS900002");
  }
}

TEST(Agenda, SlotsPastMidnightAreRefused) {
  Fixture fixture;
  fixture.bookings.items[0].minutes = 15 * 60;
  EXPECT_THROW(build_agenda(fixture.inputs()), PanelError);
}

TEST(PackPlan, AgendaFirstThenReceivedPapersInAgendaOrderNamedToSort) {
  const Fixture fixture;
  const auto plan = plan_pack(fixture.inputs());
  EXPECT_EQ(plan.name, "permanence-2026-12-15");
  ASSERT_EQ(plan.entries.size(), 4U);
  EXPECT_EQ(plan.entries[0].file_name, "00-agenda.docx");
  EXPECT_EQ(plan.entries[0].source, PackSource::agenda);
  EXPECT_EQ(plan.entries[1].file_name, "01-1-LCS900001-referral.odt");  // the template's kind
  EXPECT_EQ(plan.entries[1].source, PackSource::rendered_paper);
  EXPECT_EQ(plan.entries[1].template_path, "templates/referral.odt");
  EXPECT_EQ(plan.entries[2].file_name, "01-2-LCS900001-care-plan.pdf");
  EXPECT_EQ(plan.entries[2].source, PackSource::submitted_file);
  EXPECT_EQ(plan.entries[2].section_title, "1. LCS900001 (Poppy Example)");
  EXPECT_EQ(plan.entries[2].document_title, "Care plan");
  EXPECT_EQ(plan.entries[3].file_name, "03-1-LCS900003-referral.odt");
  ASSERT_EQ(plan.missing.size(), 2U);
  EXPECT_EQ(plan.missing[0].case_ref, "LCS900002");
  EXPECT_EQ(plan.missing[1].paper_type, "chronology");
  for (std::size_t i = 1; i < plan.entries.size(); ++i) {
    EXPECT_LT(plan.entries[i - 1].file_name, plan.entries[i].file_name);
  }
}

TEST(PackPlan, APaperOnFileElsewhereIsNeitherInThePackNorMissingAndTheAgendaSaysWhy) {
  Fixture fixture;
  const auto missing = plan_pack(fixture.inputs()).missing.back();
  auto& item = fixture.bookings.items[static_cast<std::size_t>(missing.item_number - 1)];
  item.papers.push_back({missing.paper_type, parse_instant("2026-12-10T09:00:00Z"),
                         "2026-12-10T09:00:00Z", "", "Held by legal services"});
  const auto plan = plan_pack(fixture.inputs());
  EXPECT_EQ(plan.entries.size(), 4U);
  ASSERT_EQ(plan.held_elsewhere.size(), 1U);
  EXPECT_EQ(plan.held_elsewhere[0].paper_type, missing.paper_type);
  EXPECT_EQ(plan.missing.size(), 1U);
  const auto agenda = build_agenda(fixture.inputs());
  const auto& papers = agenda["items"][static_cast<std::size_t>(missing.item_number - 1)]["papers"];
  bool found = false;
  for (const auto& paper : papers) {
    if (paper["type"] != missing.paper_type) continue;
    found = true;
    EXPECT_EQ(paper["onFileElsewhere"], "Held by legal services");
    EXPECT_NE(paper["statusLabel"].get<std::string>().find("Held by legal services"),
              std::string::npos);
  }
  EXPECT_TRUE(found);
}

TEST(PackPlan, RefusesFilesOutsideTheOfficeAndPapersWithoutDataUsesInstalledTemplates) {
  Fixture fixture;
  fixture.bookings.items[0].papers[1].file = "../../etc/passwd";
  try {
    plan_pack(fixture.inputs());
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "unsafe_file");
  }

  // An office that names no referral template uses the installed one (docs/office.md).
  Fixture no_template;
  no_template.office.panels[0].templates.erase("referral");
  const auto installed = plan_pack(no_template.inputs());
  EXPECT_EQ(installed.entries[1].template_path, "referral.docx");
  EXPECT_EQ(installed.entries[1].file_name, "01-1-LCS900001-referral.docx");

  Fixture no_data;
  no_data.bookings.items[2].papers.push_back(
      {"matching", parse_instant("2026-12-10T09:00:00Z"), "2026-12-10T09:00:00Z", "", ""});
  try {
    plan_pack(no_data.inputs());
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "no_case_data");
    EXPECT_EQ(error.where(), "LCS900003");
  }
}

TEST(Bookings, RoundTripKeepsEveryFieldAndRefusesACaseBookedTwice) {
  const Bookings bookings = parse_bookings(bookings_json());
  const json written = bookings.to_json();
  EXPECT_EQ(written["items"][0]["papers"][1]["file"], "papers/LCS900001/care-plan.pdf");
  EXPECT_EQ(written["items"][2]["papers"][0]["receivedAt"], "2026-12-10T09:00");
  EXPECT_EQ(json(parse_bookings(written).to_json()), written);
  json twice = bookings_json();
  twice["items"][2]["caseRef"] = "LCS900001";
  try {
    parse_bookings(twice);
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "duplicate_booking");
    EXPECT_EQ(error.where(), "/items/2/caseRef");
  }
}

}  // namespace
