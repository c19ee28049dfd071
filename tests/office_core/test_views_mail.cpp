// The Mail page's model (office/views/mail_view.hpp) on a copy of the sample office: the
// schedule of the next 14 days as tick will send it, and the outbox in words (kinds, sittings,
// cases and states, never a body) after a tick queued its mail and one row was cancelled.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/mail/outbox_view.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "office/views/mail_view.hpp"
#include "office/views/today_view.hpp"
#include "tick_office.hpp"

namespace {

namespace office = panelpack::office;
namespace panel = panelpack::panel;
using panelpack::testing::TickOffice;

class MailPage : public TickOffice {
 protected:
  // The 8 emails due at 11 Dec 09:00 (test_tick_queue.cpp): 6 reminders, 2 escalations.
  void queue_due(panel::UtcInstant now) {
    const office::Workspace workspace = open();
    panelpack::mailer::Outbox outbox(office::outbox_path(workspace));
    office::TickLog log(office::no_events());
    const panel::MailPlan plan = office::plan_tick(workspace, now, log);
    const office::TickQueueInputs inputs{
        workspace, office::mail_config(workspace), plan, {}, std::nullopt, now, false};
    ASSERT_EQ(office::queue_due_mail(inputs, outbox, log), 8U);
  }
};

// A relay that answers every message with one reply.
class AnsweringRelay final : public panelpack::mailer::Transport {
 public:
  explicit AnsweringRelay(panelpack::mailer::SendResult answer) : answer_(std::move(answer)) {}
  panelpack::mailer::SendResult send(const panelpack::mailer::Message&, const std::string&,
                                     const std::string&) override {
    return answer_;
  }

 private:
  panelpack::mailer::SendResult answer_;
};

std::string schedule_line(const office::ScheduledMail& mail) {
  return mail.due_at.date.iso() + " " + mail.due_at.time.text() + " " + mail.kind + " " +
         mail.panel_id + " " + mail.sitting.iso() + " " + mail.case_ref + " x" +
         std::to_string(mail.recipients);
}

TEST_F(MailPage, TheNextFourteenDaysAreScheduledByKindSittingCaseAndMoment) {
  const office::MailView view = office::mail_view(open(), at("2026-12-05T09:00:00Z"));
  EXPECT_FALSE(view.outbox_exists);
  EXPECT_TRUE(view.outbox.empty());
  std::vector<std::string> lines;
  for (const office::ScheduledMail& mail : view.schedule) lines.push_back(schedule_line(mail));
  // The referral of LCS900111 is on file as received 16 December, before its deadline: no
  // escalation is scheduled for the 22 December sitting.
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "2026-12-10 17:00 papers-missing permanence 2026-12-15 LCS900108 x1",
                       "2026-12-11 09:00 reminder permanence 2026-12-15 LCS900102 x2",
                       "2026-12-11 09:00 reminder permanence 2026-12-15 LCS900103 x2",
                       "2026-12-11 09:00 reminder permanence 2026-12-15 LCS900108 x2",
                       "2026-12-11 12:00 circulation permanence 2026-12-15  x6",
                       "2026-12-14 09:00 minutes-due permanence 2026-12-08  x1",
                       "2026-12-18 09:00 reminder permanence 2026-12-22 LCS900111 x2",
                       "2026-12-18 12:00 circulation permanence 2026-12-22  x6",
                   }));
  EXPECT_EQ(view.schedule[4].kind_words, "Pack circulated to the panel");
  const auto json = office::to_json(view);
  EXPECT_EQ(json.at("schedule")[0].at("dueAt"), "2026-12-10T17:00:00+00:00");
  EXPECT_EQ(json.at("schedule").size(), 8U);
}

TEST_F(MailPage, MailAlreadyDueIsNotScheduledAgain) {
  // From 11 December 12:30 the reminders and the circulation of the 15th have gone.
  const office::MailView view = office::mail_view(open(), at("2026-12-11T12:30:00Z"));
  ASSERT_FALSE(view.schedule.empty());
  EXPECT_EQ(schedule_line(view.schedule.front()),
            "2026-12-14 09:00 minutes-due permanence 2026-12-08  x1");
}

TEST_F(MailPage, TheOutboxIsShownInWordsWithItsStatesAndNoContent) {
  queue_due(at("2026-12-11T09:00:00Z"));
  const office::Workspace workspace = open();
  office::change_outbox(workspace, {office::OutboxAction::cancel, std::nullopt, "papers-missing|"},
                        at("2026-12-11T09:01:00Z"));
  const office::MailView view = office::mail_view(workspace, at("2026-12-11T09:02:00Z"));
  EXPECT_TRUE(view.outbox_exists);
  ASSERT_EQ(view.outbox.size(), 8U);
  std::size_t reminders = 0, cancelled = 0;
  for (const office::OutboxLine& line : view.outbox) {
    EXPECT_FALSE(line.recipient.empty());
    EXPECT_EQ(line.panel_id, "permanence") << line.id;
    ASSERT_TRUE(line.sitting.has_value());
    if (line.kind == "reminder") {
      ++reminders;
      EXPECT_EQ(line.status, office::MailStatus::waiting);
      EXPECT_EQ(line.status_words, "waiting");
      EXPECT_EQ(line.kind_words, "Reminder to a presenter");
      EXPECT_EQ(line.case_ref.rfind("LCS9001", 0), 0U) << line.case_ref;
    } else {
      EXPECT_EQ(line.kind, "papers-missing");
      EXPECT_EQ(line.status, office::MailStatus::cancelled);
      ++cancelled;
    }
  }
  EXPECT_EQ(reminders, 6U);
  EXPECT_EQ(cancelled, 2U);
  EXPECT_GT(view.outbox.front().id, view.outbox.back().id);  // newest first
  const auto json = office::to_json(view.outbox.front());
  EXPECT_FALSE(json.contains("subject"));
  EXPECT_FALSE(json.contains("body"));
}

TEST_F(MailPage, DeliveredAndFailedRowsSayHowTheRelayAnsweredAndTodayShowsWhatWasSent) {
  using panelpack::mailer::SendResult;
  queue_due(at("2026-12-11T09:00:00Z"));
  {
    const office::Workspace workspace = open();
    panelpack::mailer::Outbox outbox(office::outbox_path(workspace));
    AnsweringRelay accepting({SendResult::Outcome::delivered, 250, "2.0.0 Ok: queued", false});
    AnsweringRelay refusing(
        {SendResult::Outcome::permanent_failure, 550, "5.1.1 no such user", false});
    const auto sent_at = std::chrono::system_clock::time_point(at("2026-12-11T09:05:00Z"));
    ASSERT_EQ(outbox.drain(accepting, sent_at, 3).delivered, 3U);
    ASSERT_EQ(outbox.drain(refusing, sent_at).failed_permanent, 5U);
  }
  const office::Workspace workspace = open();
  const office::MailView view = office::mail_view(workspace, at("2026-12-11T10:00:00Z"));
  std::size_t delivered = 0, failed = 0;
  for (const office::OutboxLine& line : view.outbox) {
    if (line.status == office::MailStatus::delivered) {
      ++delivered;
      EXPECT_EQ(line.status_words, "delivered");
      EXPECT_EQ(line.reply_words, "250 2.0.0 Ok: queued");
      ASSERT_TRUE(line.sent_at.has_value());
      EXPECT_EQ(line.sent_at->iso8601(), "2026-12-11T09:05:00+00:00");
    } else {
      ++failed;
      EXPECT_EQ(line.status, office::MailStatus::failed);
      EXPECT_EQ(line.status_words, "failed");
      EXPECT_EQ(line.reply_words, "550 5.1.1 no such user");
    }
  }
  EXPECT_EQ(delivered, 3U);
  EXPECT_EQ(failed, 5U);

  const office::TodayView today = office::today(workspace, at("2026-12-11T10:00:00Z"));
  EXPECT_EQ(today.sent_today.size(), 3U);
  EXPECT_TRUE(today.waiting_in_outbox.empty());
  // The circulation of the 15 December pack is due at 12:00 today.
  ASSERT_EQ(today.sending_today.size(), 1U);
  EXPECT_EQ(today.sending_today[0].kind, "circulation");
  EXPECT_EQ(today.sending_today[0].recipients, 6U);
}

}  // namespace
