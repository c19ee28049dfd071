// The outbox as its administrator sees and changes it, through office/mail/outbox_view alone:
// listing (whole, by key, one row), cancelling by key prefix, and what retry refuses.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/error.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/mail/outbox_view.hpp"
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
using panelpack::office::OfficeError;
using panelpack::testing::TickOffice;

class OutboxView : public TickOffice {
 protected:
  // The 8 emails due at 11 Dec 09:00 (test_tick_queue.cpp): 6 reminders, 2 escalations.
  void queue_due() {
    const office::Workspace workspace = open();
    Outbox outbox(office::outbox_path(workspace));
    office::TickLog log(office::no_events());
    const panel::MailPlan plan = office::plan_tick(workspace, now, log);
    const office::TickQueueInputs inputs{
        workspace, office::mail_config(workspace), plan, {}, std::nullopt, now, false};
    ASSERT_EQ(office::queue_due_mail(inputs, outbox, log), 8U);
  }
  const panel::UtcInstant now = at("2026-12-11T09:00:00Z");
};

TEST_F(OutboxView, AnOfficeNoTickRanInHasAnEmptyOutboxAndNoFileIsMade) {
  const office::Workspace workspace = open();
  const office::OutboxListing listing = office::list_outbox(workspace, {});
  EXPECT_FALSE(listing.exists);
  EXPECT_TRUE(listing.rows.empty());
  EXPECT_EQ(listing.path, office::outbox_path(workspace));
  EXPECT_FALSE(fs::exists(listing.path));
  try {
    office::change_outbox(workspace, {office::OutboxAction::cancel, 1, std::nullopt}, now);
    FAIL() << "cancelled a row of an outbox that does not exist";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  }
}

TEST_F(OutboxView, ListsByKeyPrefixAndCountsEveryState) {
  queue_due();
  const office::Workspace workspace = open();
  const office::OutboxListing all = office::list_outbox(workspace, {});
  EXPECT_TRUE(all.exists);
  EXPECT_EQ(all.rows.size(), 8U);
  EXPECT_EQ(all.counts.at(OutboxState::queued), 8U);
  EXPECT_EQ(all.counts.at(OutboxState::sent), 0U);
  for (const OutboxRow& row : all.rows) EXPECT_EQ(office::doubt_note(row), "") << row.id;

  const office::OutboxListing reminders =
      office::list_outbox(workspace, {std::nullopt, "reminder|", std::nullopt});
  EXPECT_EQ(reminders.rows.size(), 6U);
  const auto json = office::to_json(reminders, false);
  EXPECT_EQ(json.at("rows").size(), 6U);
  EXPECT_EQ(json.at("counts").at("queued"), 8);
  EXPECT_EQ(json.at("rows")[0].at("state"), "queued");
  EXPECT_EQ(json.at("rows")[0].at("mayBeDuplicate"), false);
}

TEST_F(OutboxView, OneRowComesWithItsAttemptsAndAMissingOneIsBadInput) {
  queue_due();
  const office::Workspace workspace = open();
  const office::OutboxListing one = office::list_outbox(workspace, {std::nullopt, "", 3});
  ASSERT_EQ(one.rows.size(), 1U);
  EXPECT_EQ(one.rows[0].id, 3);
  EXPECT_TRUE(one.attempts.empty()) << "nothing was tried yet";
  EXPECT_EQ(office::to_json(one, true).at("rows")[0].at("audit").size(), 0U);
  try {
    office::list_outbox(workspace, {std::nullopt, "", 99});
    FAIL() << "listed a row that is not there";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_EQ(error.where().file, office::outbox_path(workspace).string());
  }
}

TEST_F(OutboxView, CancelByKeyPrefixCancelsOnlyThoseRowsAndRetryRefusesAQueuedRow) {
  queue_due();
  const office::Workspace workspace = open();
  const office::OutboxChanged cancelled = office::change_outbox(
      workspace, {office::OutboxAction::cancel, std::nullopt, "papers-missing|"}, now);
  EXPECT_EQ(cancelled.ids.size(), 2U);
  const office::OutboxListing after = office::list_outbox(workspace, {});
  EXPECT_EQ(after.counts.at(OutboxState::cancelled), 2U);
  EXPECT_EQ(after.counts.at(OutboxState::queued), 6U);
  for (const OutboxRow& row : after.rows) {
    const bool escalation = row.idempotency_key.starts_with("papers-missing|");
    EXPECT_EQ(row.state, escalation ? OutboxState::cancelled : OutboxState::queued) << row.id;
  }

  const auto queued = std::find_if(after.rows.begin(), after.rows.end(), [](const OutboxRow& row) {
    return row.state == OutboxState::queued;
  });
  ASSERT_NE(queued, after.rows.end());
  const std::int64_t queued_row = queued->id;
  try {
    office::change_outbox(workspace, {office::OutboxAction::retry, queued_row, std::nullopt}, now);
    FAIL() << "retried a row that had not failed";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  }
  // retry --all: nothing has failed, so nothing changes.
  EXPECT_TRUE(office::change_outbox(workspace, {}, now).ids.empty());
}

}  // namespace
