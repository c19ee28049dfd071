#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "mailer/stored_message.hpp"
#include "support/temporary_folder.hpp"

namespace fs = std::filesystem;
namespace mailer = panelpack::mailer;
using std::chrono::hours;
using std::chrono::minutes;
using Outcome = mailer::SendResult::Outcome;

namespace {

// Tuesday 15 December 2026, 09:00 UTC: the simulated clock's start.
const mailer::TimePoint kStart{std::chrono::seconds(1797325200)};

using panelpack::testing::TemporaryFolder;

// What the transport was given for one send; attachment bytes read during the send.
struct SentCopy {
  mailer::Message message;
  std::string envelope_from;
  std::string recipient;
  std::vector<std::string> attachment_bytes;
};

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string bytes;
  char chunk[4096];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  return bytes;
}

// A transport whose answer for each send is chosen by the test.
class ScriptedTransport final : public mailer::Transport {
 public:
  using Script = std::function<mailer::SendResult(const std::string& recipient)>;
  explicit ScriptedTransport(Script script = {}) : script_(std::move(script)) {}
  mailer::SendResult send(const mailer::Message& message, const std::string& envelope_from,
                          const std::string& recipient) override {
    SentCopy copy{message, envelope_from, recipient, {}};
    for (const mailer::Attachment& attachment : message.attachments) {
      copy.attachment_bytes.push_back(read_bytes(attachment.file));
    }
    sent.push_back(std::move(copy));
    if (script_) return script_(recipient);
    return {Outcome::delivered, 250, "250 OK"};
  }
  std::vector<SentCopy> sent;

 private:
  Script script_;
};

mailer::SendResult reply(Outcome outcome, int code) {
  return {outcome, code, std::to_string(code) + " test reply"};
}

mailer::Message reminder(const std::string& subject = "Reminder") {
  mailer::Message message;
  message.from = {"Panel Office", "panel@council.example.org"};
  message.subject = subject;
  message.text = "Your slot is at 10:00.";
  return message;
}

struct OutboxTest : ::testing::Test {
  TemporaryFolder folder;
  fs::path database = folder.path() / "outbox.sqlite";
  const std::vector<std::string> allowed = {"example.org"};

  mailer::QueueResult queue(mailer::Outbox& outbox, const std::string& key,
                            const std::string& email, mailer::Message message = reminder(),
                            mailer::TimePoint now = kStart) {
    return outbox.queue(key, {"Someone", email}, std::move(message), allowed, now);
  }

  mailer::OutboxRow row(const mailer::Outbox& outbox, std::int64_t id) {
    for (const mailer::OutboxRow& candidate : outbox.list()) {
      if (candidate.id == id) return candidate;
    }
    throw std::runtime_error("no row " + std::to_string(id));
  }

  // What a process killed mid-send leaves behind, written with SQLite directly.
  void mark_sending(std::int64_t id) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(database.c_str(), &raw), SQLITE_OK);
    const std::string sql =
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = " +
        std::to_string(id);
    EXPECT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
};

}  // namespace

TEST_F(OutboxTest, QueuingTheSameKeyTwiceIsANoOpThatSaysSo) {
  mailer::Outbox outbox(database);
  const auto first =
      queue(outbox, "reminder|permanence|2026-12-15|LCS900102|jo@example.org", "jo@example.org");
  const auto second = queue(outbox, "reminder|permanence|2026-12-15|LCS900102|jo@example.org",
                            "jo@example.org", reminder("A different subject"));
  EXPECT_FALSE(first.already_queued);
  EXPECT_TRUE(second.already_queued);
  EXPECT_EQ(first.id, second.id);
  const std::vector<mailer::OutboxRow> rows = outbox.list();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].subject, "Reminder");
  EXPECT_EQ(rows[0].state, mailer::OutboxState::queued);
  EXPECT_EQ(rows[0].attempts, 0);
  EXPECT_EQ(rows[0].created_at, kStart);
  EXPECT_TRUE(
      std::regex_match(rows[0].message_id, std::regex(R"(<[0-9a-f.]+@council\.example\.org>)")));
}

TEST_F(OutboxTest, TheQueueSurvivesReopening) {
  std::int64_t id = 0;
  {
    mailer::Outbox outbox(database);
    id = queue(outbox, "k1", "jo@example.org").id;
  }
  mailer::Outbox reopened(database);
  EXPECT_TRUE(queue(reopened, "k1", "jo@example.org").already_queued);
  EXPECT_EQ(row(reopened, id).recipient, "jo@example.org");
}

TEST_F(OutboxTest, RecipientsOutsideTheAllowedDomainsAreRefusedAtQueueTime) {
  mailer::Outbox outbox(database);
  try {
    queue(outbox, "k1", "jo@gmail.com");
    FAIL() << "queued";
  } catch (const mailer::MailError& error) {
    EXPECT_EQ(error.code(), "recipient_not_allowed");
    EXPECT_EQ(error.where(), "jo@gmail.com");
  }
  mailer::Message with_cc = reminder();
  with_cc.cc = {{"Outsider", "out@evil-example.org"}};
  EXPECT_THROW(queue(outbox, "k2", "jo@example.org", with_cc), mailer::MailError);
  EXPECT_TRUE(outbox.list().empty());
  EXPECT_FALSE(queue(outbox, "k3", "sam@children.example.org").already_queued);
  EXPECT_FALSE(outbox.queue("k4", {"", "any@anywhere.net"}, reminder(), {}, kStart).already_queued);
}

TEST_F(OutboxTest, ADeliveredRowIsSentOnceWithItsQueuedMessage) {
  mailer::Outbox outbox(database);
  mailer::Message message = reminder();
  message.extra_headers = {{"X-Panel-Key", "abc"}};
  const auto id = queue(outbox, "k1", "jo@example.org", message).id;
  ScriptedTransport transport;
  const mailer::DrainReport report = outbox.drain(transport, kStart + minutes(1));
  EXPECT_EQ(report.attempted, 1U);
  EXPECT_EQ(report.delivered, 1U);
  ASSERT_EQ(transport.sent.size(), 1U);
  EXPECT_EQ(transport.sent[0].recipient, "jo@example.org");
  EXPECT_EQ(transport.sent[0].envelope_from, "panel@council.example.org");
  EXPECT_EQ(transport.sent[0].message.to.at(0).email, "jo@example.org");
  EXPECT_EQ(transport.sent[0].message.message_id, row(outbox, id).message_id);
  EXPECT_EQ(transport.sent[0].message.extra_headers, message.extra_headers);

  const mailer::OutboxRow sent = row(outbox, id);
  EXPECT_EQ(sent.state, mailer::OutboxState::sent);
  EXPECT_EQ(sent.sent_at, kStart + minutes(1));
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_EQ(sent.last_smtp_code, 250);
  const auto audit = outbox.attempts(id);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].outcome, "delivered");
  EXPECT_EQ(audit[0].idempotency_key, "k1");

  EXPECT_EQ(outbox.drain(transport, kStart + hours(5)).attempted, 0U);
  EXPECT_EQ(transport.sent.size(), 1U);
}

TEST_F(OutboxTest, TemporaryFailuresBackOffOneTwoFourMinutesUpToAnHour) {
  mailer::Outbox outbox(database);
  const auto id = queue(outbox, "k1", "jo@example.org").id;
  ScriptedTransport transport(
      [](const std::string&) { return reply(Outcome::temporary_failure, 451); });
  const std::vector<int> expected_delays = {1, 2, 4, 8, 16, 32, 60, 60, 60};
  mailer::TimePoint now = kStart;
  std::vector<std::string> message_ids;
  for (const int delay : expected_delays) {
    EXPECT_EQ(outbox.drain(transport, now).deferred, 1U);
    const mailer::OutboxRow waiting = row(outbox, id);
    EXPECT_EQ(waiting.state, mailer::OutboxState::failed_temporary);
    EXPECT_EQ(waiting.last_smtp_code, 451);
    EXPECT_EQ(waiting.next_attempt_at - now, minutes(delay));
    // Nothing is due a second before the backoff ends.
    EXPECT_EQ(outbox.drain(transport, waiting.next_attempt_at - std::chrono::seconds(1)).attempted,
              0U);
    now = waiting.next_attempt_at;
  }
  EXPECT_EQ(row(outbox, id).attempts, static_cast<int>(expected_delays.size()));
  for (const SentCopy& copy : transport.sent) message_ids.push_back(copy.message.message_id);
  EXPECT_EQ(std::set<std::string>(message_ids.begin(), message_ids.end()).size(), 1U);
}

TEST_F(OutboxTest, GivesUpAfterTheConfiguredAgeAndSaysHowManyAttempts) {
  mailer::OutboxPolicy policy;
  policy.give_up_after = hours(2);
  mailer::Outbox outbox(database, policy);
  const auto id = queue(outbox, "k1", "jo@example.org").id;
  ScriptedTransport transport(
      [](const std::string&) { return reply(Outcome::temporary_failure, 421); });
  mailer::TimePoint now = kStart;
  int drains = 0;
  while (row(outbox, id).state != mailer::OutboxState::failed_permanent && drains < 100) {
    outbox.drain(transport, now);
    now = row(outbox, id).next_attempt_at;
    ++drains;
  }
  const mailer::OutboxRow given_up = row(outbox, id);
  EXPECT_EQ(given_up.state, mailer::OutboxState::failed_permanent);
  EXPECT_EQ(given_up.last_reply.rfind(
                "gave up after " + std::to_string(given_up.attempts) + " attempts", 0),
            0U)
      << given_up.last_reply;
  // 1+2+4+8+16+32+60 minutes = 2 h 3 min: the 8th attempt is the first past 2 hours.
  EXPECT_EQ(given_up.attempts, 8);
  EXPECT_EQ(outbox.attempts(id).back().outcome, "gave_up");
}

TEST_F(OutboxTest, APermanentFailureForOneRecipientDoesNotStopTheOthers) {
  mailer::Outbox outbox(database);
  const auto a = queue(outbox, "k-a", "a@example.org").id;
  const auto b = queue(outbox, "k-b", "b@example.org").id;
  const auto c = queue(outbox, "k-c", "c@example.org").id;
  ScriptedTransport transport([](const std::string& recipient) {
    return recipient == "b@example.org" ? reply(Outcome::permanent_failure, 550)
                                        : reply(Outcome::delivered, 250);
  });
  const mailer::DrainReport report = outbox.drain(transport, kStart);
  EXPECT_EQ(report.delivered, 2U);
  EXPECT_EQ(report.failed_permanent, 1U);
  EXPECT_EQ(row(outbox, a).state, mailer::OutboxState::sent);
  EXPECT_EQ(row(outbox, b).state, mailer::OutboxState::failed_permanent);
  EXPECT_EQ(row(outbox, b).last_smtp_code, 550);
  EXPECT_EQ(row(outbox, c).state, mailer::OutboxState::sent);
  EXPECT_EQ(outbox.drain(transport, kStart + hours(100)).attempted, 0U);
}

TEST_F(OutboxTest, ASessionLevelErrorStopsTheDrainAndLeavesTheRowsQueued) {
  mailer::Outbox outbox(database);
  const auto a = queue(outbox, "k-a", "a@example.org").id;
  const auto b = queue(outbox, "k-b", "b@example.org").id;
  ScriptedTransport transport([](const std::string&) -> mailer::SendResult {
    throw mailer::MailError("certificate_rejected", "smtp.example.org:587", "bad certificate");
  });
  const mailer::DrainReport report = outbox.drain(transport, kStart);
  EXPECT_TRUE(report.stopped());
  EXPECT_EQ(report.stopped_code, "certificate_rejected");
  EXPECT_EQ(report.attempted, 1U);
  EXPECT_EQ(transport.sent.size(), 1U);
  EXPECT_EQ(row(outbox, a).state, mailer::OutboxState::queued);
  EXPECT_EQ(row(outbox, a).attempts, 1);
  EXPECT_EQ(row(outbox, b).state, mailer::OutboxState::queued);
  EXPECT_EQ(row(outbox, b).attempts, 0);
  EXPECT_EQ(outbox.attempts(a).at(0).outcome, "session_error");

  ScriptedTransport fixed;
  EXPECT_EQ(outbox.drain(fixed, kStart + minutes(1)).delivered, 2U);
}

TEST_F(OutboxTest, ATemporaryConnectionErrorDefersTheRow) {
  mailer::Outbox outbox(database);
  const auto id = queue(outbox, "k1", "jo@example.org").id;
  ScriptedTransport transport([](const std::string&) -> mailer::SendResult {
    throw mailer::MailError("connect_failed", "127.0.0.1:25", "connection refused", true);
  });
  EXPECT_EQ(outbox.drain(transport, kStart).deferred, 1U);
  EXPECT_EQ(row(outbox, id).state, mailer::OutboxState::failed_temporary);
  EXPECT_EQ(row(outbox, id).last_smtp_code, 0);
}

TEST_F(OutboxTest, ARowLeftSendingByADeadProcessIsSentAgainAndMarked) {
  mailer::Outbox outbox(database);
  const auto crashed = queue(outbox, "k1", "jo@example.org").id;
  const auto other = queue(outbox, "k2", "sam@example.org").id;
  mark_sending(crashed);
  ScriptedTransport transport;
  const mailer::DrainReport report = outbox.drain(transport, kStart + minutes(5));
  EXPECT_EQ(report.recovered_after_crash, 1U);
  EXPECT_EQ(report.delivered, 2U);
  const mailer::OutboxRow resent = row(outbox, crashed);
  EXPECT_EQ(resent.state, mailer::OutboxState::sent);
  EXPECT_TRUE(resent.resent_after_crash);
  EXPECT_EQ(resent.attempts, 2);
  EXPECT_FALSE(row(outbox, other).resent_after_crash);
  const auto audit = outbox.attempts(crashed);
  ASSERT_EQ(audit.size(), 2U);
  EXPECT_EQ(audit[0].outcome, "interrupted");
  EXPECT_EQ(audit[1].outcome, "delivered");
}

TEST_F(OutboxTest, ADryRunWritesEmlFilesAndChangesNoRow) {
  mailer::Outbox outbox(database);
  const auto a = queue(outbox, "k-a", "a@example.org").id;
  queue(outbox, "k-b", "b@example.org");
  mailer::EmlFolderTransport dry_run(folder.path() / "dry-run");
  const mailer::DrainReport report = outbox.drain(dry_run, kStart);
  EXPECT_EQ(report.written, 2U);
  EXPECT_EQ(report.attempted, 0U);
  ASSERT_EQ(dry_run.written().size(), 2U);
  for (const fs::path& file : dry_run.written()) {
    EXPECT_TRUE(fs::is_regular_file(file));
    EXPECT_EQ(file.extension(), ".eml");
    EXPECT_NE(read_bytes(file).find("Subject: Reminder\r\n"), std::string::npos);
  }
  EXPECT_NE(dry_run.written()[0].filename().string().find("--a@example.org.eml"),
            std::string::npos);
  EXPECT_EQ(row(outbox, a).state, mailer::OutboxState::queued);
  EXPECT_EQ(row(outbox, a).attempts, 0);
  EXPECT_TRUE(outbox.attempts(a).empty());
  // Only the .eml files: no temporary file left behind.
  EXPECT_EQ(
      std::distance(fs::directory_iterator(folder.path() / "dry-run"), fs::directory_iterator()),
      2);
}

TEST_F(OutboxTest, AttachmentsAreKeptAsQueuedWhenTheOriginalIsReplacedOrDeleted) {
  mailer::Outbox outbox(database);
  const fs::path pack = folder.path() / "pack.pdf";
  const fs::path minutes_file = folder.path() / "minutes.pdf";
  std::ofstream(pack, std::ios::binary) << "%PDF-1.7 the pack as circulated";
  std::ofstream(minutes_file, std::ios::binary) << "%PDF-1.7 minutes";
  mailer::Message message = reminder();
  message.attachments = {{pack, "Pack.pdf", "application/pdf"}, {minutes_file, "", ""}};
  queue(outbox, "k1", "jo@example.org", message);

  // An atomic save replaces the file; another is deleted.
  const fs::path replacement = folder.path() / "pack.pdf.new";
  std::ofstream(replacement, std::ios::binary) << "%PDF-1.7 a later, different pack";
  fs::rename(replacement, pack);
  fs::remove(minutes_file);

  ScriptedTransport transport;
  EXPECT_EQ(outbox.drain(transport, kStart).delivered, 1U);
  ASSERT_EQ(transport.sent.size(), 1U);
  const SentCopy& sent = transport.sent[0];
  ASSERT_EQ(sent.attachment_bytes.size(), 2U);
  EXPECT_EQ(sent.attachment_bytes[0], "%PDF-1.7 the pack as circulated");
  EXPECT_EQ(sent.attachment_bytes[1], "%PDF-1.7 minutes");
  EXPECT_EQ(sent.message.attachments[0].filename, "Pack.pdf");
  EXPECT_EQ(sent.message.attachments[1].filename, "minutes.pdf");
  EXPECT_EQ(sent.message.attachments[0].file.parent_path(), outbox.spool_folder());
}

TEST_F(OutboxTest, PruningTheSpoolKeepsOnlyWhatARowMayStillSend) {
  mailer::Outbox outbox(database);
  const fs::path pack = folder.path() / "pack.zip";
  const fs::path minutes_file = folder.path() / "minutes.pdf";
  const fs::path agenda = folder.path() / "agenda.pdf";
  std::ofstream(pack, std::ios::binary) << "PK the pack";
  std::ofstream(minutes_file, std::ios::binary) << "%PDF-1.7 minutes";
  std::ofstream(agenda, std::ios::binary) << "%PDF-1.7 agenda";
  const auto carrying = [](const fs::path& file) {
    mailer::Message message = reminder();
    message.attachments = {{file, "", ""}};
    return message;
  };
  queue(outbox, "pack-a", "a@example.org", carrying(pack));
  const auto b = queue(outbox, "pack-b", "b@example.org", carrying(pack)).id;
  const auto c = queue(outbox, "minutes-c", "c@example.org", carrying(minutes_file)).id;
  const auto d = queue(outbox, "agenda-d", "d@example.org", carrying(agenda)).id;
  std::ofstream(outbox.spool_folder() / "notes.txt") << "not a spooled attachment";
  const auto spooled = [&] {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(outbox.spool_folder())) {
      names.insert(entry.path().filename().string());
    }
    return names.size() - 1;  // less notes.txt
  };
  ASSERT_EQ(spooled(), 3U) << "the pack queued twice is spooled once";
  std::ofstream(outbox.spool_folder() / ".incoming-1-2") << "what a killed queue() left";
  EXPECT_EQ(outbox.prune_spool(), 1U) << "every row may still send: only the half-spooled file";
  EXPECT_EQ(spooled(), 3U);

  EXPECT_EQ(outbox.cancel(d), 1U);
  ScriptedTransport first([](const std::string& recipient) {
    if (recipient == "b@example.org") return reply(Outcome::temporary_failure, 450);
    if (recipient == "c@example.org") return reply(Outcome::permanent_failure, 550);
    return reply(Outcome::delivered, 250);
  });
  outbox.drain(first, kStart);
  // Only the cancelled agenda goes: the pack is still due to b, and c may be retried.
  EXPECT_EQ(outbox.prune_spool(), 1U);
  EXPECT_EQ(spooled(), 2U);

  ScriptedTransport second;
  EXPECT_EQ(outbox.drain(second, kStart + hours(2)).delivered, 1U);
  EXPECT_EQ(row(outbox, b).state, mailer::OutboxState::sent);
  EXPECT_EQ(outbox.prune_spool(), 1U);  // the pack, sent to both

  // The failed row kept its file, so a retry after pruning still sends it whole.
  EXPECT_EQ(outbox.retry(c, kStart + hours(3)), 1U);
  ScriptedTransport third;
  EXPECT_EQ(outbox.drain(third, kStart + hours(3)).delivered, 1U);
  ASSERT_EQ(third.sent.size(), 1U);
  EXPECT_EQ(third.sent[0].attachment_bytes, std::vector<std::string>{"%PDF-1.7 minutes"});
  EXPECT_EQ(outbox.prune_spool(), 1U);
  EXPECT_EQ(spooled(), 0U);
  EXPECT_TRUE(fs::exists(outbox.spool_folder() / "notes.txt"));
}

TEST_F(OutboxTest, AnAttachmentEditedInPlaceAfterQueuingIsNotSent) {
  mailer::Outbox outbox(database);
  const fs::path pack = folder.path() / "pack.pdf";
  std::ofstream(pack, std::ios::binary) << "original";
  mailer::Message message = reminder();
  message.attachments = {{pack, "pack.pdf", "application/pdf"}};
  const auto id = queue(outbox, "k1", "jo@example.org", message).id;
  // Writing into the same inode reaches the spool through its hard link.
  std::ofstream(pack, std::ios::binary | std::ios::trunc) << "edited in place";
  const bool hard_linked = fs::hard_link_count(pack) > 1;
  ScriptedTransport transport;
  outbox.drain(transport, kStart);
  if (hard_linked) {
    EXPECT_TRUE(transport.sent.empty());
    EXPECT_EQ(row(outbox, id).state, mailer::OutboxState::failed_permanent);
    EXPECT_NE(row(outbox, id).last_reply.find("changed after it was queued"), std::string::npos);
  } else {
    ASSERT_EQ(transport.sent.size(), 1U);
    EXPECT_EQ(transport.sent[0].attachment_bytes.at(0), "original");
  }
}

TEST_F(OutboxTest, RetryCancelAndCountsChangeOnlyTheRowsTheyShould) {
  mailer::Outbox outbox(database);
  const auto bad = queue(outbox, "reminder|a", "bad@example.org").id;
  const auto good = queue(outbox, "reminder|b", "good@example.org").id;
  const auto later = queue(outbox, "circulation|c", "later@example.org").id;
  ScriptedTransport transport([](const std::string& recipient) {
    return recipient == "bad@example.org" ? reply(Outcome::permanent_failure, 550)
                                          : reply(Outcome::delivered, 250);
  });
  outbox.drain(transport, kStart, 2);
  EXPECT_EQ(transport.sent.size(), 2U);
  auto counts = outbox.counts();
  EXPECT_EQ(counts[mailer::OutboxState::failed_permanent], 1U);
  EXPECT_EQ(counts[mailer::OutboxState::sent], 1U);
  EXPECT_EQ(counts[mailer::OutboxState::queued], 1U);
  EXPECT_EQ(counts[mailer::OutboxState::cancelled], 0U);

  EXPECT_EQ(outbox.cancel(good), 0U);  // sent: too late
  EXPECT_EQ(outbox.retry(good, kStart), 0U);
  EXPECT_EQ(outbox.retry(bad, kStart + hours(1)), 1U);
  EXPECT_EQ(row(outbox, bad).state, mailer::OutboxState::queued);
  EXPECT_EQ(row(outbox, bad).next_attempt_at, kStart + hours(1));
  EXPECT_EQ(outbox.cancel_by_key_prefix("circulation|"), 1U);
  EXPECT_EQ(row(outbox, later).state, mailer::OutboxState::cancelled);
  EXPECT_THROW(outbox.cancel_by_key_prefix(""), mailer::MailError);
  EXPECT_EQ(outbox.list({mailer::OutboxState::cancelled, ""}).size(), 1U);
  EXPECT_EQ(outbox.list({std::nullopt, "reminder|"}).size(), 2U);

  EXPECT_EQ(outbox.retry_failed(kStart), 0U);
  EXPECT_EQ(outbox.cancel(bad), 1U);
  ScriptedTransport after;
  EXPECT_EQ(outbox.drain(after, kStart + hours(2)).attempted, 0U);
}

TEST_F(OutboxTest, AnInvalidStoredAttachmentPathIsAPermanentFailureOfThatRowOnly) {
  mailer::Outbox outbox(database);
  const fs::path pack = folder.path() / "pack.pdf";
  std::ofstream(pack, std::ios::binary) << "pack";
  mailer::Message message = reminder();
  message.attachments = {{pack, "pack.pdf", "application/pdf"}};
  const auto broken = queue(outbox, "k1", "jo@example.org", message).id;
  const auto fine = queue(outbox, "k2", "sam@example.org").id;
  for (const auto& entry : fs::directory_iterator(outbox.spool_folder())) fs::remove(entry);
  ScriptedTransport transport;
  const mailer::DrainReport report = outbox.drain(transport, kStart);
  EXPECT_EQ(report.failed_permanent, 1U);
  EXPECT_EQ(report.delivered, 1U);
  EXPECT_EQ(row(outbox, broken).state, mailer::OutboxState::failed_permanent);
  EXPECT_EQ(row(outbox, fine).state, mailer::OutboxState::sent);
}

TEST_F(OutboxTest, AnUnknownOutcomeIsSentAgainFlaggedAndStopsAfterThree) {
  mailer::Outbox outbox(database);
  const auto id = queue(outbox, "k1", "jo@example.org").id;
  ScriptedTransport unknown([](const std::string&) { return reply(Outcome::unknown, 0); });
  // First and second unknown outcomes: deferred like a temporary failure, flagged.
  EXPECT_EQ(outbox.drain(unknown, kStart).unknown_outcomes, 1U);
  mailer::OutboxRow first = row(outbox, id);
  EXPECT_EQ(first.state, mailer::OutboxState::failed_temporary);
  EXPECT_EQ(first.unknown_outcomes, 1);
  EXPECT_TRUE(first.possible_duplicate());
  EXPECT_EQ(first.next_attempt_at, kStart + minutes(1));
  outbox.drain(unknown, kStart + minutes(1));
  EXPECT_EQ(row(outbox, id).state, mailer::OutboxState::failed_temporary);
  // The third: not sent again by itself.
  outbox.drain(unknown, kStart + minutes(3));
  const mailer::OutboxRow stopped = row(outbox, id);
  EXPECT_EQ(stopped.state, mailer::OutboxState::failed_permanent);
  EXPECT_EQ(stopped.unknown_outcomes, 3);
  EXPECT_EQ(outbox.drain(unknown, kStart + hours(5)).attempted, 0U);
  EXPECT_EQ(unknown.sent.size(), 3U);
  std::vector<std::string> outcomes;
  for (const auto& attempt : outbox.attempts(id)) outcomes.push_back(attempt.outcome);
  EXPECT_EQ(outcomes,
            (std::vector<std::string>{"unknown_outcome", "unknown_outcome", "unknown_outcome"}));
  // A person retries it: sent, still flagged as a possible duplicate.
  EXPECT_EQ(outbox.retry(id, kStart + hours(6)), 1U);
  ScriptedTransport healthy;
  EXPECT_EQ(outbox.drain(healthy, kStart + hours(6)).delivered, 1U);
  EXPECT_EQ(row(outbox, id).state, mailer::OutboxState::sent);
  EXPECT_TRUE(row(outbox, id).possible_duplicate());
}

TEST_F(OutboxTest, ARelayTimeoutEndsTheDrainAndLeavesTheRestUntried) {
  mailer::Outbox outbox(database);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(
        queue(outbox, "k" + std::to_string(i), "r" + std::to_string(i) + "@example.org").id);
  }
  ScriptedTransport hung([](const std::string&) {
    mailer::SendResult result = reply(Outcome::temporary_failure, 0);
    result.timed_out = true;
    return result;
  });
  const mailer::DrainReport report = outbox.drain(hung, kStart);
  EXPECT_EQ(report.attempted, 1U);
  EXPECT_EQ(report.cut_short, "relay_timeout");
  EXPECT_EQ(report.left_due, 4U);
  EXPECT_EQ(row(outbox, ids[0]).state, mailer::OutboxState::failed_temporary);
  for (std::size_t i = 1; i < ids.size(); ++i) {
    EXPECT_EQ(row(outbox, ids[i]).state, mailer::OutboxState::queued);
    EXPECT_EQ(row(outbox, ids[i]).attempts, 0);
  }
  // A spent time budget starts nothing.
  ScriptedTransport healthy;
  const mailer::DrainReport none = outbox.drain(healthy, kStart, 100, std::chrono::seconds(0));
  EXPECT_EQ(none.attempted, 0U);
  EXPECT_EQ(none.cut_short, "time_budget");
  EXPECT_EQ(none.left_due, 4U);
}

TEST_F(OutboxTest, AReadOnlyOutboxListsWithoutWritingAndRefusesChanges) {
  {
    mailer::Outbox outbox(database);
    queue(outbox, "k1", "jo@example.org");
  }
  const auto before = fs::last_write_time(database);
  const mailer::Outbox reader = mailer::Outbox::open_read_only(database);
  ASSERT_EQ(reader.list().size(), 1U);
  EXPECT_EQ(reader.list()[0].recipient, "jo@example.org");
  EXPECT_EQ(fs::last_write_time(database), before);
  mailer::Outbox writer = mailer::Outbox::open_read_only(database);
  EXPECT_THROW(writer.cancel(1), mailer::MailError);
}

TEST_F(OutboxTest, AQueuedInvitationIsSentLaterWithItsCalendarPartUnchanged) {
  mailer::Message message = reminder("Invitation");
  message.calendar = mailer::CalendarPart{
      "CANCEL",
      "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nSUMMARY:Caf\xC3\xA9\\, \\n\r\nEND:VCALENDAR\r\n"};
  {
    mailer::Outbox outbox(database);
    queue(outbox, "invite|1", "jo@example.org", message);
  }
  mailer::Outbox reopened(database);
  ScriptedTransport transport;
  EXPECT_EQ(reopened.drain(transport, kStart + hours(3)).delivered, 1U);
  ASSERT_EQ(transport.sent.size(), 1U);
  ASSERT_TRUE(transport.sent[0].message.calendar.has_value());
  EXPECT_EQ(transport.sent[0].message.calendar->method, "CANCEL");
  EXPECT_EQ(transport.sent[0].message.calendar->text, message.calendar->text);
}

TEST(StoredMessage, ARowQueuedBeforeInvitationsReadsWithoutACalendar) {
  // The JSON an outbox row held before messages could carry a calendar part.
  const std::string older =
      R"({"from":{"name":"Panel Office","email":"panel@example.org"},)"
      R"("to":[{"name":"Jo","email":"jo@example.org"}],"cc":[],"subject":"Reminder",)"
      R"("text":"Hi","html":"","message_id":"<1.2@example.org>","attachments":[],)"
      R"("extra_headers":[["Auto-Submitted","auto-generated"]]})";
  std::vector<std::string> sha256s;
  const mailer::Message message = mailer::message_from(older, "/nonexistent-spool", sha256s);
  EXPECT_EQ(message.subject, "Reminder");
  EXPECT_EQ(message.to.at(0).email, "jo@example.org");
  EXPECT_FALSE(message.calendar.has_value());

  mailer::Message with_calendar = message;
  with_calendar.calendar = mailer::CalendarPart{"REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
  const mailer::Message back =
      mailer::message_from(mailer::message_json(with_calendar, {}), "/nonexistent-spool", sha256s);
  ASSERT_TRUE(back.calendar.has_value());
  EXPECT_EQ(back.calendar->method, "REQUEST");
  EXPECT_EQ(back.calendar->text, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_FALSE(
      mailer::message_from(mailer::message_json(message, {}), "/x", sha256s).calendar.has_value());
}
