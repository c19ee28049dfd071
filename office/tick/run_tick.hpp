#pragma once
// One tick of the office's mail (docs/mail.md): what is due at `now` (reminders, the pack and
// its circulation, escalations, minutes reminders) queued in the outbox, what people have been
// told recorded, the outbox drained through the relay, and when the tick ran written down. A
// dry run writes what would be sent as .eml files in OFFICE/outbox-dry-run/ instead, leaving
// the outbox, packs/ and the tick's state as they are. Everything it says goes to `events`.

#include <filesystem>
#include <optional>

#include "office/error.hpp"
#include "office/progress.hpp"
#include "office/tick/tick_drain.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct TickOptions {
  panel::UtcInstant now;
  bool dry_run = false;
};

struct TickResult {
  // Another tick holds `lock`: this one did nothing (a tick never waits behind a slow relay).
  bool busy = false;
  std::filesystem::path lock;
  std::size_t queued = 0;  // rows put in the outbox (a dry run: in its scratch outbox)
  DrainCounts drained;     // sent, deferred, failed; a dry run's .eml files written
  // The worst code of the problems the tick reported as events (machine_failure first); none
  // when everything went well.
  std::optional<OfficeError::Code> worst_problem;
};

// Throws OfficeError: bad_input when office.json has no usable mail section, machine_failure
// when the outbox database or the tick's files cannot be used. Problems with single mails,
// packs or the relay are events, and the tick goes on.
TickResult run_tick(const Workspace& workspace, const TickOptions& options, EventSink& events);

}  // namespace panelpack::office
