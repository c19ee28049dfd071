#pragma once
// The first half of a tick: what is due (panel/mail_due.hpp) read from the office's bookings
// and case files, then turned into outbox rows, with the sitting's pack built at its
// deadline for the circulation.

#include <optional>
#include <set>
#include <string>

#include "mailer/outbox.hpp"
#include "office/tick/tick_log.hpp"
#include "office/workspace.hpp"
#include "panel/mail_config.hpp"
#include "panel/mail_due.hpp"

namespace panelpack::office {

// How far back a tick looks for mail it has not yet sent: the longest downtime it catches up.
inline constexpr std::chrono::days kTickLookback{14};
// Mail queued more than this after its moment is logged as catching up (a tick runs every
// 5 minutes, so three were missed).
inline constexpr std::chrono::minutes kTickLateAfter{15};

// Reads the bookings and the case files of the sittings with mail in the window, and works out
// what is due at `now`. Unreadable files and mail that cannot go are logged as problems.
panel::MailPlan plan_tick(const Workspace& workspace, panel::UtcInstant now, TickLog& log);
// The same over any window: the Mail page plans the coming days with a window that ends there.
panel::MailPlan plan_tick_window(const Workspace& workspace, const panel::MailWindow& window,
                                 TickLog& log);
// The tick's plan at `now` for one sitting alone: an addendum sent by hand (sitting_addendum.hpp)
// is the mail tick would send, under the same keys.
panel::MailPlan plan_tick_sitting(const Workspace& workspace, const std::string& panel_id,
                                  panel::CalendarDate date, panel::UtcInstant now, TickLog& log);

struct TickQueueInputs {
  const Workspace& workspace;
  const panel::MailConfig& mail;
  const panel::MailPlan& plan;
  const std::set<std::string>& done_keys;  // the keys the office's outbox holds already
  std::optional<panel::UtcInstant> last_tick;
  panel::UtcInstant now;
  bool dry_run = false;  // packs are built in the dry-run folder, not in packs/
};

// Queues into `outbox` every due email whose key is not done, each group logged (catching up
// when late), and logs the mail whose moment passed since the last tick as skipped. Returns
// how many were queued.
std::size_t queue_due_mail(const TickQueueInputs& inputs, mailer::Outbox& outbox, TickLog& log);

// "reminder for permanence 2026-12-15 LCS900102" from its key: the log's name for a row.
std::string describe_key(const std::string& key);

}  // namespace panelpack::office
