#include "office/sitting/sitting_context.hpp"

#include "office/error.hpp"
#include "office/validated_json.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {

panel::AgendaInputs SittingContext::agenda_inputs(const Workspace& workspace,
                                                  panel::UtcInstant now) const {
  return {workspace.office(), *panel, sitting, bookings, summaries, workspace.calendar(), now};
}

SittingContext load_sitting(const Workspace& workspace, const std::string& panel_id,
                            panel::CalendarDate date) {
  SittingContext context;
  try {
    context.panel = &workspace.office().panel(panel_id);
    context.sitting = panel::find_sitting(*context.panel, date);
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  auto bookings = workspace.load_bookings(panel_id, date);
  if (bookings) {
    context.bookings = std::move(*bookings);
  } else {
    context.bookings.panel_id = panel_id;
    context.bookings.date = date;
  }
  std::vector<std::string> problems;
  for (const auto& item : context.bookings.items) {
    try {
      CaseFile file = workspace.load_case(item.case_ref);
      context.summaries.emplace(item.case_ref, file.summary);
      context.cases.emplace(item.case_ref, std::move(file));
    } catch (const OfficeError& failure) {
      if (failure.code() != OfficeError::Code::bad_input) throw;
      problems.emplace_back(failure.what());
    }
  }
  if (!problems.empty())
    throw OfficeError(OfficeError::Code::bad_input, problems_message(problems));
  return context;
}

}  // namespace panelpack::office
