// `panelpack tracker -o tracker.xlsx`: every decision and action of the office's sittings as a
// spreadsheet (XLSX, or CSV when OUTPUT ends in .csv), from the same decisions files as the
// records (office/records/tracker.hpp does the work).

#include <array>
#include <filesystem>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/records/tracker.hpp"

namespace panelpack::cli {
namespace {

namespace fs = std::filesystem;

const std::array<OptionSpec, 6> tracker_options = {{
    {"office", '\0', true},
    {"output", 'o', true},
    {"from", '\0', true},
    {"to", '\0', true},
    {"now", '\0', true},
    {"help", 'h', false},
}};

}  // namespace

ExitCode run_tracker(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, tracker_options);
  if (!arguments.positionals().empty())
    throw UsageError("tracker takes no arguments, only options");
  const auto output = arguments.value("output");
  if (!output) throw UsageError("tracker needs -o tracker.xlsx (or tracker.csv)");
  const fs::path path = *output;
  if (path.extension() != ".xlsx" && path.extension() != ".csv") {
    throw UsageError("-o must end in .xlsx or .csv");
  }
  office::TrackerRequest request;
  request.now = now_from(arguments.value("now"));
  if (arguments.value("from")) request.from = date_argument(*arguments.value("from"), "--from");
  if (arguments.value("to")) request.to = date_argument(*arguments.value("to"), "--to");
  if (request.to < request.from) throw UsageError("--to is before --from");

  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::TrackerResult result = office::build_office_tracker(workspace, request);
  for (const auto& problem : result.skipped) std::cerr << "panelpack: skipped: " << problem << '\n';
  const auto written =
      office::write_tracker(path, office::tracker_workbook(workspace, result.tracker));
  std::cout << "wrote " << written.front().string();
  if (written.size() > 1) std::cout << " and " << written.back().string();
  std::cout << ": " << result.tracker.decisions.size() << " decisions, "
            << result.tracker.actions.size() << " actions\n";
  return result.skipped.empty() ? ExitCode::success : ExitCode::bad_input;
}

}  // namespace panelpack::cli
