#pragma once
// A sitting's pack made from the office folder: the one way `panelpack pack` and
// `panelpack tick` (at the pack deadline) build it.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "office/pack/pack_inputs.hpp"
#include "office/pack/pack_writer.hpp"
#include "office/sitting/sitting_context.hpp"
#include "panel/agenda.hpp"
#include "panel/pack_plan.hpp"

namespace panelpack::office {

struct SittingPack {
  SittingContext context;
  panel::Agenda agenda;
  panel::PackPlan plan;
  PackResult result;  // its documents point into plan.entries
};

// What building a pack folder came to: the pack, or nothing because another run holds the
// folder's lock (it is building the same folder now; try again when it ends).
struct PackAttempt {
  std::optional<SittingPack> pack;  // none: busy
  std::filesystem::path busy_lock;  // the lock file another run holds, when busy

  bool busy() const { return !pack.has_value(); }
};

// What a pack folder holds, from the loaded sitting and its agenda's inputs.
using PackPlanner =
    std::function<panel::PackPlan(const SittingContext&, const panel::AgendaInputs&)>;

// Loads the sitting, works out its agenda as at `now` and the plan `planner` makes of it, and
// writes that pack folder (options.folder, which must be set) under the lock beside it: the one
// way a pack folder is written (the pack; an addendum's agenda). Busy when another run holds
// the lock. Throws OfficeError: bad_input when the agenda or plan cannot be worked out, and
// what load_sitting and write_pack throw.
PackAttempt build_pack_folder(const Workspace& workspace, const std::string& panel_id,
                              panel::CalendarDate date, const PackOptions& options,
                              panel::UtcInstant now, const PackPlanner& planner);

// Loads the sitting, works out its agenda and pack plan as at `now`, and writes the pack under
// the lock beside its folder (options.folder, or packs/PANEL/DATE/ when it is empty). Busy when
// another run is packing the same sitting. Throws OfficeError as load_sitting and write_pack do.
PackAttempt build_sitting_pack(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, const PackOptions& options,
                               panel::UtcInstant now);

// What the sitting's pack would be made from if it were built at `now` (pack_inputs.hpp),
// without building it. Throws OfficeError as load_sitting does, bad_input when the agenda
// or plan cannot be worked out.
PackInputs current_pack_inputs(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, panel::UtcInstant now);

}  // namespace panelpack::office
