// An addendum sent by hand (office/tick/sitting_addendum.hpp): after the pack of the sample's
// 15 December sitting was circulated and a case taken off, the members' new agenda is built in
// packs/permanence/2026-12-15-addendum-1/ and queued to the chair, members and submission
// mailbox under tick's own keys; the notices record says they have it, so pressing twice and
// the next tick queue no addendum again. Refused with words before the circulation, when
// nothing changed, once the sitting started; busy while a tick runs.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting/booking.hpp"
#include "office/tick/sitting_addendum.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "tick_office.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
namespace panel = panelpack::panel;
using panelpack::mailer::Outbox;
using panelpack::mailer::OutboxRow;
using panelpack::office::OfficeError;
using panelpack::testing::RecordedEvents;
using panelpack::testing::TickOffice;

const panel::CalendarDate kSitting(2026, 12, 15);

// What a real tick does before it drains the outbox (run_tick.cpp's send): plans what is due,
// queues it and records what people were told. Returns how many rows it queued.
std::size_t tick_queue(const office::Workspace& workspace, panel::UtcInstant now) {
  RecordedEvents events;
  office::TickLog log(events);
  const panel::MailPlan plan = office::plan_tick(workspace, now, log);
  Outbox outbox(office::outbox_path(workspace));
  std::set<std::string> done;
  for (const OutboxRow& row : outbox.list()) done.insert(row.idempotency_key);
  const office::TickQueueInputs inputs{
      workspace, office::mail_config(workspace), plan, done, std::nullopt, now, false};
  const std::size_t queued = office::queue_due_mail(inputs, outbox, log);
  done.clear();
  for (const OutboxRow& row : outbox.list()) done.insert(row.idempotency_key);
  EXPECT_TRUE(office::record_notices(workspace, plan, done).empty());
  return queued;
}

std::vector<OutboxRow> addendum_rows(const office::Workspace& workspace) {
  const Outbox outbox(office::outbox_path(workspace));
  return outbox.list({std::nullopt, "addendum|permanence|2026-12-15|"});
}

office::AddendumRequest request_at(const char* utc) {
  return {"permanence", kSitting, panel::parse_instant(utc), nullptr};
}

// Expects `call` to throw an OfficeError of `code` whose words contain `words`.
template <typename Call>
void expect_refusal(Call call, OfficeError::Code code, const std::string& words) {
  try {
    call();
    ADD_FAILURE() << "not refused; expected: " << words;
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), code);
    EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
  }
}

class SittingAddendum : public TickOffice {
 protected:
  // The pack circulated at its deadline (Friday 11 December 15:00), then LCS900102 taken off.
  void circulate_then_change() {
    const office::Workspace workspace = open();
    ASSERT_GT(tick_queue(workspace, at("2026-12-11T15:00:00Z")), 0U);
    const auto told = office::read_sitting_notices(workspace, "permanence", kSitting);
    ASSERT_TRUE(told && told->agenda);
    const office::BookingResult removed = office::remove_case(
        workspace, {{"permanence", kSitting}, "LCS900102", at("2026-12-11T16:00:00Z")});
    ASSERT_TRUE(removed.done()) << removed.message;
  }
};

TEST_F(SittingAddendum, IsQueuedToTheMembersUnderTicksKeysWithTheNewAgendaAndRecorded) {
  circulate_then_change();
  const office::Workspace workspace = open();
  const office::DueAddendum due =
      office::due_addendum(workspace, "permanence", kSitting, at("2026-12-11T16:05:00Z"));
  EXPECT_EQ(due.number, 1);
  EXPECT_EQ(due.changes,
            "LCS900102 taken off; LCS900103 moved from 10:30-11:00 to 09:30-10:00; "
            "LCS900108 moved from 11:15-12:00 to 10:00-10:45");

  const office::AddendumOutcome outcome =
      office::send_addendum(workspace, request_at("2026-12-11T16:05:00Z"));
  ASSERT_FALSE(outcome.busy());
  const office::AddendumSent& sent = *outcome.sent;
  EXPECT_EQ(sent.number, 1);
  EXPECT_TRUE(sent.problems.empty());
  EXPECT_EQ(sent.folder, root() / "packs" / "permanence" / "2026-12-15-addendum-1");
  EXPECT_TRUE(fs::is_regular_file(sent.folder / "manifest.json"));
  EXPECT_TRUE(fs::is_regular_file(sent.folder / "permanence-2026-12-15-addendum-1.zip"));

  // One row per recipient of the circulation, under the key tick would give it.
  const auto rows = addendum_rows(workspace);
  ASSERT_EQ(rows.size(), due.recipients);
  ASSERT_EQ(sent.emails.size(), rows.size());
  std::set<std::string> recipients;
  for (const OutboxRow& row : rows) {
    EXPECT_TRUE(row.idempotency_key.starts_with("addendum|permanence|2026-12-15|agenda#1-"))
        << row.idempotency_key;
    recipients.insert(row.recipient);
  }
  const Outbox outbox(office::outbox_path(workspace));
  std::set<std::string> circulated;
  for (const OutboxRow& row : outbox.list({std::nullopt, "circulation|permanence|2026-12-15|"})) {
    circulated.insert(row.recipient);
  }
  EXPECT_EQ(recipients, circulated);
  const auto told = office::read_sitting_notices(workspace, "permanence", kSitting);
  ASSERT_TRUE(told.has_value());
  EXPECT_EQ(told->addenda, 1);
  EXPECT_EQ(*told->agenda, "LCS900103 09:30-10:00, LCS900108 10:00-10:45");
}

TEST_F(SittingAddendum, PressingTwiceAndTheNextTickQueueNoAddendumAgain) {
  circulate_then_change();
  const office::Workspace workspace = open();
  ASSERT_FALSE(office::send_addendum(workspace, request_at("2026-12-11T16:05:00Z")).busy());
  const std::size_t rows = addendum_rows(workspace).size();
  ASSERT_GT(rows, 0U);

  expect_refusal([&] { office::send_addendum(workspace, request_at("2026-12-11T16:06:00Z")); },
                 OfficeError::Code::bad_input, "is still the sitting's agenda");
  // The next tick sends the presenters their corrections and cancellation, the members nothing.
  EXPECT_GT(tick_queue(workspace, at("2026-12-11T16:10:00Z")), 0U);
  EXPECT_EQ(addendum_rows(workspace).size(), rows);
  EXPECT_FALSE(fs::exists(root() / "packs" / "permanence" / "2026-12-15-addendum-2"));
  EXPECT_EQ(office::read_sitting_notices(workspace, "permanence", kSitting)->addenda, 1);
}

TEST_F(SittingAddendum, ASecondChangeIsASecondAddendum) {
  circulate_then_change();
  const office::Workspace workspace = open();
  ASSERT_FALSE(office::send_addendum(workspace, request_at("2026-12-11T16:05:00Z")).busy());
  const office::BookingResult removed = office::remove_case(
      workspace, {{"permanence", kSitting}, "LCS900108", at("2026-12-11T16:20:00Z")});
  ASSERT_TRUE(removed.done()) << removed.message;
  const office::AddendumOutcome second =
      office::send_addendum(workspace, request_at("2026-12-11T16:25:00Z"));
  ASSERT_FALSE(second.busy());
  EXPECT_EQ(second.sent->number, 2);
  EXPECT_EQ(second.sent->changes, "LCS900108 taken off");
  EXPECT_TRUE(fs::is_directory(root() / "packs" / "permanence" / "2026-12-15-addendum-2"));
  EXPECT_EQ(addendum_rows(workspace).size(), 2 * second.sent->emails.size());
}

TEST_F(SittingAddendum, IsRefusedWithWordsBeforeTheCirculationWhenUnchangedAndOnceStarted) {
  const office::Workspace workspace = open();
  expect_refusal([&] { office::send_addendum(workspace, request_at("2026-12-10T09:00:00Z")); },
                 OfficeError::Code::bad_input, "was not circulated yet");
  ASSERT_GT(tick_queue(workspace, at("2026-12-11T15:00:00Z")), 0U);
  expect_refusal([&] { office::send_addendum(workspace, request_at("2026-12-11T15:05:00Z")); },
                 OfficeError::Code::bad_input, "no case was added, taken off or moved");
  const office::BookingResult removed = office::remove_case(
      workspace, {{"permanence", kSitting}, "LCS900102", at("2026-12-11T16:00:00Z")});
  ASSERT_TRUE(removed.done()) << removed.message;
  expect_refusal([&] { office::send_addendum(workspace, request_at("2026-12-15T09:45:00Z")); },
                 OfficeError::Code::bad_input, "started at 09:30");
  expect_refusal(
      [&] {
        office::send_addendum(workspace, {"permanence", panel::CalendarDate(2026, 12, 16),
                                          at("2026-12-11T16:05:00Z"), nullptr});
      },
      OfficeError::Code::bad_input, "permanence has no sitting on 2026-12-16");
  EXPECT_TRUE(addendum_rows(workspace).empty());
}

TEST_F(SittingAddendum, IsBusyWhileATickRunsAndQueuesNothing) {
  circulate_then_change();
  const office::Workspace workspace = open();
  const auto tick_lock = office::FileLock::try_take(office::tick_lock_path(workspace));
  ASSERT_TRUE(tick_lock.has_value());
  const office::AddendumOutcome outcome =
      office::send_addendum(workspace, request_at("2026-12-11T16:05:00Z"));
  EXPECT_TRUE(outcome.busy());
  EXPECT_EQ(outcome.busy_lock, office::tick_lock_path(workspace));
  EXPECT_TRUE(addendum_rows(workspace).empty());
  EXPECT_EQ(office::read_sitting_notices(workspace, "permanence", kSitting)->addenda, 0);
}

}  // namespace
