// A whole tick through office::run_tick: busy as a result when another tick holds the lock,
// and the dry run, which writes .eml files and leaves the outbox, packs/ and the tick's state
// alone. (Real sending is tested end to end against an SMTP server in tests/tick/.)

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mailer/outbox.hpp"
#include "office/file_lock.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/tick/run_tick.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "tick_office.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
namespace panel = panelpack::panel;
using panelpack::mailer::Outbox;
using panelpack::mailer::OutboxRow;
using panelpack::mailer::OutboxState;
using Kind = panelpack::office::OfficeEvent::Kind;
using panelpack::testing::RecordedEvents;
using panelpack::testing::TickOffice;

std::vector<fs::path> emls_in(const fs::path& folder) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".eml") found.push_back(entry.path());
  }
  return found;
}

class RunTick : public TickOffice {};

TEST_F(RunTick, ATickWhileAnotherHoldsTheLockIsBusyAndDoesNothing) {
  const office::Workspace workspace = open();
  const auto held = office::FileLock::try_take(office::tick_lock_path(workspace));
  ASSERT_TRUE(held);
  RecordedEvents events;
  const office::TickResult result =
      office::run_tick(workspace, {at("2026-12-11T09:00:00Z"), false}, events);

  EXPECT_TRUE(result.busy);
  EXPECT_EQ(result.lock, office::tick_lock_path(workspace));
  EXPECT_EQ(result.queued, 0U);
  EXPECT_FALSE(result.worst_problem);
  EXPECT_TRUE(events.events.empty());
  EXPECT_FALSE(fs::exists(office::outbox_path(workspace)));
  EXPECT_FALSE(fs::exists(office::tick_state_path(workspace)));
}

TEST_F(RunTick, ADryRunWritesEmlFilesAndCreatesNoOutboxNorState) {
  const office::Workspace workspace = open();
  RecordedEvents events;
  const office::TickResult result =
      office::run_tick(workspace, {at("2026-12-10T17:00:00Z"), true}, events);

  EXPECT_FALSE(result.busy);
  EXPECT_EQ(result.queued, 2U);
  EXPECT_EQ(result.drained.written, 2U);
  EXPECT_EQ(result.drained.sent, 0U);
  EXPECT_FALSE(result.worst_problem);
  EXPECT_EQ(events.subjects(Kind::mail_queued),
            (std::vector<std::string>{"papers-missing for permanence 2026-12-15 LCS900102",
                                      "papers-missing for permanence 2026-12-15 LCS900108"}));
  // The 8 December sitting's reminders and circulation passed before any tick ran.
  EXPECT_EQ(events.subjects(Kind::mail_skipped),
            (std::vector<std::string>{"circulation for permanence 2026-12-08",
                                      "reminder for permanence 2026-12-08 LCS900101",
                                      "reminder for permanence 2026-12-08 LCS900112"}));
  EXPECT_EQ(events.count(Kind::mail_sent), 0U);
  EXPECT_EQ(events.count(Kind::problem), 0U);

  EXPECT_EQ(emls_in(office::dry_run_folder(workspace)).size(), 2U);
  EXPECT_FALSE(fs::exists(office::outbox_path(workspace)));
  EXPECT_FALSE(fs::exists(office::tick_state_path(workspace)));
  EXPECT_FALSE(fs::exists(office::dry_run_folder(workspace) / ".dry-run.db"));
}

TEST_F(RunTick, ADryRunLeavesTheOfficesOutboxAsItWas) {
  const office::Workspace workspace = open();
  const panel::UtcInstant now = at("2026-12-10T17:00:00Z");
  std::vector<OutboxRow> before;
  {
    // Queued by an earlier tick that could not send.
    Outbox outbox(office::outbox_path(workspace));
    office::TickLog log(office::no_events());
    const panel::MailPlan plan = office::plan_tick(workspace, now, log);
    const office::TickQueueInputs inputs{
        workspace, office::mail_config(workspace), plan, {}, std::nullopt, now, false};
    ASSERT_EQ(office::queue_due_mail(inputs, outbox, log), 2U);
    before = outbox.list();
  }
  RecordedEvents events;
  const office::TickResult result =
      office::run_tick(workspace, {at("2026-12-10T17:05:00Z"), true}, events);

  EXPECT_EQ(result.queued, 0U) << "what the outbox holds is not queued again";
  EXPECT_EQ(result.drained.written, 2U) << "the outbox's waiting rows are written out";
  EXPECT_EQ(events.count(Kind::mail_queued), 0U);
  const std::vector<OutboxRow> after =
      Outbox::open_read_only(office::outbox_path(workspace)).list();
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].idempotency_key, before[i].idempotency_key);
    EXPECT_EQ(after[i].state, OutboxState::queued);
    EXPECT_EQ(after[i].attempts, 0);
  }
  EXPECT_FALSE(fs::exists(office::tick_state_path(workspace)));
}

TEST_F(RunTick, AnOfficeWithoutAMailSectionIsBadInputBeforeAnythingHappens) {
  {
    auto json = nlohmann::json::parse(std::ifstream(root() / "office.json"));
    json.erase("mail");
    std::ofstream(root() / "office.json") << json.dump(2);
  }
  const office::Workspace workspace = open();
  RecordedEvents events;
  try {
    office::run_tick(workspace, {at("2026-12-10T17:00:00Z"), false}, events);
    FAIL() << "ticked an office with no mail section";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::bad_input);
  }
  EXPECT_TRUE(events.events.empty());
  EXPECT_FALSE(fs::exists(office::outbox_path(workspace)));
}

}  // namespace
