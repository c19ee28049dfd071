#pragma once
// The second half of a tick: the outbox drained through the relay, or written out as .eml
// files for a dry run, with each row's outcome logged by id and kind (never its recipient's
// name): sent, deferred until its next attempt, failed for good, or sent again after a crash.
// A send whose outcome is unknown is logged as a possible duplicate; a relay that times out, or
// the time budget running out, ends the drain and says how many emails wait for the next tick.

#include <chrono>

#include "mailer/outbox.hpp"
#include "mailer/transport.hpp"
#include "office/tick/tick_log.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct DrainCounts {
  std::size_t sent = 0;
  std::size_t deferred = 0;
  std::size_t failed = 0;
  std::size_t written = 0;  // dry run
};

DrainCounts drain_outbox(
    mailer::Outbox& outbox, mailer::Transport& transport, panel::UtcInstant now, TickLog& log,
    std::chrono::steady_clock::duration time_budget = std::chrono::steady_clock::duration::max());

}  // namespace panelpack::office
