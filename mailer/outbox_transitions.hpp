#pragma once
// The outbox's state machine: what each outcome of an attempt does to a row. A row is queued,
// then sending while claimed, then sent, failed_temporary (due again after a backoff, until
// the give-up age) or failed_permanent; an unknown outcome is sent again as a possible
// duplicate, at most kMostUnknownOutcomes times. Pure decisions: outbox_rows stores them.

#include <array>
#include <cstdint>
#include <string>

#include "mailer/outbox.hpp"
#include "mailer/smtp_session.hpp"

namespace panelpack::mailer {

inline constexpr std::array<OutboxState, 6> kAllOutboxStates = {
    OutboxState::queued,           OutboxState::sending,          OutboxState::sent,
    OutboxState::failed_temporary, OutboxState::failed_permanent, OutboxState::cancelled};

// A row claimed for sending.
struct ClaimedRow {
  std::int64_t id = 0;
  std::string key;
  std::string recipient;
  std::string message;  // as stored (stored_message.hpp)
  int attempts = 0;     // including this one
  std::int64_t give_up_from = 0;
  int unknown_outcomes = 0;  // before this attempt
};

// Where a row goes, and the line the audit log gets. Times are Unix seconds.
struct Transition {
  OutboxState state = OutboxState::failed_permanent;
  std::string outcome;  // the audit log's outcome ("delivered", "gave_up", "interrupted", ...)
  int smtp_code = 0;
  std::string reply;
  std::int64_t next_attempt_at = 0;
  int unknown_outcomes = 0;
};

// What one attempt of `row` came to, at `now`.
Transition after_attempt(const ClaimedRow& row, const SendResult& result, std::int64_t now,
                         const OutboxPolicy& policy);

// A row a dead process left "sending": its outcome is unknown, the `unknown_outcomes`th time
// (this one included). It is queued again, due now, unless that happened too often.
Transition after_interruption(std::int64_t unknown_outcomes, std::int64_t now);

}  // namespace panelpack::mailer
