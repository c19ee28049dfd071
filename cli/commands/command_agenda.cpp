// `panelpack agenda PANEL DATE`: the sitting's agenda as data (--json) or filled into the
// office's agenda template (-o FILE).

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/sitting/sitting_agenda.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 5> agenda_options = {{
    {"office", '\0', true},
    {"output", 'o', true},
    {"json", '\0', false},
    {"now", '\0', true},
    {"help", 'h', false},
}};

}  // namespace

ExitCode run_agenda(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, agenda_options);
  if (arguments.positionals().size() != 2) throw UsageError("agenda takes a PANEL and a DATE");
  const auto output = arguments.value("output");
  if (!output && !arguments.has("json")) throw UsageError("agenda needs -o FILE or --json");
  const std::string& panel_id = arguments.positionals()[0];
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  const auto now = now_from(arguments.value("now"));

  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::SittingAgenda agenda = office::sitting_agenda(workspace, panel_id, date, now);
  if (arguments.has("json")) std::cout << panel::to_json(agenda.agenda).dump(2) << '\n';
  if (output) {
    office::write_agenda_document(workspace, agenda, *output);
    if (!arguments.has("json")) std::cout << "wrote " << *output << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
