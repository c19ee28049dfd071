#include <gtest/gtest.h>

#include <string>

#include "panel/office_config.hpp"
#include "panel/panel_error.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::CadenceKind;
using panelpack::panel::CalendarDate;
using panelpack::panel::DeadlineKind;
using panelpack::panel::PanelError;
using panelpack::panel::parse_office_config;
using panelpack::testing::office_json;

// The error's code and JSON pointer, "code@pointer".
std::string error_of(const json& office) {
  try {
    parse_office_config(office);
  } catch (const PanelError& error) {
    return error.code() + "@" + error.where();
  }
  return "no error";
}

TEST(OfficeConfig, ReadsPanelsPeopleAndRules) {
  const auto office = parse_office_config(office_json());
  EXPECT_EQ(office.authority, "Fictional Borough Council");
  ASSERT_EQ(office.panels.size(), 2U);
  const auto& permanence = office.panel("permanence");
  EXPECT_EQ(permanence.cadence.kind, CadenceKind::weekly);
  EXPECT_EQ(permanence.cadence.every_weeks, 2);
  EXPECT_EQ(permanence.start_time.text(), "09:30");
  EXPECT_EQ(permanence.slot_minutes, 45);
  ASSERT_EQ(permanence.breaks.size(), 1U);
  EXPECT_EQ(permanence.breaks[0].title, "Comfort break");
  EXPECT_EQ(permanence.administrator.name, "Robin Minutetaker");  // the office's
  EXPECT_EQ(permanence.templates.at("referral"), "templates/referral.odt");
  EXPECT_EQ(office.timeliness.first_considered_within_weeks, 6);  // the default
}

TEST(OfficeConfig, PanelRulesReplaceTheOfficesOneByOne) {
  const auto office = parse_office_config(office_json());
  const auto& aep = office.panel("aep");
  EXPECT_EQ(aep.deadlines.pack.kind, DeadlineKind::weekday_before);
  EXPECT_EQ(aep.deadlines.papers_due.kind, DeadlineKind::calendar_days);  // the office's
  EXPECT_EQ(office.panel("permanence").deadlines.pack.kind, DeadlineKind::working_days);
}

TEST(OfficeConfig, PackRecipientsAreTheChairThenMembersOnce) {
  const auto office = parse_office_config(office_json());
  const auto recipients = office.panel("permanence").pack_recipients();
  ASSERT_EQ(recipients.size(), 2U);
  EXPECT_EQ(recipients[0].email, "morgan@fictional.example.org");
  EXPECT_EQ(recipients[1].email, "ali@fictional.example.org");
}

TEST(OfficeConfig, UnknownPanelNamesThePanelsThereAre) {
  const auto office = parse_office_config(office_json());
  try {
    office.panel("adoption");
    FAIL() << "no error";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code(), "unknown_panel");
    EXPECT_NE(std::string{error.what()}.find("permanence, aep"), std::string::npos);
  }
}

TEST(OfficeConfig, ErrorsNameTheJsonPointer) {
  json office = office_json();
  office["panels"][0]["cadence"]["from"] = "2026-01-14";  // a Wednesday
  EXPECT_EQ(error_of(office), "invalid_field@/panels/0/cadence/from");

  office = office_json();
  office["panels"][1]["id"] = "permanence";
  EXPECT_EQ(error_of(office), "duplicate_panel@/panels/1/id");

  office = office_json();
  office["panels"][0]["cancelled"][0]["date"] = "2026-12-30";  // not a sitting
  EXPECT_EQ(error_of(office), "not_a_sitting@/panels/0/cancelled/0/date");

  office = office_json();
  office["panels"][0]["extraSittings"][0]["date"] = "2026-12-15";  // already a sitting
  EXPECT_EQ(error_of(office), "duplicate_sitting@/panels/0/extraSittings/0/date");

  office = office_json();
  office["panels"][1]["deadlines"]["pack"]["time"] = "noon";
  EXPECT_EQ(error_of(office), "invalid_field@/panels/1/deadlines/pack/time");

  office = office_json();
  office["deadlines"].erase("minutes");
  EXPECT_EQ(error_of(office), "missing_field@/deadlines/minutes");

  office = office_json();
  office["timeliness"]["pptmPanel"] = "pptm";
  EXPECT_EQ(error_of(office), "unknown_panel@/timeliness/pptmPanel");

  office = office_json();
  office["panels"][0].erase("chair");
  EXPECT_EQ(error_of(office), "missing_field@/panels/0/chair");

  office = office_json();
  office["timeZone"] = "Europe/Paris";
  EXPECT_EQ(error_of(office), "invalid_field@/timeZone");
}

TEST(OfficeConfig, AnExtraSittingMayReplaceACancelledOne) {
  json office = office_json();
  office["panels"][0]["extraSittings"][0]["date"] = "2026-12-29";
  EXPECT_EQ(error_of(office), "no error");
}

}  // namespace
