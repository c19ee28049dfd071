#pragma once
// The outbox's SQLite file: the schema and its migration, the rows (one per message per
// recipient) and the audit log of attempts. Each change is one short IMMEDIATE transaction.
// What a row becomes is decided in outbox_transitions; this file only stores it. Internal to
// mailer/ (SQLite itself stays behind storage/sqlite_database.hpp).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mailer/outbox.hpp"
#include "mailer/outbox_transitions.hpp"
#include "storage/sqlite_database.hpp"

namespace panelpack::mailer {

// Times are stored as Unix seconds (UTC).
std::int64_t to_seconds(TimePoint time);

class OutboxRows {
 public:
  // Creates the file and its tables if absent, and brings an older schema up to date.
  explicit OutboxRows(const std::filesystem::path& file);
  // Opens an existing file only to read it (list, attempts, counts).
  static OutboxRows open_read_only(const std::filesystem::path& file);

  std::optional<std::int64_t> find(std::string_view idempotency_key);
  // A new queued row, due at `at`; if the key is there already (queued by another process
  // since find()), that row's id and already_queued.
  QueueResult insert(std::string_view idempotency_key, const std::string& recipient,
                     const std::string& subject, const std::string& message_id,
                     const std::string& stored_message, std::int64_t at);

  // Rows a dead process left "sending" go where after_interruption says, each audited.
  // Returns how many there were.
  std::size_t recover_interrupted(std::int64_t now);
  // The oldest due row, made "sending" with its attempt counted; nullopt when none is due.
  std::optional<ClaimedRow> claim_next(std::int64_t now);
  // Stores what an attempt came to, and audits it.
  void record(const ClaimedRow& row, const Transition& transition, std::int64_t now);
  // A session-level failure: the row goes back to the queue, due at once, with the attempt
  // recorded, so the next drain after the fix sends it.
  void record_session_error(const ClaimedRow& row, const std::string& message, std::int64_t now);
  // Due rows (what a drain would still send now).
  std::size_t count_due(std::int64_t now);
  // What a dry run writes: (recipient, stored message) of the rows due now or left
  // "sending", oldest first, at most `limit`. Nothing is changed.
  std::vector<std::pair<std::string, std::string>> due_messages(std::int64_t now,
                                                                std::size_t limit);
  // The stored messages of every row that may still be sent.
  std::vector<std::string> sendable_messages();

  std::vector<OutboxRow> list(const OutboxFilter& filter);
  std::vector<AttemptRecord> attempts(std::int64_t row_id);
  std::map<OutboxState, std::size_t> counts();  // every state, zeros included

  // Each returns the number of rows changed.
  std::size_t retry(std::int64_t id, TimePoint now);
  std::size_t retry_failed(TimePoint now);
  std::size_t cancel(std::int64_t id);
  std::size_t cancel_by_key_prefix(std::string_view key_prefix);

 private:
  explicit OutboxRows(storage::SqliteDatabase read_only);
  std::int64_t schema_version();
  // Runs one prepared UPDATE in its own transaction; returns the number of rows it changed.
  std::size_t count_changed(storage::SqliteStatement& update);
  void audit(std::int64_t row_id, const std::string& key, std::int64_t at, std::string_view outcome,
             int code, const std::string& reply);

  storage::SqliteDatabase database_;
  // How list() reads the count of unknown outcomes: a read-only outbox of schema 1 has none.
  std::string unknown_outcomes_column_ = "unknown_outcomes";
};

}  // namespace panelpack::mailer
