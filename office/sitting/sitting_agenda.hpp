#pragma once
// A sitting's agenda, worked out from the office folder (`panelpack agenda`): as typed data for
// whoever shows it, and filled into the panel's agenda template.

#include <filesystem>
#include <string>

#include "office/sitting/sitting_context.hpp"
#include "office/workspace.hpp"
#include "panel/agenda.hpp"

namespace panelpack::office {

struct SittingAgenda {
  SittingContext context;
  panel::Agenda agenda;
};

// Loads the sitting and works out its agenda as at `now`. Throws OfficeError (bad_input) as
// load_sitting does, and when the slots run past midnight.
SittingAgenda sitting_agenda(const Workspace& workspace, const std::string& panel_id,
                             panel::CalendarDate date, panel::UtcInstant now);

// Fills the panel's agenda template from `agenda` and writes the document to `output`
// atomically. Throws OfficeError: bad_input for a template that is missing or will not fill,
// machine_failure when the disk refuses.
void write_agenda_document(const Workspace& workspace, const SittingAgenda& agenda,
                           const std::filesystem::path& output);

}  // namespace panelpack::office
