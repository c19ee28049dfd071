#include "mailer/outbox_rows.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include "mailer/mail_error.hpp"

namespace panelpack::mailer {

using storage::SqliteDatabase;
using storage::SqliteStatement;
using storage::SqliteTransaction;

namespace {

namespace fs = std::filesystem;

// The outbox's SQLite failures are MailError "outbox_database", naming the file.
storage::DatabaseErrors outbox_errors() {
  return {"the outbox database", [](const std::string& file, const std::string& message) {
            throw MailError("outbox_database", file, message);
          }};
}

// 2 added unknown_outcomes.
constexpr int kSchemaVersion = 2;
constexpr std::size_t kMaxKey = 1000;
constexpr std::size_t kMaxStoredReply = 1000;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  message_id TEXT NOT NULL,
  message TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed_temporary',
                                       'failed_permanent', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_smtp_code INTEGER NOT NULL DEFAULT 0,
  last_reply TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  give_up_from INTEGER NOT NULL,
  sent_at INTEGER,
  resent_after_crash INTEGER NOT NULL DEFAULT 0,
  unknown_outcomes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS outbox_attempts (
  id INTEGER PRIMARY KEY,
  row_id INTEGER NOT NULL REFERENCES outbox (id),
  idempotency_key TEXT NOT NULL,
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  smtp_code INTEGER NOT NULL DEFAULT 0,
  reply TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_attempts_row ON outbox_attempts (row_id);
)sql";

TimePoint from_seconds(std::int64_t seconds) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::seconds(seconds)));
}

std::string bounded(std::string text) {
  if (text.size() > kMaxStoredReply) text.resize(kMaxStoredReply);
  return text;
}

}  // namespace

std::int64_t to_seconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

OutboxRows::OutboxRows(const fs::path& file) : database_(file, outbox_errors()) {
  SqliteTransaction transaction(database_);
  const std::int64_t found = schema_version();
  database_.execute(kSchema);
  if (found == 1) {
    database_.execute(
        "ALTER TABLE outbox ADD COLUMN unknown_outcomes INTEGER NOT NULL DEFAULT 0;"
        "UPDATE outbox SET unknown_outcomes = 1 WHERE resent_after_crash = 1");
  }
  database_.execute("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  transaction.commit();
}

OutboxRows::OutboxRows(SqliteDatabase read_only) : database_(std::move(read_only)) {
  if (schema_version() < 2) unknown_outcomes_column_ = "resent_after_crash";
}

OutboxRows OutboxRows::open_read_only(const fs::path& file) {
  return OutboxRows(SqliteDatabase::open_read_only(file, outbox_errors()));
}

std::int64_t OutboxRows::schema_version() {
  SqliteStatement version = database_.prepare("PRAGMA user_version");
  version.step();
  const std::int64_t found = version.integer(0);
  if (found > kSchemaVersion) {
    throw MailError(
        "outbox_database", database_.path(),
        "the outbox was written by a newer panelpack (schema " + std::to_string(found) + ")");
  }
  return found;
}

void OutboxRows::audit(std::int64_t row_id, const std::string& key, std::int64_t at,
                       std::string_view outcome, int code, const std::string& reply) {
  database_
      .prepare(
          "INSERT INTO outbox_attempts (row_id, idempotency_key, at, outcome, smtp_code, reply) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, row_id)
      .bind(2, key)
      .bind(3, at)
      .bind(4, outcome)
      .bind(5, std::int64_t{code})
      .bind(6, bounded(reply))
      .run();
}

std::optional<std::int64_t> OutboxRows::find(std::string_view idempotency_key) {
  SqliteStatement find = database_.prepare("SELECT id FROM outbox WHERE idempotency_key = ?1");
  find.bind(1, idempotency_key);
  if (find.step()) return find.integer(0);
  return std::nullopt;
}

QueueResult OutboxRows::insert(std::string_view idempotency_key, const std::string& recipient,
                               const std::string& subject, const std::string& message_id,
                               const std::string& stored_message, std::int64_t at) {
  SqliteTransaction transaction(database_);
  database_
      .prepare(
          "INSERT INTO outbox (idempotency_key, recipient, subject, message_id, message, state, "
          "next_attempt_at, created_at, give_up_from) "
          "VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6, ?6) "
          "ON CONFLICT (idempotency_key) DO NOTHING")
      .bind(1, idempotency_key)
      .bind(2, recipient)
      .bind(3, subject)
      .bind(4, message_id)
      .bind(5, stored_message)
      .bind(6, at)
      .run();
  // Another process may have queued the same key between the look-up and the insert.
  const bool inserted = database_.changes() == 1;
  const std::int64_t id = inserted ? database_.last_insert_id() : find(idempotency_key).value_or(0);
  transaction.commit();
  return QueueResult{id, !inserted};
}

std::size_t OutboxRows::recover_interrupted(std::int64_t now) {
  SqliteTransaction transaction(database_);
  SqliteStatement stale = database_.prepare(
      "SELECT id, idempotency_key, unknown_outcomes FROM outbox WHERE state = 'sending'");
  struct Stale {
    std::int64_t id;
    std::string key;
    std::int64_t unknown_outcomes;
  };
  std::vector<Stale> rows;
  while (stale.step()) rows.push_back({stale.integer(0), stale.text(1), stale.integer(2) + 1});
  for (const Stale& row : rows) {
    const Transition transition = after_interruption(row.unknown_outcomes, now);
    database_
        .prepare(
            "UPDATE outbox SET state = ?4, resent_after_crash = 1, unknown_outcomes = ?5, "
            "next_attempt_at = ?2, last_smtp_code = 0, last_reply = ?3 WHERE id = ?1")
        .bind(1, row.id)
        .bind(2, transition.next_attempt_at)
        .bind(3, transition.reply)
        .bind(4, std::string_view(to_string(transition.state)))
        .bind(5, std::int64_t{transition.unknown_outcomes})
        .run();
    audit(row.id, row.key, now, transition.outcome, transition.smtp_code, transition.reply);
  }
  transaction.commit();
  return rows.size();
}

std::size_t OutboxRows::count_due(std::int64_t now) {
  SqliteStatement due = database_.prepare(
      "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'failed_temporary') "
      "AND next_attempt_at <= ?1");
  due.bind(1, now);
  due.step();
  return static_cast<std::size_t>(due.integer(0));
}

std::optional<ClaimedRow> OutboxRows::claim_next(std::int64_t now) {
  SqliteTransaction transaction(database_);
  SqliteStatement due = database_.prepare(
      "SELECT id, idempotency_key, recipient, message, attempts, give_up_from, "
      "unknown_outcomes FROM outbox "
      "WHERE state IN ('queued', 'failed_temporary') AND next_attempt_at <= ?1 "
      "ORDER BY next_attempt_at, id LIMIT 1");
  due.bind(1, now);
  if (!due.step()) return std::nullopt;
  ClaimedRow row{due.integer(0),
                 due.text(1),
                 due.text(2),
                 due.text(3),
                 static_cast<int>(due.integer(4)) + 1,
                 due.integer(5),
                 static_cast<int>(due.integer(6))};
  database_.prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?1")
      .bind(1, row.id)
      .run();
  transaction.commit();
  return row;
}

void OutboxRows::record(const ClaimedRow& row, const Transition& transition, std::int64_t now) {
  SqliteTransaction transaction(database_);
  SqliteStatement update = database_.prepare(
      "UPDATE outbox SET state = ?2, next_attempt_at = ?3, last_smtp_code = ?4, "
      "last_reply = ?5, sent_at = ?6, unknown_outcomes = ?7 WHERE id = ?1");
  update.bind(1, row.id)
      .bind(2, to_string(transition.state))
      .bind(3, transition.next_attempt_at)
      .bind(4, std::int64_t{transition.smtp_code})
      .bind(5, bounded(transition.reply))
      .bind(7, std::int64_t{transition.unknown_outcomes});
  if (transition.state == OutboxState::sent) {
    update.bind(6, now);
  } else {
    update.bind_null(6);
  }
  update.run();
  audit(row.id, row.key, now, transition.outcome, transition.smtp_code, transition.reply);
  transaction.commit();
}

void OutboxRows::record_session_error(const ClaimedRow& row, const std::string& message,
                                      std::int64_t now) {
  SqliteTransaction transaction(database_);
  database_
      .prepare(
          "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, last_smtp_code = 0, "
          "last_reply = ?3 WHERE id = ?1")
      .bind(1, row.id)
      .bind(2, now)
      .bind(3, bounded(message))
      .run();
  audit(row.id, row.key, now, "session_error", 0, message);
  transaction.commit();
}

std::vector<std::pair<std::string, std::string>> OutboxRows::due_messages(std::int64_t now,
                                                                          std::size_t limit) {
  SqliteStatement due = database_.prepare(
      "SELECT recipient, message FROM outbox WHERE state = 'sending' OR "
      "(state IN ('queued', 'failed_temporary') AND next_attempt_at <= ?1) "
      "ORDER BY next_attempt_at, id LIMIT ?2");
  due.bind(1, now).bind(
      2, static_cast<std::int64_t>(std::min<std::size_t>(limit, std::numeric_limits<int>::max())));
  std::vector<std::pair<std::string, std::string>> rows;
  while (due.step()) rows.emplace_back(due.text(0), due.text(1));
  return rows;
}

std::vector<std::string> OutboxRows::sendable_messages() {
  SqliteStatement rows = database_.prepare(
      "SELECT message FROM outbox "
      "WHERE state IN ('queued', 'sending', 'failed_temporary', 'failed_permanent')");
  std::vector<std::string> messages;
  while (rows.step()) messages.push_back(rows.text(0));
  return messages;
}

std::vector<OutboxRow> OutboxRows::list(const OutboxFilter& filter) {
  SqliteStatement select = database_.prepare(
      "SELECT id, idempotency_key, recipient, subject, message_id, state, attempts, created_at, "
      "next_attempt_at, sent_at, last_smtp_code, last_reply, resent_after_crash, " +
      unknown_outcomes_column_ +
      " FROM outbox WHERE (?1 IS NULL OR state = ?1) "
      "AND substr(idempotency_key, 1, length(?2)) = ?2 ORDER BY id");
  if (filter.state) {
    select.bind(1, std::string_view(to_string(*filter.state)));
  } else {
    select.bind_null(1);
  }
  select.bind(2, filter.key_prefix);
  std::vector<OutboxRow> rows;
  while (select.step()) {
    OutboxRow row;
    row.id = select.integer(0);
    row.idempotency_key = select.text(1);
    row.recipient = select.text(2);
    row.subject = select.text(3);
    row.message_id = select.text(4);
    row.state = parse_outbox_state(select.text(5)).value_or(OutboxState::queued);
    row.attempts = static_cast<int>(select.integer(6));
    row.created_at = from_seconds(select.integer(7));
    row.next_attempt_at = from_seconds(select.integer(8));
    if (!select.is_null(9)) row.sent_at = from_seconds(select.integer(9));
    row.last_smtp_code = static_cast<int>(select.integer(10));
    row.last_reply = select.text(11);
    row.resent_after_crash = select.integer(12) != 0;
    row.unknown_outcomes = static_cast<int>(select.integer(13));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<AttemptRecord> OutboxRows::attempts(std::int64_t row_id) {
  SqliteStatement select = database_.prepare(
      "SELECT row_id, idempotency_key, at, outcome, smtp_code, reply FROM outbox_attempts "
      "WHERE row_id = ?1 ORDER BY id");
  select.bind(1, row_id);
  std::vector<AttemptRecord> records;
  while (select.step()) {
    records.push_back(AttemptRecord{select.integer(0), select.text(1),
                                    from_seconds(select.integer(2)), select.text(3),
                                    static_cast<int>(select.integer(4)), select.text(5)});
  }
  return records;
}

std::map<OutboxState, std::size_t> OutboxRows::counts() {
  std::map<OutboxState, std::size_t> counts;
  for (const OutboxState state : kAllOutboxStates) counts[state] = 0;
  SqliteStatement select = database_.prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state");
  while (select.step()) {
    if (const auto state = parse_outbox_state(select.text(0))) {
      counts[*state] = static_cast<std::size_t>(select.integer(1));
    }
  }
  return counts;
}

std::size_t OutboxRows::retry(std::int64_t id, TimePoint now) {
  SqliteStatement update = database_.prepare(
      "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, give_up_from = ?2 "
      "WHERE id = ?1 AND state IN ('failed_temporary', 'failed_permanent')");
  update.bind(1, id).bind(2, to_seconds(now));
  return count_changed(update);
}

std::size_t OutboxRows::retry_failed(TimePoint now) {
  SqliteStatement update = database_.prepare(
      "UPDATE outbox SET state = 'queued', next_attempt_at = ?1, give_up_from = ?1 "
      "WHERE state IN ('failed_temporary', 'failed_permanent')");
  update.bind(1, to_seconds(now));
  return count_changed(update);
}

std::size_t OutboxRows::cancel(std::int64_t id) {
  SqliteStatement update = database_.prepare(
      "UPDATE outbox SET state = 'cancelled' WHERE id = ?1 "
      "AND state IN ('queued', 'failed_temporary', 'failed_permanent')");
  update.bind(1, id);
  return count_changed(update);
}

std::size_t OutboxRows::cancel_by_key_prefix(std::string_view key_prefix) {
  SqliteStatement update = database_.prepare(
      "UPDATE outbox SET state = 'cancelled' "
      "WHERE substr(idempotency_key, 1, length(?1)) = ?1 "
      "AND state IN ('queued', 'failed_temporary', 'failed_permanent')");
  update.bind(1, key_prefix);
  return count_changed(update);
}

std::size_t OutboxRows::count_changed(SqliteStatement& update) {
  SqliteTransaction transaction(database_);
  update.run();
  const auto changed = static_cast<std::size_t>(database_.changes());
  transaction.commit();
  return changed;
}

}  // namespace panelpack::mailer
