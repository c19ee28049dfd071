#include "office/sitting/sitting_agenda.hpp"

#include "office/documents/document_rendering.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

SittingAgenda sitting_agenda(const Workspace& workspace, const std::string& panel_id,
                             panel::CalendarDate date, panel::UtcInstant now) {
  SittingAgenda sitting{load_sitting(workspace, panel_id, date), {}};
  try {
    sitting.agenda = panel::compute_agenda(sitting.context.agenda_inputs(workspace, now));
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  return sitting;
}

void write_agenda_document(const Workspace& workspace, const SittingAgenda& agenda,
                           const std::filesystem::path& output) {
  const DocumentRenderer renderer(workspace.template_path("agenda", agenda.context.panel),
                                  "agenda");
  // The template is filled from the agenda's data with the words of its codes.
  nlohmann::json data(panel::to_json(agenda.agenda));
  add_code_labels(data, "agenda");
  write_output(output, renderer.render(data, "the agenda"));
}

}  // namespace panelpack::office
