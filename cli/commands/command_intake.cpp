// `panelpack intake`: the papers sent to the submission mailbox filed on their bookings, their
// senders answered, what cannot be placed kept for the administrator (office/intake/).

#include <array>
#include <iostream>

#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/intake/intake.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 4> intake_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
}};

nlohmann::ordered_json to_json(const office::IntakeResult& result) {
  return {{"messages", result.messages},
          {"filed", result.filed},
          {"refused", result.refused},
          {"unmatched", result.unmatched},
          {"alreadySeen", result.already_seen},
          {"repliesQueued", result.replies_queued},
          {"lines", result.lines}};
}

}  // namespace

ExitCode run_intake(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, intake_options);
  if (!arguments.positionals().empty()) throw UsageError("intake takes no arguments, only options");
  const auto now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::IntakeResult result = office::run_office_intake(workspace, {now});
  if (arguments.has("json")) {
    std::cout << to_json(result).dump(2) << '\n';
  } else {
    for (const std::string& line : result.lines) std::cout << line << '\n';
    std::cout << "intake: " << result.messages << " messages read, " << result.filed
              << " papers filed, " << result.refused << " refused, " << result.unmatched
              << " left unmatched, " << result.replies_queued
              << " replies queued (tick sends them)\n";
  }
  // A refused or unplaced paper needs a person: the sender, or the administrator.
  return result.refused + result.unmatched > 0 ? ExitCode::bad_input : ExitCode::success;
}

}  // namespace panelpack::cli
