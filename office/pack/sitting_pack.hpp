#pragma once
// A sitting's pack made from the office folder: the one way `panelpack pack` and
// `panelpack tick` (at the pack deadline) build it.

#include <functional>
#include <string>

#include "office/pack/pack_inputs.hpp"
#include "office/pack/pack_writer.hpp"
#include "office/sitting/sitting_context.hpp"
#include "panel/pack_plan.hpp"

namespace panelpack::office {

struct SittingPack {
  SittingContext context;
  panel::PackPlan plan;
  PackResult result;  // its documents point into plan.entries
};

// What a pack folder holds, from the loaded sitting and its agenda's inputs.
using PackPlanner =
    std::function<panel::PackPlan(const SittingContext&, const panel::AgendaInputs&)>;

// Loads the sitting, works out its agenda as at `now` and the plan `planner` makes of it, and
// writes that pack folder (options.folder, which must be set) under the lock beside it: the one
// way a pack folder is written (the pack; an addendum's agenda). Throws OfficeError:
// bad_input when the agenda or plan cannot be worked out, busy when another run holds the lock,
// and what load_sitting and write_pack throw.
SittingPack build_pack_folder(const Workspace& workspace, const std::string& panel_id,
                              panel::CalendarDate date, const PackOptions& options,
                              panel::UtcInstant now, const PackPlanner& planner);

// Loads the sitting, works out its agenda and pack plan as at `now`, and writes the pack under
// the lock beside its folder. Throws OfficeError: busy when another run is packing the same
// sitting, and what load_sitting and write_pack throw.
SittingPack build_sitting_pack(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, const PackOptions& options,
                               panel::UtcInstant now);

// What the sitting's pack would be made from if it were built at `now` (pack_inputs.hpp),
// without building it. Throws OfficeError as load_sitting does, bad_input when the agenda
// or plan cannot be worked out.
PackInputs current_pack_inputs(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, panel::UtcInstant now);

}  // namespace panelpack::office
