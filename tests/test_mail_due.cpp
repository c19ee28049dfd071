#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "panel/mail_due.hpp"
#include "panel/panel_error.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::BookedSitting;
using panelpack::panel::CalendarDate;
using panelpack::panel::CaseSummary;
using panelpack::panel::DueMail;
using panelpack::panel::find_sitting;
using panelpack::panel::mail_key;
using panelpack::panel::mail_moments;
using panelpack::panel::MailKind;
using panelpack::panel::MailPlan;
using panelpack::panel::OfficeConfig;
using panelpack::panel::parse_bookings;
using panelpack::panel::parse_instant;
using panelpack::panel::parse_office_config;
using panelpack::panel::plan_due_mail;
using panelpack::panel::summarise_case;
using panelpack::panel::WorkingCalendar;

// The fixture's permanence panel sits on Tuesdays; for 15 December 2026: papers due and the
// reminder 3 days before, on Sat 12 Dec, moved to Fri 11 Dec (17:00, 09:00), the pack on
// Fri 11 Dec 12:00, the sitting at 09:30, minutes due Tue 22 Dec 17:00.
const OfficeConfig& office() {
  static const OfficeConfig parsed = parse_office_config(panelpack::testing::office_json());
  return parsed;
}

json person(const char* name, const char* email) {
  json person{{"name", name}};
  if (email != nullptr) person["email"] = email;
  return person;
}

CaseSummary child(const char* ref, const char* first, const char* last, json professionals) {
  return summarise_case({{"caseRef", ref},
                         {"child",
                          {{"childId", std::string("C-") + ref},
                           {"name", std::string(first) + " " + last},
                           {"firstName", first},
                           {"lastName", last}}},
                         {"professionals", std::move(professionals)}});
}

json workers(const char* worker, const char* manager) {
  return {{"socialWorker", person("Sam Worker", worker)},
          {"teamManager", person("Terry Manager", manager)}};
}

std::map<std::string, CaseSummary> cases() {
  std::map<std::string, CaseSummary> all;
  all.emplace("LCS1", child("LCS1", "Leah", "Thornbury",
                            workers("sam@fictional.example.org", "terry@fictional.example.org")));
  all.emplace("LCS2", child("LCS2", "Riley", "Thornbury",
                            workers("SAM@fictional.example.org", "terry@fictional.example.org")));
  return all;
}

// Booked on 1 November: its confirmation's moment is long past the window of these tests.
json item(const char* ref, std::vector<std::string> papers, json received,
          const char* booked_at = "2026-11-01T10:00:00Z") {
  json booking{{"caseRef", ref},
               {"reason", "ratify_plan"},
               {"paperTypes", std::move(papers)},
               {"papers", std::move(received)}};
  if (booked_at != nullptr) booking["bookedAt"] = booked_at;
  return booking;
}

json received(const char* type, const char* at) {
  return {{"type", type}, {"receivedAt", at}};
}

BookedSitting booked(const char* date, std::vector<json> items) {
  return {find_sitting(office().panel("permanence"), CalendarDate::parse(date)),
          parse_bookings({{"panel", "permanence"}, {"date", date}, {"items", std::move(items)}})};
}

// LCS1 has everything in on time; LCS2's care plan is missing.
std::vector<BookedSitting> december() {
  return {booked(
      "2026-12-15",
      {item("LCS1", {"referral"}, {received("referral", "2026-12-09T10:00:00Z")}),
       item("LCS2", {"referral", "care-plan"}, {received("referral", "2026-12-09T10:00:00Z")})})};
}

MailPlan plan_at(const char* now, const std::vector<BookedSitting>& sittings = december(),
                 const std::map<std::string, CaseSummary>& summaries = cases()) {
  static const WorkingCalendar calendar;
  return plan_due_mail({office(), sittings, summaries, calendar, {parse_instant(now)}});
}

std::vector<std::string> keys_of(const std::vector<DueMail>& mails, MailKind kind) {
  std::vector<std::string> keys;
  for (const DueMail& mail : mails) {
    if (mail.kind == kind) keys.push_back(mail.key);
  }
  return keys;
}

TEST(MailDue, NothingIsDueBeforeTheFirstMoment) {
  // The first is the reminder, moved from Saturday to Fri 11 Dec 09:00.
  const MailPlan plan = plan_at("2026-12-11T08:59:59Z");
  EXPECT_TRUE(plan.due.empty());
  EXPECT_TRUE(plan.passed.empty());
  EXPECT_TRUE(plan.sittings.empty());
  EXPECT_TRUE(plan.problems.empty());
}

TEST(MailDue, CirculationAtThePackDeadlineGoesToTheChairMembersAndMailboxOnceEach) {
  const MailPlan plan = plan_at("2026-12-11T12:00:00Z");
  std::vector<DueMail> circulation;  // the reminders (Friday 09:00) are due too
  for (const DueMail& mail : plan.due) {
    if (mail.kind == MailKind::circulation) circulation.push_back(mail);
  }
  ASSERT_EQ(circulation.size(), 3U);  // the chair is also listed as a member: once
  EXPECT_EQ(
      keys_of(plan.due, MailKind::circulation),
      (std::vector<std::string>{"circulation|permanence|2026-12-15||morgan@fictional.example.org",
                                "circulation|permanence|2026-12-15||ali@fictional.example.org",
                                "circulation|permanence|2026-12-15||panel@fictional.example.org"}));
  EXPECT_EQ(circulation[0].role, "chair");
  EXPECT_EQ(circulation[1].role, "member");
  EXPECT_EQ(circulation[2].role, "submission mailbox");
  EXPECT_FALSE(circulation[0].about.has_value());
  EXPECT_FALSE(circulation[0].late);
  EXPECT_EQ(circulation[0].due_at, parse_instant("2026-12-11T12:00:00Z"));
  EXPECT_EQ(circulation[0].expires_at, parse_instant("2026-12-15T09:30:00Z"));
}

TEST(MailDue, RemindersGoToEachCasesWorkerAndManagerWithTheirSlotAndMissingPapers) {
  const MailPlan plan = plan_at("2026-12-12T09:00:00Z");
  EXPECT_EQ(keys_of(plan.due, MailKind::reminder),
            (std::vector<std::string>{
                "reminder|permanence|2026-12-15|LCS1|sam@fictional.example.org",
                "reminder|permanence|2026-12-15|LCS1|terry@fictional.example.org",
                "reminder|permanence|2026-12-15|LCS2|sam@fictional.example.org",
                "reminder|permanence|2026-12-15|LCS2|terry@fictional.example.org"}));
  const auto& sitting = plan.sittings.at(0);
  ASSERT_EQ(sitting.cases.size(), 2U);
  EXPECT_EQ(sitting.cases[0].slot, "09:30");
  EXPECT_EQ(sitting.cases[1].slot, "10:15");
  EXPECT_EQ(sitting.cases[1].end_time, "11:00");
  EXPECT_EQ(sitting.cases[0].child_id, "C-LCS1");
  EXPECT_EQ(sitting.cases[0].child_initials, "LT");
  EXPECT_TRUE(sitting.cases[0].missing_papers.empty());
  EXPECT_EQ(sitting.cases[1].missing_papers, std::vector<std::string>{"care-plan"});
  const auto reminder = std::find_if(plan.due.begin(), plan.due.end(), [](const DueMail& mail) {
    return mail.kind == MailKind::reminder;
  });
  EXPECT_EQ(reminder->role, "social worker");
  EXPECT_EQ(*reminder->about, 0U);
}

TEST(MailDue, TheBookingsPresentersAreRemindedInsteadOfTheCaseFilesWorkers) {
  json with_presenters = item("LCS1", {"referral"}, json::array());
  with_presenters["presenters"] = {person("Pat Presenter", "pat@fictional.example.org")};
  // At the reminder (Fri 11 Dec 09:00), before the pack and the papers deadline.
  const MailPlan plan = plan_at("2026-12-11T09:00:00Z", {booked("2026-12-15", {with_presenters})});
  EXPECT_EQ(
      keys_of(plan.due, MailKind::reminder),
      std::vector<std::string>{"reminder|permanence|2026-12-15|LCS1|pat@fictional.example.org"});
  EXPECT_EQ(plan.due.back().role, "presenter");
}

TEST(MailDue, MissingPapersGoToTheTeamManagerAtThePapersDeadlineAsReceivedByNow) {
  // The care plan arrives after the deadline: at 17:00 it is missing, by 18:00 it is not.
  const auto sittings = std::vector<BookedSitting>{booked(
      "2026-12-15", {item("LCS1", {"referral"}, {received("referral", "2026-12-09T10:00:00Z")}),
                     item("LCS2", {"referral", "care-plan"},
                          {received("referral", "2026-12-09T10:00:00Z"),
                           received("care-plan", "2026-12-11T17:30:00Z")})})};
  // Due 3 days before, Saturday, moved to Friday 11 December 17:00.
  EXPECT_EQ(keys_of(plan_at("2026-12-11T17:00:00Z", sittings).due, MailKind::papers_missing),
            std::vector<std::string>{
                "papers-missing|permanence|2026-12-15|LCS2|terry@fictional.example.org"});
  EXPECT_TRUE(
      keys_of(plan_at("2026-12-11T18:00:00Z", sittings).due, MailKind::papers_missing).empty());
  EXPECT_TRUE(
      keys_of(plan_at("2026-12-11T16:59:00Z", sittings).due, MailKind::papers_missing).empty());
}

TEST(MailDue, TheMinutesReminderIsAtNineOnTheWorkingDayBeforeTheDeadline) {
  // 22 December 2026: minutes due Thu 31 Dec 17:00 (25 and 28 Dec are bank holidays).
  const auto sittings =
      std::vector<BookedSitting>{booked("2026-12-22", {item("LCS1", {"referral"}, json::array())})};
  const auto moments =
      mail_moments(office().panel("permanence"), sittings[0].sitting, WorkingCalendar{});
  EXPECT_EQ(moments.deadlines.minutes.utc, parse_instant("2026-12-31T17:00:00Z"));
  EXPECT_EQ(moments.minutes_reminder_at, parse_instant("2026-12-30T09:00:00Z"));
  EXPECT_TRUE(
      keys_of(plan_at("2026-12-30T08:59:00Z", sittings).due, MailKind::minutes_due).empty());
  const MailPlan plan = plan_at("2026-12-30T09:00:00Z", sittings);
  EXPECT_EQ(
      keys_of(plan.due, MailKind::minutes_due),
      std::vector<std::string>{"minutes-due|permanence|2026-12-22||robin@fictional.example.org"});
  EXPECT_EQ(plan.due.back().role, "administrator");
  EXPECT_EQ(plan.due.back().expires_at, parse_instant("2026-12-31T17:00:00Z"));
}

TEST(MailDue, MailQueuedWellAfterItsMomentIsLateAndAfterTheSittingItIsPassed) {
  const MailPlan catching_up = plan_at("2026-12-14T10:00:00Z");
  ASSERT_FALSE(catching_up.due.empty());
  EXPECT_TRUE(std::all_of(catching_up.due.begin(), catching_up.due.end(),
                          [](const DueMail& mail) { return mail.late; }));
  const MailPlan on_time = plan_at("2026-12-11T17:10:00Z");
  ASSERT_FALSE(keys_of(on_time.due, MailKind::papers_missing).empty());
  for (const DueMail& mail : on_time.due) {
    EXPECT_EQ(mail.late, mail.kind != MailKind::papers_missing) << mail.key;
  }
  const MailPlan after = plan_at("2026-12-15T09:30:00Z");
  EXPECT_TRUE(after.due.empty());
  EXPECT_EQ(keys_of(after.passed, MailKind::reminder).size(), 4U);
  EXPECT_EQ(keys_of(after.passed, MailKind::circulation).size(), 3U);
  EXPECT_EQ(keys_of(after.passed, MailKind::papers_missing).size(), 1U);
}

TEST(MailDue, MomentsOlderThanTheLookbackAreLeftAlone) {
  // The latest moment of 15 December is the minutes reminder on Mon 21 Dec 09:00.
  EXPECT_FALSE(plan_at("2027-01-04T09:00:00Z").sittings.empty());
  const MailPlan plan = plan_at("2027-01-04T09:00:01Z");
  EXPECT_TRUE(plan.sittings.empty());
  EXPECT_TRUE(plan.due.empty());
  EXPECT_TRUE(plan.passed.empty());
}

TEST(MailDue, CancelledAndEmptySittingsGetNoMail) {
  BookedSitting cancelled = booked("2026-12-15", {item("LCS1", {"referral"}, json::array())});
  cancelled.sitting.cancelled = true;
  EXPECT_TRUE(plan_at("2026-12-12T09:00:00Z", {cancelled}).sittings.empty());
  EXPECT_TRUE(plan_at("2026-12-12T09:00:00Z", {booked("2026-12-15", {})}).sittings.empty());
}

TEST(MailDue, APersonWithoutAnEmailIsAProblemNamedByIdsOnly) {
  auto summaries = cases();
  summaries.erase("LCS1");
  summaries.emplace(
      "LCS1", child("LCS1", "Leah", "Thornbury", workers(nullptr, "terry@fictional.example.org")));
  const MailPlan plan = plan_at("2026-12-12T09:00:00Z", december(), summaries);
  ASSERT_EQ(plan.problems.size(), 1U);
  EXPECT_EQ(plan.problems[0],
            "reminder for permanence 2026-12-15 LCS1: the social worker has no email address");
  EXPECT_EQ(keys_of(plan.due, MailKind::reminder).size(), 3U);
}

TEST(MailDue, ASittingWithAnUnreadableCaseFileGetsNoMailAndSaysSo) {
  auto summaries = cases();
  summaries.erase("LCS2");
  const MailPlan plan = plan_at("2026-12-12T09:00:00Z", december(), summaries);
  EXPECT_TRUE(plan.due.empty());
  ASSERT_EQ(plan.problems.size(), 1U);
  EXPECT_NE(plan.problems[0].find("LCS2"), std::string::npos);
}

TEST(MailDue, KeysNameKindPanelDateCaseAndTheLowerCasedRecipient) {
  EXPECT_EQ(mail_key(MailKind::papers_missing, "aep", CalendarDate::parse("2027-01-11"), "LCS7",
                     "Jo.Bloggs@Fictional.Example.ORG"),
            "papers-missing|aep|2027-01-11|LCS7|jo.bloggs@fictional.example.org");
  const MailPlan plan = plan_at("2026-12-11T09:00:00Z");  // only the reminders are due
  EXPECT_EQ(describe(plan, plan.due.back()), "reminder for permanence 2026-12-15 LCS2");
}

// What the presenters of LCS1 (09:30-10:15) and LCS2 (10:15-11:00) were told at the reminder,
// and the schedule the members had in the pack.
panelpack::panel::SittingNotices told_at_reminder() {
  panelpack::panel::SittingNotices told;
  for (const char* ref : {"LCS1", "LCS2"}) {
    const bool first = std::string(ref) == "LCS1";
    for (const char* email : {"sam@fictional.example.org", "terry@fictional.example.org"}) {
      told.presenters.push_back(
          {ref, "", "Sam", email, first ? "09:30" : "10:15", first ? "10:15" : "11:00", 1, false});
    }
  }
  told.agenda = "LCS1 09:30-10:15, LCS2 10:15-11:00";
  return told;
}

MailPlan plan_with_told(const char* now, const std::vector<BookedSitting>& sittings,
                        const panelpack::panel::SittingNotices& told) {
  static const WorkingCalendar calendar;
  const std::map<std::string, panelpack::panel::SittingNotices> by_sitting{
      {panelpack::panel::sitting_key("permanence", CalendarDate::parse("2026-12-15")), told}};
  static const auto summaries = cases();
  return plan_due_mail(
      {office(), sittings, summaries, calendar, {parse_instant(now)}, &by_sitting});
}

TEST(MailDue, ARemovedCaseMovesTheNextOnesPresentersAndCancelsItsOwnAndTheMembersGetAnAddendum) {
  // LCS1 taken off: LCS2 now 09:30-10:15.
  const std::vector<BookedSitting> after{booked(
      "2026-12-15",
      {item("LCS2", {"referral", "care-plan"}, {received("referral", "2026-12-09T10:00:00Z")})})};
  const MailPlan plan = plan_with_told("2026-12-13T10:00:00Z", after, told_at_reminder());
  EXPECT_EQ(
      keys_of(plan.due, MailKind::correction),
      (std::vector<std::string>{
          "correction|permanence|2026-12-15|LCS2@09:30-10:15#2|sam@fictional.example.org",
          "correction|permanence|2026-12-15|LCS2@09:30-10:15#2|terry@fictional.example.org"}));
  EXPECT_EQ(keys_of(plan.due, MailKind::cancellation),
            (std::vector<std::string>{
                "cancellation|permanence|2026-12-15|LCS1#2|sam@fictional.example.org",
                "cancellation|permanence|2026-12-15|LCS1#2|terry@fictional.example.org"}));
  const auto addenda = keys_of(plan.due, MailKind::addendum);
  ASSERT_EQ(addenda.size(), 3U);  // the chair, the other member, the submission mailbox
  EXPECT_EQ(addenda[0].rfind("addendum|permanence|2026-12-15|agenda#1-", 0), 0U) << addenda[0];
  for (const DueMail& mail : plan.due) {
    if (mail.kind == MailKind::cancellation) {
      EXPECT_EQ(mail.previous.slot, "09:30");
    }
    const bool change = mail.kind == MailKind::correction || mail.kind == MailKind::cancellation ||
                        mail.kind == MailKind::addendum;
    if (change) {
      EXPECT_EQ(mail.due_at, parse_instant("2026-12-13T10:00:00Z"));
    }
  }
}

TEST(MailDue, NothingChangedNothingToTellAndNothingOnceTheSittingStarted) {
  const MailPlan same = plan_with_told("2026-12-13T10:00:00Z", december(), told_at_reminder());
  EXPECT_TRUE(keys_of(same.due, MailKind::correction).empty());
  EXPECT_TRUE(keys_of(same.due, MailKind::cancellation).empty());
  EXPECT_TRUE(keys_of(same.due, MailKind::addendum).empty());
  const std::vector<BookedSitting> after{booked(
      "2026-12-15",
      {item("LCS2", {"referral", "care-plan"}, {received("referral", "2026-12-09T10:00:00Z")})})};
  const MailPlan started = plan_with_told("2026-12-15T09:30:00Z", after, told_at_reminder());
  EXPECT_TRUE(keys_of(started.due, MailKind::correction).empty());
  EXPECT_TRUE(keys_of(started.due, MailKind::cancellation).empty());
}

TEST(MailDue, ASecondMoveIsASecondCorrectionWithItsOwnKey) {
  auto told = told_at_reminder();
  for (auto& notice : told.presenters) {
    if (notice.case_ref == "LCS2") {
      notice.slot = "09:30";
      notice.end_time = "10:15";
      notice.notices = 2;
    }
  }
  // Back in the sample order: LCS2 returns to 10:15.
  const MailPlan plan = plan_with_told("2026-12-13T10:00:00Z", december(), told);
  EXPECT_EQ(
      keys_of(plan.due, MailKind::correction),
      (std::vector<std::string>{
          "correction|permanence|2026-12-15|LCS2@10:15-11:00#3|sam@fictional.example.org",
          "correction|permanence|2026-12-15|LCS2@10:15-11:00#3|terry@fictional.example.org"}));
}

TEST(CaseSummary, InitialsComeFromFirstAndLastNameOrTheWordsOfTheName) {
  const auto initials = [](json child) {
    child["childId"] = "C1";
    return summarise_case({{"caseRef", "C1"}, {"child", child}}).child_initials;
  };
  EXPECT_EQ(initials({{"firstName", "leah"}, {"lastName", "Thornbury"}}), "LT");
  EXPECT_EQ(initials({{"name", "Baby Margerison (unborn)"}}), "BM");
  EXPECT_EQ(initials({{"firstName", "Łucja"}, {"lastName", "Ćwik"}}), "ŁĆ");
  EXPECT_EQ(initials({{"firstName", "\r\nBcc: x"}, {"lastName", "Evans"}}), "BE");
  EXPECT_EQ(initials(json::object()), "");
}

TEST(MailDue, NoMailForASittingOnABankHolidayUntilItIsConfirmed) {
  // Tue 28 Dec 2027 is the Boxing Day substitute; its reminder (Sat 25th) moves to Fri 24th.
  json config = panelpack::testing::office_json();
  const auto plan_for = [&](const OfficeConfig& offices) {
    const std::vector<BookedSitting> sittings{
        {find_sitting(offices.panel("permanence"), CalendarDate::parse("2027-12-28")),
         parse_bookings({{"panel", "permanence"},
                         {"date", "2027-12-28"},
                         {"items",
                          {{{"caseRef", "LCS1"},
                            {"reason", "ratify_plan"},
                            {"paperTypes", {"referral"}}}}}})}};
    const std::map<std::string, CaseSummary> cases{
        {"LCS1", child("LCS1", "Alex", "Fictional",
                       workers("sam@fictional.example.org", "terry@fictional.example.org"))}};
    const WorkingCalendar calendar;
    return plan_due_mail({offices, sittings, cases, calendar,
                          panelpack::panel::MailWindow{parse_instant("2027-12-24T09:05:00Z")}});
  };
  const MailPlan unconfirmed = plan_for(parse_office_config(config));
  EXPECT_TRUE(unconfirmed.due.empty());
  ASSERT_EQ(unconfirmed.problems.size(), 1U);
  EXPECT_NE(unconfirmed.problems[0].find("2027-12-28"), std::string::npos);

  config["panels"][0]["confirmedSittings"] = {{{"date", "2027-12-28"}}};
  const MailPlan confirmed = plan_for(parse_office_config(config));
  EXPECT_EQ(keys_of(confirmed.due, MailKind::reminder).size(), 2U);
  for (const DueMail& mail : confirmed.due) {
    EXPECT_NE(panelpack::panel::utc_to_local(mail.due_at).date, CalendarDate::parse("2027-12-25"))
        << mail.key;
  }
}

// Issue 15: booked on 1 December at 10:00, LCS2 without a bookedAt.
std::vector<BookedSitting> booked_now() {
  return {booked("2026-12-15", {item("LCS1", {"referral"}, json::array(), "2026-12-01T10:00:00Z"),
                                item("LCS2", {"referral"}, json::array(), nullptr)})};
}

TEST(MailDue, AConfirmationGoesToEachPresenterWhenTheCaseIsBookedAndTheMembersAnInvitation) {
  const MailPlan plan = plan_at("2026-12-01T10:05:00Z", booked_now());
  EXPECT_EQ(keys_of(plan.due, MailKind::confirmation),
            (std::vector<std::string>{
                "confirmation|permanence|2026-12-15|LCS1|sam@fictional.example.org",
                "confirmation|permanence|2026-12-15|LCS1|terry@fictional.example.org",
                "confirmation|permanence|2026-12-15|LCS2|sam@fictional.example.org",
                "confirmation|permanence|2026-12-15|LCS2|terry@fictional.example.org"}));
  const auto invitations = keys_of(plan.due, MailKind::invitation);
  ASSERT_EQ(invitations.size(), 2U);  // the chair (also listed as a member) and the other member
  EXPECT_EQ(invitations[0].rfind("invitation|permanence|2026-12-15|sitting#1-", 0), 0U);
  EXPECT_NE(invitations[0].find("|morgan@fictional.example.org"), std::string::npos);
  EXPECT_NE(invitations[1].find("|ali@fictional.example.org"), std::string::npos);
  for (const DueMail& mail : plan.due) {
    if (mail.kind == MailKind::confirmation) {
      // LCS1 at its bookedAt; LCS2, which does not say, at once.
      const bool first = plan.sittings[mail.sitting].cases[*mail.about].case_ref == "LCS1";
      EXPECT_EQ(mail.due_at,
                parse_instant(first ? "2026-12-01T10:00:00Z" : "2026-12-01T10:05:00Z"));
      EXPECT_EQ(mail.notice, 1);
      EXPECT_EQ(mail.expires_at, parse_instant("2026-12-15T09:30:00Z"));
    }
    if (mail.kind == MailKind::invitation) {
      EXPECT_EQ(mail.due_at, parse_instant("2026-12-01T10:00:00Z"));  // the first booking
      EXPECT_EQ(mail.notice, 1);
    }
  }
  ASSERT_EQ(plan.sittings.size(), 1U);
  EXPECT_EQ(plan.sittings[0].end_time, "11:00");  // LCS2's slot ends the sitting
  // Nothing of it before the case was booked (LCS1 alone, so nothing is "at once").
  const std::vector<BookedSitting> one{
      booked("2026-12-15", {item("LCS1", {"referral"}, json::array(), "2026-12-01T10:00:00Z")})};
  EXPECT_TRUE(plan_at("2026-12-01T09:59:00Z", one).due.empty());
}

panelpack::panel::SittingNotices told_with_members(const char* end) {
  auto told = told_at_reminder();
  told.agenda.reset();
  told.members = panelpack::panel::MembersNotice{"09:30", end,   office().panel("permanence").venue,
                                                 1,       false, {}};
  told.members->people = {{"Morgan", "", "", "", "morgan@fictional.example.org", ""},
                          {"Ali", "", "", "", "ali@fictional.example.org", ""}};
  return told;
}

TEST(MailDue, TheMembersInvitationIsUpdatedWhenTheSittingsEndMovesAndOnlyThen) {
  const MailPlan same =
      plan_with_told("2026-12-13T10:00:00Z", december(), told_with_members("11:00"));
  EXPECT_TRUE(keys_of(same.due, MailKind::invitation).empty());
  const MailPlan moved =
      plan_with_told("2026-12-13T10:00:00Z", december(), told_with_members("10:15"));
  const auto updates = keys_of(moved.due, MailKind::invitation);
  ASSERT_EQ(updates.size(), 2U);
  EXPECT_EQ(updates[0].rfind("invitation|permanence|2026-12-15|sitting#2-", 0), 0U);
  for (const DueMail& mail : moved.due) {
    if (mail.kind == MailKind::invitation) EXPECT_EQ(mail.notice, 2);
  }
}

TEST(MailDue, ACancelledSittingCancelsTheMembersInvitationAndTellsPresentersNotYetTold) {
  std::vector<BookedSitting> cancelled{booked("2026-12-15", std::vector<json>{})};
  cancelled[0].sitting.cancelled = true;
  const MailPlan plan =
      plan_with_told("2026-12-13T10:00:00Z", cancelled, told_with_members("11:00"));
  EXPECT_EQ(keys_of(plan.due, MailKind::invitation),
            (std::vector<std::string>{
                "invitation|permanence|2026-12-15|cancelled#2|morgan@fictional.example.org",
                "invitation|permanence|2026-12-15|cancelled#2|ali@fictional.example.org"}));
  EXPECT_EQ(keys_of(plan.due, MailKind::cancellation).size(), 4U);  // two cases, two each
  EXPECT_TRUE(keys_of(plan.due, MailKind::reminder).empty());
  ASSERT_EQ(plan.sittings.size(), 1U);
  EXPECT_TRUE(plan.sittings[0].sitting.cancelled);
  EXPECT_EQ(plan.sittings[0].end_time, "11:00");  // as the members were sent it
}

TEST(SittingNotices, TheMembersInvitationIsWrittenAndReadBackAndOldFilesReadWithoutIt) {
  const auto told = told_with_members("11:00");
  const auto json = told.to_json("permanence", CalendarDate::parse("2026-12-15"));
  EXPECT_EQ(json.at("members").at("end"), "11:00");
  const auto back = panelpack::panel::parse_sitting_notices(json);
  ASSERT_TRUE(back.members.has_value());
  EXPECT_EQ(back.members->start, "09:30");
  EXPECT_EQ(back.members->notices, 1);
  EXPECT_FALSE(back.members->cancelled);
  ASSERT_EQ(back.members->people.size(), 2U);
  EXPECT_TRUE(back.members->has("ALI@fictional.example.org"));
  EXPECT_FALSE(back.members->has("sam@fictional.example.org"));
  auto old = json;
  old.erase("members");
  EXPECT_FALSE(panelpack::panel::parse_sitting_notices(old).members.has_value());
  old["members"] = {{"start", "09:30"}};  // no end
  EXPECT_THROW(panelpack::panel::parse_sitting_notices(old), panelpack::panel::PanelError);
}

}  // namespace

namespace {

// The mail key has one owner: what mail_key writes, parse_mail_key reads back.
TEST(MailKey, AKeyBuiltIsReadBackIntoItsFields) {
  const auto key = mail_key(MailKind::reminder, "permanence", CalendarDate::parse("2026-12-15"),
                            "LCS900101", "Sam.Worker@Fictional.example.org");
  const auto parts = panelpack::panel::parse_mail_key(key);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->kind, panelpack::panel::to_string(MailKind::reminder));
  EXPECT_EQ(parts->panel_id, "permanence");
  EXPECT_EQ(parts->date, "2026-12-15");
  EXPECT_EQ(parts->case_ref, "LCS900101");
  EXPECT_EQ(parts->recipient, "sam.worker@fictional.example.org");
  EXPECT_FALSE(panelpack::panel::parse_mail_key("queued by hand"));
  EXPECT_FALSE(panelpack::panel::parse_mail_key("a|b|c|d|e|f"));
}

}  // namespace
