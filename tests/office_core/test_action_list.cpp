// The actions of every decisions file (office/records/action_list.hpp) and their reminders
// (office/tick/action_reminders.hpp) on a copy of the sample office: permanence 2026-12-08 holds
// LCS900101 A1 (done, due 18 Dec), A2 (due 9 Mar 2027) and LCS900112 A1 (done, due 11 Dec);
// permanence 2026-12-15 holds LCS900102 A1 (due Fri 18 Dec), A2 (8 Jan), LCS900103 A1 (15 Jan)
// and LCS900108 A1 (Tue 5 Jan 2027: two working days before it is Thu 24 Dec, past Christmas,
// the substitute Boxing Day, the council's closure days and New Year's Day). Asserted on the
// rows, the decisions file's bytes and the rows of the office's real SQLite outbox.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mailer/outbox.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/progress.hpp"
#include "office/records/action_list.hpp"
#include "office/records/decisions_change.hpp"
#include "office/tick/action_reminders.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
using office::ActionDoneRefusal;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;
using ordered_json = nlohmann::ordered_json;

class Actions : public ::testing::Test {
 protected:
  Actions() {
    // Owners with teams and addresses (the sample's owners have neither), and LCS900102 signed
    // off: marking an action done must leave the sign-off as it is.
    edit("2026-12-15", [](ordered_json& file) {
      auto& decisions = file["decisions"];
      decisions[0]["agreed"] = {
          {"by", "Margaret Oyelaran-Hughes"}, {"at", "2026-12-15T12:00:00Z"}, {"version", 1}};
      decisions[0]["actions"][0]["owner"]["team"] = "Kinship";
      decisions[0]["actions"][0]["owner"]["email"] = "fiona.mcallister@northbridge.example.org";
      decisions[0]["actions"][1]["owner"]["email"] = "hannah.westerby@northbridge.example.org";
      decisions[1]["actions"][0]["owner"]["email"] = "hannah.westerby@northbridge.example.org";
      decisions[2]["actions"][0]["owner"]["team"] = "Children in Care";
      decisions[2]["actions"][0]["owner"]["email"] = "ravi.sandhurst@northbridge.example.org";
    });
    edit("2026-12-08", [](ordered_json& file) {
      file["decisions"][0]["actions"][0]["owner"]["email"] =
          "priya.ravenscroft@northbridge.example.org";
    });
  }

  fs::path file(const char* date) const {
    return office_.root() / "decisions" / "permanence" / (std::string(date) + ".json");
  }
  template <typename Edit>
  void edit(const char* date, Edit change) const {
    ordered_json json = ordered_json::parse(SampleOfficeCopy::read(file(date)));
    change(json);
    SampleOfficeCopy::write(file(date), json.dump(2) + "\n");
  }

  office::ActionList list(const office::ActionFilter& filter, const char* today) const {
    return office::list_actions(office_.open(), filter, day(today));
  }

  office::ActionDoneResult done(const char* case_ref, const char* id, const std::string& note,
                                std::optional<std::string> version, const char* when) const {
    return office::mark_action_done(office_.open(), {"permanence", day("2026-12-15"), case_ref, id,
                                                     note, std::move(version), at(when)});
  }

  // One tick's reminders at `when` (London), queued into the office's outbox.
  std::size_t remind(const char* when) const {
    const auto workspace = office_.open();
    panelpack::mailer::Outbox outbox(office::outbox_path(workspace));
    std::set<std::string> keys;
    for (const auto& row : outbox.list()) keys.insert(row.idempotency_key);
    const panelpack::panel::MailPlan plan;
    const office::TickQueueInputs inputs{
        workspace, office::mail_config(workspace), plan, keys, std::nullopt, at(when)};
    office::TickLog log(office::no_events());
    return office::queue_action_reminders(inputs, outbox, log);
  }

  // The office's outbox as its SQLite file holds it, oldest row first.
  std::vector<panelpack::mailer::OutboxRow> rows() const {
    const fs::path database = office::outbox_path(office_.open());
    if (!fs::exists(database)) return {};
    auto listed = panelpack::mailer::Outbox::open_read_only(database).list();
    std::sort(listed.begin(), listed.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return listed;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> found;
    for (const auto& row : rows()) found.push_back(row.idempotency_key);
    return found;
  }

  SampleOfficeCopy office_;
};

std::vector<std::string> ids_of(const office::ActionList& list) {
  std::vector<std::string> ids;
  for (const office::ActionRow& row : list.actions) ids.push_back(row.case_ref + " " + row.id);
  return ids;
}

TEST_F(Actions, EveryActionOfEveryDecisionsFileByDueDate) {
  const office::ActionList all = list({}, "2026-12-21");
  EXPECT_EQ(ids_of(all), (std::vector<std::string>{"LCS900112 A1", "LCS900101 A1", "LCS900102 A1",
                                                   "LCS900108 A1", "LCS900102 A2", "LCS900103 A1",
                                                   "LCS900101 A2"}));
  EXPECT_TRUE(all.problems.empty());
  const office::ActionRow& first_open = all.actions[2];
  EXPECT_EQ(first_open.panel_id, "permanence");
  EXPECT_EQ(first_open.panel_name, "Northbridge Permanence Panel");
  EXPECT_EQ(first_open.sitting, day("2026-12-15"));
  EXPECT_EQ(first_open.description,
            "File the final special guardianship assessment and support plan.");
  EXPECT_EQ(first_open.owner.name, "Fiona McAllister");
  EXPECT_EQ(first_open.owner.role, "Kinship supervising social worker");
  EXPECT_EQ(first_open.owner.team, "Kinship");
  EXPECT_EQ(first_open.owner.email, "fiona.mcallister@northbridge.example.org");
  EXPECT_EQ(first_open.due, day("2026-12-18"));
  EXPECT_EQ(first_open.status, "open");
  EXPECT_TRUE(first_open.overdue);
  const office::ActionRow& done_one = all.actions[1];
  EXPECT_EQ(done_one.status, "done");
  EXPECT_EQ(done_one.completed, day("2026-12-16"));
  EXPECT_FALSE(done_one.overdue);
  EXPECT_EQ(all.overdue, 1U);
  EXPECT_EQ(all.teams, (std::vector<std::string>{"Children in Care", "Kinship"}));
  EXPECT_EQ(all.people.size(), 4U);
}

TEST_F(Actions, OverdueIsJudgedOnTheDayGiven) {
  EXPECT_EQ(list({}, "2026-12-17").overdue, 0U);
  EXPECT_EQ(list({}, "2026-12-18").overdue, 1U);  // due that day and not done by its end
  EXPECT_EQ(list({}, "2027-01-06").overdue, 2U);  // and LCS900108's, due 5 January
  EXPECT_EQ(ids_of(list({"", "", "", true}, "2027-01-06")),
            (std::vector<std::string>{"LCS900102 A1", "LCS900108 A1"}));
}

TEST_F(Actions, FiltersByPersonTeamAndPanel) {
  EXPECT_EQ(ids_of(list({"hannah", "", "", false}, "2026-12-21")),
            (std::vector<std::string>{"LCS900112 A1", "LCS900102 A2", "LCS900103 A1"}));
  EXPECT_EQ(ids_of(list({"", "children in care", "", false}, "2026-12-21")),
            (std::vector<std::string>{"LCS900108 A1"}));
  EXPECT_EQ(list({"", "", "permanence", false}, "2026-12-21").actions.size(), 7U);
  const office::ActionList none = list({"", "", "pptm", false}, "2026-12-21");
  EXPECT_TRUE(none.actions.empty());
  EXPECT_EQ(none.overdue, 1U);  // the office's count, whatever the filter
}

TEST_F(Actions, MarkDoneWritesOnlyStatusDateAndNote) {
  const auto workspace = office_.open();
  const std::string version = office::decisions_version(workspace, "permanence", day("2026-12-15"));
  ordered_json expected = ordered_json::parse(SampleOfficeCopy::read(file("2026-12-15")));
  const auto result = done("LCS900102", "A2", "  Therapy added to the plan on 21 December.\n",
                           version, "2026-12-21T16:30");
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.version, office::decisions_version(workspace, "permanence", day("2026-12-15")));
  auto& action = expected["decisions"][0]["actions"][1];
  action["status"] = "done";
  action["completedDate"] = "2026-12-21";
  action["completionNote"] = "Therapy added to the plan on 21 December.";
  // Byte for byte: the sign-off (agreed, version 1) and every other key as they were.
  EXPECT_EQ(SampleOfficeCopy::read(file("2026-12-15")), expected.dump(2) + "\n");
  const auto row = office::find_action(workspace, "permanence", day("2026-12-15"), "LCS900102",
                                       "A2", day("2026-12-22"));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->completion_note, "Therapy added to the plan on 21 December.");
  EXPECT_FALSE(row->open());
}

TEST_F(Actions, AStaleFormChangesNothing) {
  const std::string before = SampleOfficeCopy::read(file("2026-12-15"));
  const auto result = done("LCS900102", "A1", "Filed.", std::string("0123"), "2026-12-21T10:00");
  ASSERT_EQ(result.refused, ActionDoneRefusal::stale);
  EXPECT_NE(result.message.find("changed since you opened this page"), std::string::npos);
  EXPECT_EQ(SampleOfficeCopy::read(file("2026-12-15")), before);
}

TEST_F(Actions, RefusalsChangeNothing) {
  const std::string before = SampleOfficeCopy::read(file("2026-12-15"));
  EXPECT_EQ(done("LCS900102", "A1", "  ", std::nullopt, "2026-12-21T10:00").refused,
            ActionDoneRefusal::no_note);
  EXPECT_EQ(done("LCS900102", "A9", "Filed.", std::nullopt, "2026-12-21T10:00").refused,
            ActionDoneRefusal::not_found);
  EXPECT_EQ(done("LCS900199", "A1", "Filed.", std::nullopt, "2026-12-21T10:00").refused,
            ActionDoneRefusal::not_found);
  EXPECT_EQ(SampleOfficeCopy::read(file("2026-12-15")), before);
  ASSERT_TRUE(done("LCS900102", "A1", "Filed.", std::nullopt, "2026-12-21T10:00").done());
  const std::string after = SampleOfficeCopy::read(file("2026-12-15"));
  EXPECT_EQ(done("LCS900102", "A1", "Again.", std::nullopt, "2026-12-22T10:00").refused,
            ActionDoneRefusal::not_open);
  EXPECT_EQ(SampleOfficeCopy::read(file("2026-12-15")), after);
  // A sitting with no decisions: refused, and no file is made for it.
  const auto none =
      office::mark_action_done(office_.open(), {"permanence", day("2026-12-22"), "LCS900102", "A1",
                                                "x", std::nullopt, at("2026-12-22T10:00")});
  EXPECT_EQ(none.refused, ActionDoneRefusal::not_found);
  EXPECT_FALSE(fs::exists(file("2026-12-22")));
}

TEST_F(Actions, ReminderGoesTheWorkingDaysBeforeOnceOnly) {
  EXPECT_EQ(remind("2026-12-16T08:55"), 0U);  // before 09:00
  EXPECT_EQ(remind("2026-12-16T09:05"), 1U);
  EXPECT_EQ(remind("2026-12-16T09:10"), 0U);  // the next tick: nothing twice
  const auto queued = rows();
  ASSERT_EQ(queued.size(), 1U);
  EXPECT_EQ(queued[0].idempotency_key,
            "action_reminder|permanence|2026-12-15|LCS900102#A1@before-2026-12-18|"
            "fiona.mcallister@northbridge.example.org");
  EXPECT_EQ(queued[0].recipient, "fiona.mcallister@northbridge.example.org");
  EXPECT_EQ(queued[0].subject,
            "OFFICIAL-SENSITIVE: Action due Friday 18 December 2026: LCS900102 (LT), "
            "Northbridge Permanence Panel Tuesday 15 December 2026");
  EXPECT_EQ(queued[0].subject.find("Leah"), std::string::npos);
}

TEST_F(Actions, ReminderBeforeCountsWorkingDaysPastHolidaysAndClosures) {
  // LCS900108 A1, due Tuesday 5 January: Monday 4 January, then back past New Year's Day, the
  // closures of 29-31 December, the substitute Boxing Day and Christmas to Thursday 24th.
  EXPECT_EQ(remind("2026-12-23T09:30"), 0U);
  EXPECT_EQ(remind("2026-12-24T09:30"), 1U);
  EXPECT_EQ(keys(), (std::vector<std::string>{
                        "action_reminder|permanence|2026-12-15|LCS900108#A1@before-2027-01-05|"
                        "ravi.sandhurst@northbridge.example.org"}));
}

TEST_F(Actions, ReminderOnTheDayAndNoneForDoneActions) {
  // Friday 18 December: LCS900102 A1 is due (open); LCS900101 A1 is due too but done.
  EXPECT_EQ(remind("2026-12-18T11:00"), 1U);
  EXPECT_EQ(keys(), (std::vector<std::string>{
                        "action_reminder|permanence|2026-12-15|LCS900102#A1@due-day-2026-12-18|"
                        "fiona.mcallister@northbridge.example.org"}));
  EXPECT_EQ(rows()[0].subject.rfind("OFFICIAL-SENSITIVE: Action due today: LCS900102 (LT)", 0), 0U);
  EXPECT_EQ(remind("2026-12-18T16:00"), 0U);
  EXPECT_EQ(remind("2026-12-19T09:00"), 0U);  // the day has passed: nothing late
}

TEST_F(Actions, NoReminderForAnActionMarkedDone) {
  ASSERT_TRUE(done("LCS900102", "A1", "Filed.", std::nullopt, "2026-12-15T15:00").done());
  EXPECT_EQ(remind("2026-12-16T09:05"), 0U);
  EXPECT_EQ(remind("2026-12-18T09:05"), 0U);
  EXPECT_TRUE(rows().empty());
}

TEST_F(Actions, DaysBeforeComesFromOfficeJson) {
  EXPECT_EQ(office::action_reminder_days(office_.open()), 2);
  office_.edit_office([](nlohmann::json& json) { json.erase("actionReminders"); });
  EXPECT_EQ(office::action_reminder_days(office_.open()), 2);  // the default when absent
  office_.edit_office([](nlohmann::json& json) { json["actionReminders"]["daysBefore"] = 0; });
  EXPECT_EQ(remind("2026-12-16T09:05"), 0U);  // no reminder before, only on the day
  office_.edit_office([](nlohmann::json& json) { json["actionReminders"]["daysBefore"] = 3; });
  EXPECT_EQ(remind("2026-12-15T09:05"), 1U);
}

}  // namespace
