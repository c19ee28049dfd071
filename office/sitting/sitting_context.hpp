#pragma once
// Everything about one sitting that the agenda and the pack are made from: the panel, the
// sitting, its bookings and the case file of every booked case.

#include <map>
#include <string>

#include "office/workspace.hpp"
#include "panel/agenda.hpp"

namespace panelpack::office {

struct SittingContext {
  const panel::PanelConfig* panel = nullptr;
  panel::Sitting sitting;
  panel::Bookings bookings;
  std::map<std::string, CaseFile> cases;  // by case reference
  std::map<std::string, panel::CaseSummary> summaries;

  panel::AgendaInputs agenda_inputs(const Workspace& workspace, panel::UtcInstant now) const;
};

// Throws OfficeError (bad_input) for an unknown panel, a date it does not sit on, and
// every booked case whose file is missing or invalid, all named at once.
SittingContext load_sitting(const Workspace& workspace, const std::string& panel_id,
                            panel::CalendarDate date);

}  // namespace panelpack::office
