// `panelpack report --quarter 2026-Q3 -o report.docx`: the quarterly highlight report, its
// figures this quarter beside the last, filled into the office's report template
// (office/records/report.hpp does the work).

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/records/report.hpp"
#include "panel/panel_error.hpp"

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
  office::ReportRequest request;
  try {
    request.quarter = panel::Quarter::parse(*quarter_text);
  } catch (const panel::PanelError&) {
    throw UsageError("--quarter must be a year and quarter such as 2026-Q3, not '" + *quarter_text +
                     "'");
  }
  request.now = now_from(arguments.value("now"));

  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::QuarterlyReport report = office::quarterly_report(workspace, request);
  if (arguments.has("json")) std::cout << report.data.dump(2) << '\n';
  if (output) {
    office::write_report(workspace, report, *output);
    if (!arguments.has("json")) std::cout << "wrote " << *output << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
