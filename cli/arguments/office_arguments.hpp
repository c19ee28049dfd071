#pragma once
// The office, instants and dates as a person names them on the command line.

#include <optional>
#include <string>

#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::cli {

// The office folder from --office, else $PANELPACK_OFFICE, else the current directory, opened.
// Throws CommandFailure (bad_input) when it has no office.json, saying how to name one.
// PANELPACK_SOFFICE and the environment's secrets, for the office (office/machine.hpp).
office::Machine machine_from_environment();

office::Workspace open_workspace(const std::optional<std::string>& office_option);

// The instant --now names, or the clock's now. A date alone is the start of that London day;
// a UK date (15/12/2026, 15/12/2026T09:00 or "15/12/2026 09:00") is read as well. Throws
// UsageError naming `option` for a malformed time.
panel::UtcInstant now_from(const std::optional<std::string>& now_option,
                           const std::string& option = "--now");

// A sitting's date from the command line, as YYYY-MM-DD or DD/MM/YYYY. Throws UsageError
// naming the text.
panel::CalendarDate date_argument(const std::string& text, const std::string& what);

}  // namespace panelpack::cli
