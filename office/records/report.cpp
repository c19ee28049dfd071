#include "office/records/report.hpp"

#include <string>
#include <vector>

#include "office/documents/document_rendering.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/records/decision_files.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

QuarterlyReport quarterly_report(const Workspace& workspace, const ReportRequest& request) {
  std::vector<std::string> problems;
  std::vector<panel::CaseSummary> cases;
  for (const auto& file : workspace.load_all_cases(problems)) cases.push_back(file.summary);
  const auto booked = workspace.load_all_bookings(problems);
  const auto decisions = load_all_decisions(workspace, problems);
  if (!problems.empty()) {
    std::string message;
    for (const auto& problem : problems) message += problem + "\n";
    throw OfficeError(OfficeError::Code::bad_input,
                      message + "the report counts every file: fix these and run again");
  }
  const panel::ReportInputs inputs{workspace.office(), cases, booked, decisions,
                                   workspace.calendar()};
  try {
    return {request.quarter, panel::quarter_figures(inputs, request.quarter),
            panel::quarter_figures(inputs, request.quarter.previous()),
            panel::report_data(inputs, request.quarter, request.now)};
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
}

void write_report(const Workspace& workspace, const QuarterlyReport& report,
                  const std::filesystem::path& output) {
  const DocumentRenderer renderer(workspace.template_path("report"));
  write_output(output, renderer.render(nlohmann::json(report.data),
                                       "the " + report.quarter.id() + " report"));
}

}  // namespace panelpack::office
