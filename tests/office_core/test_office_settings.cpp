// The Settings pages' changes to office.json (office/office_change.hpp,
// office/settings/office_settings.hpp) on a copy of the sample office: a change writes only its
// own value (asserted on the file's bytes), a refused one writes nothing and says what
// `panelpack validate` says, a stale form is refused, two writers at once lose nothing; and
// the audit's detail column (old → new) in the real SQLite file and its CSV, with the account
// change the users page makes.

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "console_fixture.hpp"
#include "office/console/accounts.hpp"
#include "office/console/audit.hpp"
#include "office/console/audit_csv.hpp"
#include "office/office_change.hpp"
#include "office/settings/office_settings.hpp"
#include "office/validation/file_validation.hpp"
#include "sample_office_copy.hpp"

namespace {

namespace office = panelpack::office;
namespace settings = panelpack::office::settings;
namespace console = panelpack::office::console;
using panelpack::testing::SampleOfficeCopy;

// `text` with its one occurrence of `from` replaced by `to` (fails the test when not exactly one).
std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  if (at == std::string::npos) return text;
  return text.substr(0, at) + to + text.substr(at + from.size());
}

class OfficeSettings : public ::testing::Test {
 protected:
  std::string file() const { return SampleOfficeCopy::read(office_.root() / "office.json"); }
  std::string version() const { return office::office_version(office_.root()); }
  // The permanence panel's form as the page opens it: its name and kind, the office's rules.
  static settings::PanelForm permanence_form() {
    settings::PanelForm form{"Northbridge Permanence Panel", "permanence_panel", {}};
    for (const std::string& key : settings::rule_keys()) form.rules[key] = {};
    return form;
  }
  static settings::MemberForm declan(const std::string& email) {
    return {"Declan Fairweather", "Legal adviser", "Legal Services", email};
  }

  SampleOfficeCopy office_;
};

TEST_F(OfficeSettings, APanelsNewNameIsTheOnlyBytesThatChange) {
  const std::string before = file();
  settings::PanelForm form = permanence_form();
  form.name = "Northbridge Permanence and Adoption Panel";
  const settings::SettingsResult result =
      settings::change_panel(office_.root(), version(), "permanence", form);
  ASSERT_TRUE(result.done) << (result.problems.empty() ? "" : result.problems[0].message);
  EXPECT_EQ(file(), replaced(before,
                             "\"id\": \"permanence\",\n      \"name\": \"Northbridge Permanence "
                             "Panel\"",
                             "\"id\": \"permanence\",\n      \"name\": \"Northbridge Permanence "
                             "and Adoption Panel\""));
  EXPECT_EQ(result.audit_detail(),
            "permanence name: Northbridge Permanence Panel → Northbridge Permanence and Adoption "
            "Panel");
}

TEST_F(OfficeSettings, TheChairsEmailChangesAndAnEmptyOneIsRefusedBesideItsField) {
  const std::string before = file();
  settings::PanelForm form = permanence_form();
  form.chair = settings::MemberForm{"Tomasz Wieczorek", "Chair (Service manager, Fostering)", "",
                                    "t.wieczorek@northbridge.example.org"};
  const auto changed =
      settings::change_panel(office_.root(), version(), "pptm",
                             {"Permanence Planning Tracking Meeting", "pptm", {}, form.chair});
  ASSERT_TRUE(changed.done) << (changed.problems.empty() ? "" : changed.problems[0].message);
  EXPECT_EQ(file(),
            replaced(before,
                     "\"role\": \"Chair (Service manager, Fostering)\",\n        \"email\": "
                     "\"tomasz.wieczorek@northbridge.example.org\"",
                     "\"role\": \"Chair (Service manager, Fostering)\",\n        \"email\": "
                     "\"t.wieczorek@northbridge.example.org\""));
  EXPECT_EQ(changed.audit_detail(),
            "pptm chair email: tomasz.wieczorek@northbridge.example.org → "
            "t.wieczorek@northbridge.example.org");
  const std::string after = file();
  form.chair->email = "";
  const auto refused = settings::change_panel(office_.root(), version(), "permanence", form);
  ASSERT_EQ(refused.problems.size(), 1U);
  EXPECT_EQ(refused.problems[0].field, "chair-email");
  EXPECT_EQ(file(), after);
}

TEST_F(OfficeSettings, ADeadlineRuleOfThePanelsOwnIsWrittenInPlace) {
  const std::string before = file();
  settings::PanelForm form{"Permanence Planning Tracking Meeting", "pptm", {}};
  form.rules["papersDue"] = {"working_days", "4", "before", "", "16:00"};
  form.rules["pack"] = {"working_days", "1", "before", "", "12:00"};
  form.rules["minutes"] = {};
  const auto result = settings::change_panel(office_.root(), version(), "pptm", form);
  ASSERT_TRUE(result.done) << (result.problems.empty() ? "" : result.problems[0].message);
  EXPECT_EQ(file(), replaced(before,
                             "\"count\": 2,\n          \"direction\": \"before\",\n          "
                             "\"time\": \"17:00\"",
                             "\"count\": 4,\n          \"direction\": \"before\",\n          "
                             "\"time\": \"16:00\""));
  EXPECT_EQ(result.audit_detail(),
            "pptm deadline papersDue count: 2 → 4\npptm deadline papersDue time: 17:00 → 16:00");
}

TEST_F(OfficeSettings, AMembersEmailChangesAndAMemberAddedThenRemovedLeavesTheFileAsItWas) {
  const std::string before = file();
  auto changed = settings::change_member(office_.root(), version(), "permanence", 0,
                                         declan("declan.f@northbridge.example.org"));
  ASSERT_TRUE(changed.done);
  EXPECT_EQ(file(), replaced(before,
                             "\"declan.fairweather@northbridge.example.org\"\n        },\n"
                             "        {\n          \"name\": \"Dr Anjali",
                             "\"declan.f@northbridge.example.org\"\n        },\n"
                             "        {\n          \"name\": \"Dr Anjali"));
  EXPECT_EQ(changed.audit_detail(),
            "permanence member 1 email: declan.fairweather@northbridge.example.org → "
            "declan.f@northbridge.example.org");

  const std::string middle = file();
  const auto added =
      settings::add_member(office_.root(), version(), "permanence",
                           {"Sam Okafor", "", "", "sam.okafor@northbridge.example.org"});
  ASSERT_TRUE(added.done);
  EXPECT_EQ(added.audit_detail(),
            "permanence member added: (none) → Sam Okafor <sam.okafor@northbridge.example.org>");
  EXPECT_NE(file().find("{\n          \"name\": \"Sam Okafor\",\n          \"email\": "
                        "\"sam.okafor@northbridge.example.org\"\n        }\n      ],"),
            std::string::npos);
  const auto removed = settings::remove_member(office_.root(), version(), "permanence", 4);
  ASSERT_TRUE(removed.done);
  EXPECT_EQ(file(), middle);
}

TEST_F(OfficeSettings, AnInvalidValueIsRefusedWithWhatValidateSaysAndNothingIsWritten) {
  const std::string before = file();
  const auto refused = settings::change_member(office_.root(), version(), "permanence", 0,
                                               declan("declan.fairweather"));
  EXPECT_FALSE(refused.done);
  EXPECT_FALSE(refused.stale);
  ASSERT_EQ(refused.problems.size(), 1U);
  EXPECT_EQ(refused.problems[0].field, "email");
  EXPECT_EQ(file(), before);
  // The message is validate's for the same office.json, written in another copy.
  SampleOfficeCopy other;
  SampleOfficeCopy::write(other.root() / "office.json",
                          replaced(before,
                                   "\"declan.fairweather@northbridge.example.org\"\n        },\n"
                                   "        {\n          \"name\": \"Dr Anjali",
                                   "\"declan.fairweather\"\n        },\n"
                                   "        {\n          \"name\": \"Dr Anjali"));
  const office::FileValidation validate =
      office::validate_office_file((other.root() / "office.json").string(), std::nullopt);
  ASSERT_EQ(validate.problems.size(), 1U);
  EXPECT_EQ(refused.problems[0].message, office::problem_words(validate.problems[0]));
  EXPECT_EQ(refused.problems[0].message,
            "\"declan.fairweather\" is not an email address; expected an address such as "
            "name@example.org");
  EXPECT_EQ(validate.problems[0].pointer, "/panels/0/members/0/email");
}

TEST_F(OfficeSettings, ANegativeOrUnreadableNumberOfDaysIsRefusedBesideItsField) {
  const std::string before = file();
  settings::PanelForm form = permanence_form();
  form.rules["papersDue"] = {"working_days", "-3", "before", "", "17:00"};
  const auto negative = settings::change_panel(office_.root(), version(), "permanence", form);
  EXPECT_FALSE(negative.done);
  ASSERT_EQ(negative.problems.size(), 1U);
  EXPECT_EQ(negative.problems[0].field, "papersDue-count");
  EXPECT_EQ(negative.problems[0].message, "-3 is too small; expected at least 0");
  form.rules["papersDue"].count = "three";
  const auto unreadable = settings::change_panel(office_.root(), version(), "permanence", form);
  ASSERT_EQ(unreadable.problems.size(), 1U);
  EXPECT_EQ(unreadable.problems[0].field, "papersDue-count");
  EXPECT_EQ(unreadable.problems[0].message, "Enter the number of days as a whole number, like 3");
  EXPECT_EQ(file(), before);
}

TEST_F(OfficeSettings, AMissingTemplateFileIsRefusedBesideItsKind) {
  const std::string before = file();
  const auto refused = settings::change_templates(office_.root(), version(),
                                                  {{"agenda", "templates/no-such-agenda.docx"}});
  EXPECT_FALSE(refused.done);
  ASSERT_EQ(refused.problems.size(), 1U);
  EXPECT_EQ(refused.problems[0].field, "template-agenda");
  EXPECT_NE(refused.problems[0].message.find("no file at"), std::string::npos);
  EXPECT_EQ(file(), before);
}

TEST_F(OfficeSettings, AllowedDomainsAndTheRelayChangeAndNothingElse) {
  const std::string before = file();
  settings::MailForm form{"127.0.0.1",
                          "2526",
                          "plain",
                          "Northbridge Permanence Panel",
                          "permanence.panel@northbridge.example.org",
                          "northbridge.example.org\ncafcass.example.org\n"
                          "adoptthreerivers.example.org\nnorthbridge-health.example.org\n"};
  const auto result = settings::change_mail(office_.root(), version(), form);
  ASSERT_TRUE(result.done) << (result.problems.empty() ? "" : result.problems[0].message);
  EXPECT_EQ(file(), replaced(replaced(before, "\"adoptthreerivers.example.org\"\n  ],",
                                      "\"adoptthreerivers.example.org\",\n    "
                                      "\"northbridge-health.example.org\"\n  ],"),
                             "\"port\": 2525,", "\"port\": 2526,"));
  EXPECT_EQ(result.audit_detail(),
            "allowedDomains: northbridge.example.org, cafcass.example.org, "
            "adoptthreerivers.example.org → northbridge.example.org, cafcass.example.org, "
            "adoptthreerivers.example.org, northbridge-health.example.org\n"
            "mail relay port: 2525 → 2526");
}

TEST_F(OfficeSettings, AFormOpenedOnAnotherVersionIsRefusedAsStale) {
  const std::string opened = version();
  settings::PanelForm form = permanence_form();
  form.name = "First change";
  ASSERT_TRUE(settings::change_panel(office_.root(), opened, "permanence", form).done);
  const std::string after_first = file();
  form.name = "Second change";
  const auto stale = settings::change_panel(office_.root(), opened, "permanence", form);
  EXPECT_TRUE(stale.stale);
  EXPECT_FALSE(stale.done);
  ASSERT_EQ(stale.problems.size(), 1U);
  EXPECT_NE(stale.problems[0].message.find("changed since you opened"), std::string::npos);
  EXPECT_EQ(file(), after_first);
}

TEST_F(OfficeSettings, TwoWritersAtOnceLoseNothing) {
  constexpr int kEach = 4;
  const auto writer = [&](const std::string& who) {
    for (int i = 0; i < kEach; ++i) {
      const settings::MemberForm member{who + " " + std::to_string(i), "", "",
                                        who + std::to_string(i) + "@northbridge.example.org"};
      // A writer that finds the file changed under its form opens it again, as a person would.
      for (;;) {
        const auto result = settings::add_member(office_.root(), version(), "aep", member);
        if (!result.stale) {
          EXPECT_TRUE(result.done);
          break;
        }
      }
    }
  };
  std::thread first(writer, "amy");
  std::thread second(writer, "ben");
  first.join();
  second.join();
  const auto office = nlohmann::json::parse(file());
  const auto& members = office["panels"][1]["members"];
  ASSERT_EQ(members.size(), 2U + 2 * kEach);
  for (int i = 0; i < kEach; ++i) {
    for (const std::string who : {"amy", "ben"}) {
      const std::string email = who + std::to_string(i) + "@northbridge.example.org";
      EXPECT_TRUE(std::any_of(members.begin(), members.end(), [&](const auto& m) {
        return m["email"] == email;
      })) << email;
    }
  }
  EXPECT_TRUE(
      office::validate_office_file((office_.root() / "office.json").string(), "office").valid());
}

class SettingsAudit : public panelpack::testing::ConsoleTest {};

TEST_F(SettingsAudit, TheDetailIsStoredAndExportedAsOldToNew) {
  console::append_audit(store(), {"priya@council.example", "10.0.0.7"},
                        {"setting_changed", "setting", "panel/permanence", "ok",
                         "permanence name: Old → New\nmail relay port: 2525 → 587"});
  EXPECT_EQ(query("SELECT detail FROM audit WHERE action = 'setting_changed'"),
            "permanence name: Old → New\nmail relay port: 2525 → 587");
  EXPECT_EQ(query("SELECT object_id FROM audit WHERE action = 'setting_changed'"),
            "panel/permanence");
  std::ostringstream csv;
  console::export_audit_csv(store(), {}, csv);
  EXPECT_EQ(csv.str(),
            "id,time,actor,action,object_kind,object_id,outcome,client,detail\r\n"
            "1,2026-12-05T09:00:00Z,priya@council.example,setting_changed,setting,"
            "panel/permanence,ok,10.0.0.7,\"permanence name: Old → New\nmail relay port: 2525 → "
            "587\"\r\n");
  const auto page = console::list_audit(store(), {});
  ASSERT_EQ(page.entries.size(), 1U);
  EXPECT_EQ(console::audit_words(page.entries[0]), "Changed a setting in office.json");
}

TEST_F(SettingsAudit, AnAccountsRoleAndPanelsChangeIsAuditedWithOldAndNew) {
  const console::Actor admin{"priya@council.example", "10.0.0.7"};
  console::add_account(store(), {"priya@council.example", "", console::Role::administrator, {}},
                       admin);
  console::add_account(store(), {"sam@council.example", "", console::Role::member, {"aep"}}, admin);
  EXPECT_TRUE(console::change_account(store(), "sam@council.example", console::Role::chair,
                                      {"permanence", "aep"}, admin));
  EXPECT_EQ(query("SELECT role FROM accounts WHERE user_name = 'sam@council.example'"), "chair");
  EXPECT_EQ(query("SELECT GROUP_CONCAT(panel_id) FROM (SELECT panel_id FROM account_panels "
                  "ORDER BY panel_id)"),
            "aep,permanence");
  EXPECT_EQ(query("SELECT detail FROM audit WHERE action = 'account_change'"),
            "role: member → chair\npanels: aep → aep, permanence");
  // The same again changes nothing and writes no row.
  EXPECT_FALSE(console::change_account(store(), "sam@council.example", console::Role::chair,
                                       {"aep", "permanence"}, admin));
  EXPECT_EQ(query("SELECT COUNT(*) FROM audit WHERE action = 'account_change'"), "1");
  // The only administrator cannot make themselves something else.
  EXPECT_THROW(
      console::change_account(store(), "priya@council.example", console::Role::viewer, {}, admin),
      office::OfficeError);
  EXPECT_EQ(query("SELECT role FROM accounts WHERE user_name = 'priya@council.example'"),
            "administrator");
}

}  // namespace
