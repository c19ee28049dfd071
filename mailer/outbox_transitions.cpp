#include "mailer/outbox_transitions.hpp"

#include <algorithm>
#include <chrono>

namespace panelpack::mailer {
namespace {

// Why a row whose outcome was unknown `times` times is not sent again by itself.
std::string not_resent_note(std::int64_t times, const std::string& what) {
  return what + "; the outcome of " + std::to_string(times) +
         " attempts is unknown, so it may have been delivered (perhaps more than once): not "
         "sent again; `panelpack outbox retry` sends it once more";
}

std::chrono::minutes backoff(int attempts, const OutboxPolicy& policy) {
  std::chrono::minutes delay = policy.first_retry;
  for (int i = 1; i < attempts && delay < policy.longest_retry; ++i) delay *= 2;
  return std::min(delay, policy.longest_retry);
}

}  // namespace

const char* to_string(OutboxState state) {
  switch (state) {
    case OutboxState::queued:
      return "queued";
    case OutboxState::sending:
      return "sending";
    case OutboxState::sent:
      return "sent";
    case OutboxState::failed_temporary:
      return "failed_temporary";
    case OutboxState::failed_permanent:
      return "failed_permanent";
    case OutboxState::cancelled:
      return "cancelled";
  }
  return "unknown";
}

std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (const OutboxState state : kAllOutboxStates) {
    if (text == to_string(state)) return state;
  }
  return std::nullopt;
}

Transition after_attempt(const ClaimedRow& row, const SendResult& result, std::int64_t now,
                         const OutboxPolicy& policy) {
  OutboxState state = OutboxState::failed_permanent;
  std::string outcome = to_string(result.outcome);
  std::string reply = result.reply;
  std::int64_t next = now;
  int unknown_outcomes = row.unknown_outcomes;
  switch (result.outcome) {
    case SendResult::Outcome::delivered:
      state = OutboxState::sent;
      break;
    case SendResult::Outcome::permanent_failure:
      state = OutboxState::failed_permanent;
      break;
    case SendResult::Outcome::unknown:
      // Sent again (flagged as a possible duplicate) as a temporary failure would be: losing
      // a pack is worse than a visible second copy; but never more than a few times.
      ++unknown_outcomes;
      if (unknown_outcomes >= kMostUnknownOutcomes) {
        state = OutboxState::failed_permanent;
        reply = not_resent_note(unknown_outcomes, reply);
        break;
      }
      [[fallthrough]];
    case SendResult::Outcome::temporary_failure:
      if (now - row.give_up_from >=
          std::chrono::duration_cast<std::chrono::seconds>(policy.give_up_after).count()) {
        state = OutboxState::failed_permanent;
        if (result.outcome != SendResult::Outcome::unknown) outcome = "gave_up";
        reply = "gave up after " + std::to_string(row.attempts) + " attempts: " + reply;
      } else {
        state = OutboxState::failed_temporary;
        next =
            now +
            std::chrono::duration_cast<std::chrono::seconds>(backoff(row.attempts, policy)).count();
      }
      break;
  }
  return Transition{state, outcome, result.smtp_code, reply, next, unknown_outcomes};
}

Transition after_interruption(std::int64_t unknown_outcomes, std::int64_t now) {
  const bool resend = unknown_outcomes < kMostUnknownOutcomes;
  std::string note =
      resend ? "interrupted while sending (the process ended); sent again: the server may "
               "have accepted the first attempt"
             : not_resent_note(unknown_outcomes, "interrupted while sending");
  return Transition{resend ? OutboxState::queued : OutboxState::failed_permanent,
                    "interrupted",
                    0,
                    std::move(note),
                    now,
                    static_cast<int>(unknown_outcomes)};
}

}  // namespace panelpack::mailer
