#pragma once
// The new agenda an addendum carries to the members when a circulated sitting changes:
// packs/PANEL/DATE-addendum-N/, built like the pack (a zip, encrypted with the pack's password
// when it has one, and a PDF when the circulation sends one) but holding the agenda only.

#include <string>

#include "office/pack/sitting_pack.hpp"

namespace panelpack::office {

// "2026-12-15-addendum-2": the folder of a sitting's Nth addendum, beside its pack's.
std::string addendum_folder_name(panel::CalendarDate date, int number);

std::filesystem::path addendum_folder(const Workspace& workspace, const std::string& panel_id,
                                      panel::CalendarDate date, int number);

// Busy when another run holds the folder's lock. Throws OfficeError: bad_input when the agenda
// cannot be made (no agenda template, a case file missing), and what write_pack throws.
// An empty options.folder is the addendum's own folder, addendum_folder().
PackAttempt build_agenda_addendum(const Workspace& workspace, const std::string& panel_id,
                                  panel::CalendarDate date, int number, PackOptions options,
                                  panel::UtcInstant now);

}  // namespace panelpack::office
