#pragma once
// An addendum sent by hand (the Pack page's button, `panelpack pack addendum`): when a
// circulated sitting's agenda changed, the members get the new agenda now instead of at the
// next tick. It is tick's own mail for that one sitting: planned, built, queued under the same
// keys and recorded in the sitting's notices as tick does (tick_queue.hpp,
// sitting_notices_file.hpp), so the next tick finds it done and sends nothing again.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/progress.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// The addendum tick would send a sitting's members now.
struct DueAddendum {
  int number = 0;  // 1 for the first addendum since the circulation
  // What changed since the members' last agenda, by case reference and slot:
  // "LCS900102 taken off; LCS900103 moved from 10:30-11:00 to 09:30-10:00".
  std::string changes;
  std::size_t recipients = 0;  // the chair, members and submission mailbox
};

// Throws OfficeError (bad_input) saying why there is none: no such sitting, it has started,
// its pack was not circulated, the members' agenda is still the sitting's, or the sitting's
// files do not read (naming them).
DueAddendum due_addendum(const Workspace& workspace, const std::string& panel_id,
                         panel::CalendarDate date, panel::UtcInstant now);

struct AddendumRequest {
  std::string panel_id;
  panel::CalendarDate date;
  panel::UtcInstant now;
  ProgressSink* progress = nullptr;  // null: none
};

// One email of an addendum in the outbox.
struct AddendumEmail {
  std::int64_t row = 0;  // the outbox row
  std::string recipient;
};

struct AddendumSent {
  int number = 0;
  std::string changes;           // as DueAddendum says them
  std::filesystem::path folder;  // packs/PANEL/DATE-addendum-N/
  std::vector<AddendumEmail> emails;
  // Recipients it could not be queued for (an address outside allowedDomains...), in words.
  std::vector<std::string> problems;
};

struct AddendumOutcome {
  std::optional<AddendumSent> sent;  // none: busy
  std::filesystem::path busy_lock;   // the lock another run holds (a tick, an addendum's build)

  bool busy() const { return !sent.has_value(); }
};

// Builds the sitting's addendum, queues it to the members through the outbox (the tick that
// runs next sends it) and records that they were told, under the tick's lock and the sitting's.
// Busy when a tick runs now. Throws OfficeError: what due_addendum throws; bad_input when
// office.json has no usable mail section or the addendum could not be built or queued for
// anyone (naming why); machine_failure for the outbox or the notices record.
AddendumOutcome send_addendum(const Workspace& workspace, const AddendumRequest& request);

}  // namespace panelpack::office
