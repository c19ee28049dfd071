// `panelpack apologies add|remove PANEL DATE MEMBER...`: records or withdraws members' apologies
// for a sitting through office/sitting/apologies.hpp (which holds the rules and the sitting's
// lock), and prints what was done and what the next tick will send.

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/sitting/apologies.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 3> apologies_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"help", 'h', false},
}};

}  // namespace

ExitCode run_apologies(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, apologies_options);
  const auto& given = arguments.positionals();
  if (given.empty() || (given[0] != "add" && given[0] != "remove")) {
    throw UsageError("apologies takes add or remove, then PANEL DATE MEMBER...");
  }
  if (given.size() < 4) {
    throw UsageError("apologies " + given[0] +
                     " takes PANEL DATE and the name of at least one member, as office.json "
                     "writes it (\"Dr Anjali Mistry\")");
  }
  office::ApologiesRequest request;
  request.sitting = {given[1], date_argument(given[2], "the sitting's DATE")};
  request.how =
      given[0] == "add" ? office::ApologiesChange::record : office::ApologiesChange::withdraw;
  request.members.assign(given.begin() + 3, given.end());  // after add PANEL DATE
  request.now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::BookingResult result = office::change_apologies(workspace, request);
  if (result.refused) throw CommandFailure(exit_code_for(*result.refused), result.message);
  std::cout << result.message << '\n';
  if (!result.forecast.empty()) std::cout << result.forecast << '\n';
  return ExitCode::success;
}

}  // namespace panelpack::cli
