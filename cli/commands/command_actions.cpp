// `panelpack actions [--overdue] [--person NAME] [--team TEAM] [--panel ID] [--json]`: every
// action of the decisions files, by due date (office/records/action_list.hpp, the console's
// Actions page); `panelpack actions done PANEL DATE CASEREF ID --note TEXT`: one marked done
// with what was done, through the same operation as the page's "Mark as done".

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/records/action_list.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 9> actions_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"overdue", '\0', false},
    {"person", '\0', true},
    {"team", '\0', true},
    {"panel", '\0', true},
    {"note", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
}};

std::string status_words(const office::ActionRow& action) {
  if (action.overdue) return "OVERDUE";
  if (action.status == "done") return "done";
  if (action.status == "cancelled") return "cancelled";
  return "open";
}

nlohmann::ordered_json to_json(const office::ActionRow& action) {
  nlohmann::ordered_json json = {{"panel", action.panel_id},
                                 {"sitting", action.sitting.iso()},
                                 {"caseRef", action.case_ref},
                                 {"id", action.id},
                                 {"description", action.description},
                                 {"owner", action.owner.to_json()},
                                 {"dueDate", action.due ? action.due->iso() : ""},
                                 {"status", action.status},
                                 {"overdue", action.overdue}};
  if (action.completed) json["completedDate"] = action.completed->iso();
  if (!action.completion_note.empty()) json["completionNote"] = action.completion_note;
  return json;
}

ExitCode list(const Arguments& arguments) {
  if (arguments.has("note")) throw UsageError("--note is for actions done");
  const auto now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  office::ActionFilter filter;
  filter.person = arguments.value("person").value_or("");
  filter.team = arguments.value("team").value_or("");
  filter.panel_id = arguments.value("panel").value_or("");
  filter.overdue_only = arguments.has("overdue");
  const office::ActionList list =
      office::list_actions(workspace, filter, panel::utc_to_local(now).date);
  if (arguments.has("json")) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const office::ActionRow& action : list.actions) rows.push_back(to_json(action));
    std::cout << nlohmann::ordered_json{{"today", list.today.iso()},
                                        {"overdue", list.overdue},
                                        {"actions", std::move(rows)},
                                        {"problems", list.problems}}
                     .dump(2)
              << '\n';
  } else {
    std::cout << list.actions.size() << (list.actions.size() == 1 ? " action" : " actions")
              << " on " << list.today.iso() << " (" << list.overdue << " overdue in the office)\n";
    for (const office::ActionRow& action : list.actions) {
      std::cout << "  " << (action.due ? action.due->iso() : std::string(10, ' ')) << "  "
                << status_words(action) << "  " << action.panel_id << " " << action.sitting.iso()
                << " " << action.case_ref << " " << action.id << "  " << action.owner.name << '\n';
    }
  }
  for (const std::string& problem : list.problems) {
    std::cerr << "panelpack: skipped: " << problem << '\n';
  }
  return list.problems.empty() ? ExitCode::success : ExitCode::bad_input;
}

ExitCode done(const Arguments& arguments) {
  const auto& words = arguments.positionals();
  if (words.size() != 5)
    throw UsageError("actions done takes a PANEL, a DATE, a CASEREF and an ID");
  const auto note = arguments.value("note");
  if (!note) throw UsageError("actions done needs --note TEXT: what was done");
  const auto date = date_argument(words[2], "the sitting's DATE");
  const auto now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::ActionDoneResult result = office::mark_action_done(
      workspace, {words[1], date, words[3], words[4], *note, std::nullopt, now});
  if (result.refused) {
    throw CommandFailure(result.refused == office::ActionDoneRefusal::no_note ? ExitCode::usage
                                                                              : ExitCode::bad_input,
                         result.message);
  }
  std::cout << result.message << '\n';
  return ExitCode::success;
}

}  // namespace

ExitCode run_actions(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, actions_options);
  const auto& positionals = arguments.positionals();
  if (positionals.empty()) return list(arguments);
  if (positionals.front() == "done") return done(arguments);
  throw UsageError("actions takes no arguments to list, or done PANEL DATE CASEREF ID --note TEXT");
}

}  // namespace panelpack::cli
