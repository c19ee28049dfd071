#include "office/pack/sitting_pack.hpp"

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

PackAttempt build_pack_folder(const Workspace& workspace, const std::string& panel_id,
                              panel::CalendarDate date, const PackOptions& options,
                              panel::UtcInstant now, const PackPlanner& planner) {
  SittingPack pack{load_sitting(workspace, panel_id, date), {}, {}, {}};
  const auto inputs = pack.context.agenda_inputs(workspace, now);
  try {
    pack.agenda = panel::compute_agenda(inputs);
    pack.plan = planner(pack.context, inputs);
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  const auto lock_path = lock_path_beside(options.folder);
  const auto lock = FileLock::try_take(lock_path);
  if (!lock) return {std::nullopt, lock_path};
  pack.result = write_pack(workspace, pack.context, pack.plan, pack.agenda, options, now);
  return {std::move(pack), {}};
}

PackAttempt build_sitting_pack(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, const PackOptions& options,
                               panel::UtcInstant now) {
  PackOptions in_folder = options;
  if (in_folder.folder.empty()) in_folder.folder = workspace.pack_path(panel_id, date);
  return build_pack_folder(workspace, panel_id, date, in_folder, now,
                           [](const SittingContext&, const panel::AgendaInputs& inputs) {
                             return panel::plan_pack(inputs);
                           });
}

PackInputs current_pack_inputs(const Workspace& workspace, const std::string& panel_id,
                               panel::CalendarDate date, panel::UtcInstant now) {
  const SittingContext context = load_sitting(workspace, panel_id, date);
  panel::PackPlan plan;
  try {
    plan = panel::plan_pack(context.agenda_inputs(workspace, now));
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  return pack_inputs(workspace, context, plan);
}

}  // namespace panelpack::office
