// `panelpack agenda PANEL DATE`: the sitting's agenda as data (--json) or filled into the
// office's agenda template (-o FILE).

#include <array>
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/documents/document_rendering.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/files.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office_arguments.hpp"
#include "panel/panel_error.hpp"

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

  const Workspace workspace = open_workspace(arguments.value("office"));
  const SittingContext context = load_sitting(workspace, panel_id, date);
  nlohmann::ordered_json agenda;
  try {
    agenda = panel::build_agenda(context.agenda_inputs(workspace, now));
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  if (arguments.has("json")) std::cout << agenda.dump(2) << '\n';
  if (output) {
    const DocumentRenderer renderer(workspace.template_path("agenda", context.panel));
    nlohmann::json data(agenda);
    add_code_labels(data, "agenda");
    write_output(*output, renderer.render(data, "the agenda"));
    if (!arguments.has("json")) std::cout << "wrote " << *output << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
