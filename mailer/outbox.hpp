#pragma once
// A durable queue of emails, one row per message per recipient, in one SQLite file: nothing is
// lost when the relay is down, nothing queued twice. A send whose outcome is unknown (a crash
// while sending, or no reply after the whole message was written) is sent again and the row
// flagged as a possible duplicate, at most kMostUnknownOutcomes times (see docs/mailer.md).
// SQLite stays in outbox_rows.cpp.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mailer/message.hpp"
#include "mailer/transport.hpp"

namespace panelpack::mailer {

using TimePoint = std::chrono::system_clock::time_point;

enum class OutboxState { queued, sending, sent, failed_temporary, failed_permanent, cancelled };

const char* to_string(OutboxState state);
std::optional<OutboxState> parse_outbox_state(std::string_view text);

// When to try again after a temporary failure, and when to stop trying.
struct OutboxPolicy {
  // first_retry * 2^(attempts-1), at most longest_retry: 1, 2, 4, ... 32, 60, 60 minutes.
  std::chrono::minutes first_retry{1};
  std::chrono::minutes longest_retry{60};
  // A row failing only temporarily this long after it was queued (or retried by hand) becomes
  // failed_permanent, "gave up after N attempts".
  std::chrono::hours give_up_after{48};
};

// After this many attempts of one row with an unknown outcome, it is not sent again by itself:
// it becomes failed_permanent, "may have been delivered", until `outbox retry`. A relay that
// stores every message and then drops the connection so delivers at most this many copies.
constexpr int kMostUnknownOutcomes = 3;

struct QueueResult {
  std::int64_t id = 0;
  bool already_queued = false;  // the key was queued before: nothing was added or changed
};

// A row as list() shows it. Bodies and attachments are not read back.
struct OutboxRow {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string recipient;
  std::string subject;
  std::string message_id;  // assigned when queued, the same on every attempt
  OutboxState state = OutboxState::queued;
  int attempts = 0;
  TimePoint created_at, next_attempt_at;
  std::optional<TimePoint> sent_at;
  int last_smtp_code = 0;
  std::string last_reply;
  // A send was interrupted (the process died while the row was "sending") and the row was sent
  // again: if the server had accepted it before the crash, the recipient has it twice.
  bool resent_after_crash = false;
  // Attempts whose outcome is unknown: the process died while sending, or the whole message
  // was written and no reply came (connection dropped, or the reply after the read timeout).
  int unknown_outcomes = 0;
  // The recipient may have this message more than once (or already has it, if not sent).
  bool possible_duplicate() const noexcept { return resent_after_crash || unknown_outcomes > 0; }
};

struct OutboxFilter {
  std::optional<OutboxState> state;
  std::string key_prefix;  // empty: every key
};

// One line of the audit log: an attempt and what came of it. Never a body.
struct AttemptRecord {
  std::int64_t row_id = 0;
  std::string idempotency_key;
  TimePoint at;
  // "delivered", "temporary_failure", "permanent_failure", "gave_up", "session_error",
  // "interrupted" (found "sending" at the start of a drain), "unknown_outcome" (the message
  // was sent but no reply read: it may have been delivered)
  std::string outcome;
  int smtp_code = 0;
  std::string reply;
};

struct DrainReport {
  std::size_t attempted = 0;
  std::size_t delivered = 0;
  std::size_t deferred = 0;               // failed_temporary, to be retried after the backoff
  std::size_t failed_permanent = 0;       // 5xx, bad stored message, or given up
  std::size_t recovered_after_crash = 0;  // rows found "sending", queued again and marked
  std::size_t written = 0;  // dry run: messages written by the transport, rows untouched
  // Set when a session-level error (TLS, certificate, authentication) stopped the drain; the
  // row being sent is left queued with the attempt recorded.
  std::string stopped_code;
  std::string stopped_message;
  bool stopped() const noexcept { return !stopped_code.empty(); }
  std::size_t unknown_outcomes = 0;  // attempts that may have been delivered (counted above too)
  // Set when the drain stopped early without a fault to fix: the relay timed out (it is hung,
  // and each further message would wait as long) or the time budget ran out. The rows not
  // attempted stay as they were, their attempts unchanged.
  std::string cut_short;     // "relay_timeout" or "time_budget"; empty when not cut short
  std::size_t left_due = 0;  // rows still due when the drain stopped early (any reason)
};

// The outbox in `database` (created if absent, with its spool folder DATABASE.spool beside it).
// Not for two processes draining at once: drain() runs under the caller's lock, which is why a
// row found "sending" when a drain starts is known to be left by a process that died.
// Errors: MailError ("outbox_database", "recipient_not_allowed", "invalid_address", ...).
class Outbox {
 public:
  explicit Outbox(const std::filesystem::path& database, OutboxPolicy policy = {});
  // An existing outbox opened only to read it (list, attempts, counts): nothing is created or
  // written, so it works on a full disk or a read-only file system. Changing it throws.
  static Outbox open_read_only(const std::filesystem::path& database);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;
  Outbox(Outbox&&) noexcept;
  Outbox& operator=(Outbox&&) noexcept;

  // Queues `message` for `recipient` under `idempotency_key` (the caller's opaque
  // "what|which|whom" string). A key queued before is a no-op reporting already_queued.
  // The recipient and every To/Cc address must be in `allowed_domains` or a subdomain (empty:
  // any), else MailError "recipient_not_allowed" naming the address. An empty message.to
  // becomes the recipient. The Message-ID is fixed now; attachments are copied (hard-linked
  // when possible) into the spool by SHA-256, so later changes to the files do not matter.
  QueueResult queue(std::string_view idempotency_key, const Address& recipient, Message message,
                    std::span<const std::string> allowed_domains, TimePoint now);

  // Sends due rows (queued or failed_temporary with next_attempt_at <= now), oldest first, each
  // claimed in its own short IMMEDIATE transaction, until none is due, `limit` were attempted,
  // a session-level error stops it, the relay times out, or `time_budget` (measured on the
  // steady clock from the call) has passed: no row is started after it. With a dry-run
  // transport, rows are only written out.
  DrainReport drain(
      Transport& transport, TimePoint now,
      std::size_t limit = std::numeric_limits<std::size_t>::max(),
      std::chrono::steady_clock::duration time_budget = std::chrono::steady_clock::duration::max());

  std::vector<OutboxRow> list(const OutboxFilter& filter = {}) const;
  std::vector<AttemptRecord> attempts(std::int64_t row_id) const;
  std::map<OutboxState, std::size_t> counts() const;  // every state, zeros included

  // Makes a failed_temporary or failed_permanent row due now (the give-up age counts from now).
  // Returns the number of rows changed.
  std::size_t retry(std::int64_t id, TimePoint now);
  std::size_t retry_failed(TimePoint now);
  // Cancels rows not yet sent and not being sent; returns the number cancelled.
  std::size_t cancel(std::int64_t id);
  std::size_t cancel_by_key_prefix(std::string_view key_prefix);

  // Removes the spool files no row may still send: those only sent or cancelled rows name
  // (a failed_permanent row keeps its files, since retry() can make it due again), and the
  // half-spooled files of a queue() that was killed. Returns how many were removed. Call it
  // only under the caller's lock that keeps queue() out, as for drain().
  std::size_t prune_spool();

  const std::filesystem::path& spool_folder() const noexcept;

 private:
  struct ReadOnly {};
  Outbox(const std::filesystem::path& database, ReadOnly);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace panelpack::mailer
