#include "office/sitting/agenda_addendum.hpp"

namespace panelpack::office {

std::string addendum_folder_name(panel::CalendarDate date, int number) {
  return date.iso() + "-addendum-" + std::to_string(number);
}

std::filesystem::path addendum_folder(const Workspace& workspace, const std::string& panel_id,
                                      panel::CalendarDate date, int number) {
  return workspace.pack_path(panel_id, date).parent_path() / addendum_folder_name(date, number);
}

PackAttempt build_agenda_addendum(const Workspace& workspace, const std::string& panel_id,
                                  panel::CalendarDate date, int number, PackOptions options,
                                  panel::UtcInstant now) {
  if (options.folder.empty()) options.folder = addendum_folder(workspace, panel_id, date, number);
  const auto agenda_only = [&](const SittingContext& context, const panel::AgendaInputs&) {
    const std::string agenda_template = workspace.template_path("agenda", context.panel).string();
    panel::PackPlan plan;
    plan.name = panel_id + "-" + date.iso() + "-addendum-" + std::to_string(number);
    plan.entries.push_back(
        {panel::pack_file_name(0, 0, "", "agenda", panel::extension_of(agenda_template)),
         panel::PackSource::agenda, 0, "", "agenda", agenda_template, "", "Agenda", "Agenda"});
    return plan;
  };
  return build_pack_folder(workspace, panel_id, date, options, now, agenda_only);
}

}  // namespace panelpack::office
