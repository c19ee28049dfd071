// `panelpack chase PANEL DATE CASEREF --paper TYPE`: queues a chaser for a missing paper to the
// case's presenters through office/sitting/paper_chaser.hpp (the Sitting page's "Send a
// chaser"), and prints to whom. The next tick sends it.

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/sitting/paper_chaser.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 4> chase_options = {{
    {"office", '\0', true},
    {"paper", '\0', true},
    {"now", '\0', true},
    {"help", 'h', false},
}};

}  // namespace

ExitCode run_chase(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, chase_options);
  if (arguments.positionals().size() != 3) {
    throw UsageError("chase takes a PANEL, a DATE and a CASEREF, and --paper TYPE");
  }
  const auto paper = arguments.value("paper");
  if (!paper) throw UsageError("chase needs --paper TYPE: which missing paper to chase");
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  const auto now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::PaperChaserResult result = office::send_paper_chaser(
      workspace, {{arguments.positionals()[0], date}, arguments.positionals()[2], *paper, now});
  if (result.refused) throw CommandFailure(exit_code_for(*result.refused), result.message);
  std::cout << result.message << '\n';
  std::cout << "the next panelpack tick sends it (panelpack outbox list shows it waiting)\n";
  return ExitCode::success;
}

}  // namespace panelpack::cli
