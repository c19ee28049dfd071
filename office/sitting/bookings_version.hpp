#pragma once
// A version of one sitting's bookings file: what a form carries from the moment it was opened,
// so a change made from a form that is out of date can be refused ("this sitting changed since
// you opened it") rather than undo someone else's change.

#include <string>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::office {

// The version of a sitting with no bookings file yet.
inline constexpr const char* kNoBookingsVersion = "none";

// The SHA-256 (hex) of bookings/PANEL/DATE.json's bytes, or kNoBookingsVersion when there is no
// such file. Throws OfficeError (files.hpp's read_input) when it is there but does not read.
std::string bookings_version(const Workspace& workspace, const std::string& panel_id,
                             panel::CalendarDate date);

}  // namespace panelpack::office
