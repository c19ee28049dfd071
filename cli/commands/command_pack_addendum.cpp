// `panelpack pack addendum PANEL DATE`: the members of a circulated sitting whose agenda changed
// are sent the new agenda now, as the next tick would send it (office/tick/sitting_addendum.hpp).

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/tick/sitting_addendum.hpp"
#include "output/progress.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 5> addendum_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"quiet", 'q', false},
    {"json", '\0', false},
    {"help", 'h', false},
}};

void print_sent(const office::AddendumSent& sent) {
  std::cout << "addendum " << sent.number << " (" << sent.changes << ") built in "
            << sent.folder.string() << "/ and queued to " << sent.emails.size()
            << (sent.emails.size() == 1 ? " person" : " people")
            << "; the next panelpack tick sends it\n";
  for (const auto& email : sent.emails) {
    std::cout << "  row " << email.row << ": " << email.recipient << '\n';
  }
  for (const auto& problem : sent.problems) std::cout << "  not queued: " << problem << '\n';
}

void print_json(const office::AddendumSent& sent) {
  nlohmann::ordered_json emails = nlohmann::ordered_json::array();
  for (const auto& email : sent.emails) {
    emails.push_back({{"row", email.row}, {"recipient", email.recipient}});
  }
  const nlohmann::ordered_json output{{"number", sent.number},
                                      {"changes", sent.changes},
                                      {"folder", sent.folder.string()},
                                      {"emails", std::move(emails)},
                                      {"problems", sent.problems}};
  std::cout << output.dump(2) << '\n';
}

}  // namespace

ExitCode run_pack_addendum(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, addendum_options);
  if (arguments.positionals().size() != 2) {
    throw UsageError("pack addendum takes a PANEL and a DATE");
  }
  office::AddendumRequest request;
  request.panel_id = arguments.positionals()[0];
  request.date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  request.now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  TerminalProgress progress(stderr_is_terminal() && !arguments.has("quiet"));
  request.progress = &progress;

  const office::AddendumOutcome outcome = office::send_addendum(workspace, request);
  if (outcome.busy()) throw busy_failure(outcome.busy_lock);
  if (arguments.has("json")) {
    print_json(*outcome.sent);
  } else if (!arguments.has("quiet")) {
    print_sent(*outcome.sent);
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
