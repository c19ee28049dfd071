#pragma once
// The one way a sitting's bookings file changes: found, read, changed and rewritten under the
// sitting's lock, against the version a form was opened on. booking.hpp's four changes use it;
// so do the presenters (presenters.hpp) and the apologies (apologies.hpp).

#include <functional>
#include <string>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/bookings.hpp"
#include "panel/london_time.hpp"
#include "panel/office_config.hpp"

namespace panelpack::office {

// What a change sees: the panel as office.json says under the lock, the bookings read under it,
// the case as capitalised when its file or booking is, and "permanence 2026-12-15".
struct BookingsChange {
  const panel::PanelConfig& panel;
  panel::Bookings& bookings;
  const std::string& case_ref;
  const std::string& where;
};

// Runs `change` on the sitting's bookings under its lock and writes them when it is done;
// a refused result writes nothing. With `expected_version` (not null), a file that is another
// version is refused as sitting_changed before `change` runs. `given_case_ref` may be empty for
// a change of the sitting as a whole.
BookingResult change_bookings(const Workspace& workspace, const SittingId& sitting,
                              const std::string& given_case_ref, panel::UtcInstant now,
                              const std::string* expected_version,
                              const std::function<BookingResult(BookingsChange&)>& change);

}  // namespace panelpack::office
