#include "sitting_pack.hpp"

#include "exit_codes.hpp"
#include "file_lock.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::cli {

SittingPack build_sitting_pack(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, const PackOptions& options,
                               panel::UtcInstant now) {
  SittingPack pack{load_sitting(workspace, panel_id, date), {}, {}};
  const auto inputs = pack.context.agenda_inputs(workspace, now);
  nlohmann::ordered_json agenda;
  try {
    agenda = panel::build_agenda(inputs);
    pack.plan = panel::plan_pack(inputs);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  const auto target = options.folder.empty() ? workspace.pack_path(panel_id, date) : options.folder;
  const FileLock lock(lock_path_beside(target), false);
  pack.result = write_pack(workspace, pack.context, pack.plan, agenda, options, now);
  return pack;
}

PackInputs current_pack_inputs(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, panel::UtcInstant now) {
  const SittingContext context = load_sitting(workspace, panel_id, date);
  panel::PackPlan plan;
  try {
    plan = panel::plan_pack(context.agenda_inputs(workspace, now));
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  return pack_inputs(workspace, context, plan);
}

}  // namespace panelpack::cli
