// `panelpack report --quarter 2026-Q3 -o report.docx`: the quarterly highlight report, its
// figures this quarter beside the last, filled into the office's report template.

#include <array>
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/decision_files.hpp"
#include "office/documents/document_rendering.hpp"
#include "office/files.hpp"
#include "office_arguments.hpp"
#include "panel/panel_error.hpp"
#include "panel/quarterly_report.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 6> report_options = {{
    {"office", '\0', true},
    {"quarter", '\0', true},
    {"output", 'o', true},
    {"json", '\0', false},
    {"now", '\0', true},
    {"help", 'h', false},
}};

}  // namespace

ExitCode run_report(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, report_options);
  if (!arguments.positionals().empty()) throw UsageError("report takes no arguments, only options");
  const auto quarter_text = arguments.value("quarter");
  if (!quarter_text) throw UsageError("report needs --quarter, e.g. --quarter 2026-Q3");
  const auto output = arguments.value("output");
  if (!output && !arguments.has("json")) throw UsageError("report needs -o report.docx or --json");
  panel::Quarter quarter;
  try {
    quarter = panel::Quarter::parse(*quarter_text);
  } catch (const panel::PanelError&) {
    throw UsageError("--quarter must be a year and quarter such as 2026-Q3, not '" + *quarter_text +
                     "'");
  }
  const auto now = now_from(arguments.value("now"));

  const Workspace workspace = open_workspace(arguments.value("office"));
  std::vector<std::string> problems;
  std::vector<panel::CaseSummary> cases;
  for (const auto& file : workspace.load_all_cases(problems)) cases.push_back(file.summary);
  const auto booked = workspace.load_all_bookings(problems);
  const auto decisions = load_all_decisions(workspace, problems);
  if (!problems.empty()) {
    // A figure computed without some of the files would be wrong without saying so.
    std::string message;
    for (const auto& problem : problems) message += problem + "\n";
    throw CommandFailure(ExitCode::bad_input,
                         message + "the report counts every file: fix these and run again");
  }
  const panel::ReportInputs inputs{workspace.office(), cases, booked, decisions,
                                   workspace.calendar()};
  nlohmann::ordered_json data;
  try {
    data = panel::report_data(inputs, quarter, now);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  if (arguments.has("json")) std::cout << data.dump(2) << '\n';
  if (output) {
    const DocumentRenderer renderer(workspace.template_path("report"));
    write_output(*output, renderer.render(nlohmann::json(data), "the " + quarter.id() + " report"));
    if (!arguments.has("json")) std::cout << "wrote " << *output << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
