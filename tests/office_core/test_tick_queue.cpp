// The first half of a tick through office/ alone: what is due read from the sample office,
// queued group by group under keys that make queueing idempotent, and said as events.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "panel/mail_due.hpp"
#include "tick_office.hpp"

namespace {

using panelpack::mailer::Outbox;
using panelpack::mailer::OutboxRow;
using panelpack::office::OfficeError;
using Kind = panelpack::office::OfficeEvent::Kind;
using panelpack::testing::RecordedEvents;
using panelpack::testing::TickOffice;
namespace office = panelpack::office;
namespace panel = panelpack::panel;

std::set<std::string> keys_in(const Outbox& outbox) {
  std::set<std::string> keys;
  for (const OutboxRow& row : outbox.list()) keys.insert(row.idempotency_key);
  return keys;
}

// Plans and queues what is due at `now` into `outbox`, as a real (not dry) tick does.
std::size_t queue(const office::Workspace& workspace, panel::UtcInstant now, Outbox& outbox,
                  const std::set<std::string>& done, RecordedEvents& events) {
  office::TickLog log(events);
  const panel::MailPlan plan = office::plan_tick(workspace, now, log);
  const office::TickQueueInputs inputs{
      workspace, office::mail_config(workspace), plan, done, std::nullopt, now, false};
  return office::queue_due_mail(inputs, outbox, log);
}

class TickQueue : public TickOffice {};

TEST_F(TickQueue, DueMailIsQueuedOneGroupPerKindSittingAndCaseUnderParsableKeys) {
  const office::Workspace workspace = open();
  Outbox outbox(office::outbox_path(workspace));
  RecordedEvents events;
  // 11 Dec 09:00: the reminders of the 15 December sitting (a social worker and a team
  // manager for each of three cases), and the escalations of LCS900102's and LCS900108's
  // missing papers to their team managers, late since 10 Dec 17:00.
  const std::size_t queued = queue(workspace, at("2026-12-11T09:00:00Z"), outbox, {}, events);

  EXPECT_EQ(queued, 8U);
  EXPECT_EQ(events.subjects(Kind::mail_queued),
            (std::vector<std::string>{"papers-missing for permanence 2026-12-15 LCS900102",
                                      "papers-missing for permanence 2026-12-15 LCS900108",
                                      "reminder for permanence 2026-12-15 LCS900102",
                                      "reminder for permanence 2026-12-15 LCS900103",
                                      "reminder for permanence 2026-12-15 LCS900108"}));
  EXPECT_EQ(events.subjects(Kind::note),
            (std::vector<std::string>{"papers-missing for permanence 2026-12-15 LCS900102",
                                      "papers-missing for permanence 2026-12-15 LCS900108"}))
      << "the late escalations are said to be catching up";
  EXPECT_EQ(events.count(Kind::problem), 0U);

  const std::vector<OutboxRow> rows = outbox.list();
  ASSERT_EQ(rows.size(), 8U);
  std::set<std::string> recipients_of_102;
  for (const OutboxRow& row : rows) {
    const auto key = panel::parse_mail_key(row.idempotency_key);
    ASSERT_TRUE(key) << row.idempotency_key;
    EXPECT_EQ(key->panel_id, "permanence");
    EXPECT_EQ(key->date, "2026-12-15");
    EXPECT_TRUE(key->kind == "reminder" || key->kind == "papers-missing") << key->kind;
    EXPECT_EQ(office::describe_key(row.idempotency_key),
              key->kind + " for permanence 2026-12-15 " + key->case_ref);
    if (key->kind == "reminder" && key->case_ref == "LCS900102") {
      recipients_of_102.insert(key->recipient);
    }
  }
  EXPECT_EQ(recipients_of_102, (std::set<std::string>{"hannah.westerby@northbridge.example.org",
                                                      "joanna.pellow@northbridge.example.org"}));
  EXPECT_EQ(keys_in(outbox).size(), 8U) << "every row has a key of its own";
}

TEST_F(TickQueue, QueueingTheSameMomentTwiceQueuesNothingNew) {
  const office::Workspace workspace = open();
  Outbox outbox(office::outbox_path(workspace));
  RecordedEvents first;
  ASSERT_EQ(queue(workspace, at("2026-12-11T09:00:00Z"), outbox, {}, first), 8U);
  const std::set<std::string> keys = keys_in(outbox);

  // As the next tick sees it: the outbox's keys are done.
  RecordedEvents again;
  EXPECT_EQ(queue(workspace, at("2026-12-11T09:05:00Z"), outbox, keys, again), 0U);
  EXPECT_EQ(again.count(Kind::mail_queued), 0U);
  // Even told nothing is done, the outbox refuses a key it holds: still nothing new.
  RecordedEvents blind;
  EXPECT_EQ(queue(workspace, at("2026-12-11T09:05:00Z"), outbox, {}, blind), 0U);
  EXPECT_EQ(blind.count(Kind::mail_queued), 0U);
  EXPECT_EQ(keys_in(outbox), keys);
}

TEST_F(TickQueue, AnUnreadableCaseIsABadInputProblemNamingTheCaseAndHoldsItsSittingsMail) {
  std::ofstream(root() / "cases" / "LCS900108.json") << "{ not json";
  const office::Workspace workspace = open();
  Outbox outbox(office::outbox_path(workspace));
  RecordedEvents events;
  office::TickLog log(events);
  const panel::UtcInstant now = at("2026-12-11T09:00:00Z");
  const panel::MailPlan plan = office::plan_tick(workspace, now, log);
  const office::TickQueueInputs inputs{
      workspace, office::mail_config(workspace), plan, {}, std::nullopt, now, false};
  office::queue_due_mail(inputs, outbox, log);

  ASSERT_TRUE(log.worst_problem());
  EXPECT_EQ(*log.worst_problem(), OfficeError::Code::bad_input);
  bool named = false;
  for (const auto& event : events.events) {
    if (event.kind != Kind::problem) continue;
    EXPECT_EQ(event.code, OfficeError::Code::bad_input);
    named = named || event.subject == "LCS900108";
  }
  EXPECT_TRUE(named) << "a problem names the case by its reference";
  // Its sitting's mail waits until the file is mended; the other sitting's is still said.
  EXPECT_EQ(events.count(Kind::mail_queued), 0U);
  EXPECT_TRUE(outbox.list().empty());
  EXPECT_EQ(events.count(Kind::mail_skipped), 3U);
}

}  // namespace
