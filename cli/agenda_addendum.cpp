#include "agenda_addendum.hpp"

#include "exit_codes.hpp"
#include "file_lock.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::cli {

std::filesystem::path addendum_folder(const Workspace& workspace, const std::string& panel_id,
                                      panel::CalendarDate date, int number) {
  return workspace.pack_path(panel_id, date).parent_path() /
         (date.iso() + "-addendum-" + std::to_string(number));
}

SittingPack build_agenda_addendum(const Workspace& workspace, const std::string& panel_id,
                                  panel::CalendarDate date, int number, PackOptions options,
                                  panel::UtcInstant now) {
  SittingPack pack{load_sitting(workspace, panel_id, date), {}, {}};
  const auto inputs = pack.context.agenda_inputs(workspace, now);
  nlohmann::ordered_json agenda;
  try {
    agenda = panel::build_agenda(inputs);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  const std::string agenda_template =
      workspace.template_path("agenda", pack.context.panel).string();
  pack.plan.name = panel_id + "-" + date.iso() + "-addendum-" + std::to_string(number);
  pack.plan.entries.push_back(
      {panel::pack_file_name(0, 0, "", "agenda", panel::extension_of(agenda_template)),
       panel::PackSource::agenda, 0, "", "agenda", agenda_template, "", "Agenda", "Agenda"});
  if (options.folder.empty()) options.folder = addendum_folder(workspace, panel_id, date, number);
  const FileLock lock(lock_path_beside(options.folder), false);
  pack.result = write_pack(workspace, pack.context, pack.plan, agenda, options, now);
  return pack;
}

}  // namespace panelpack::cli
