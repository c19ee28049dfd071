#include "office/records/action_list.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "office/error.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decisions_change.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool contains_any_case(const std::string& text, const std::string& part) {
  return lowercase(text).find(lowercase(part)) != std::string::npos;
}

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The actions of one sitting's decisions, each with what the typed decision leaves out (the
// owner's team and email, the completion note) read from the decision's own entry.
void add_rows(const Workspace& workspace, const panel::SittingDecisions& sitting,
              panel::CalendarDate today, std::vector<ActionRow>& rows) {
  std::string panel_name = sitting.panel_id;
  try {
    panel_name = workspace.office().panel(sitting.panel_id).name;
  } catch (const panel::PanelError&) {
    // A decisions folder of a panel office.json no longer has: its id names it.
  }
  for (const panel::Decision& decision : sitting.decisions) {
    const nlohmann::json entries = decision.entry.value("actions", nlohmann::json::array());
    for (std::size_t i = 0; i < decision.actions.size(); ++i) {
      const panel::RecordedAction& action = decision.actions[i];
      const nlohmann::json& entry = i < entries.size() ? entries[i] : nlohmann::json::object();
      ActionRow row;
      row.panel_id = sitting.panel_id;
      row.panel_name = panel_name;
      row.sitting = sitting.date;
      row.case_ref = decision.case_ref;
      row.id = action.id;
      row.description = action.description;
      if (const auto owner = entry.find("owner"); owner != entry.end() && owner->is_object()) {
        row.owner.name = text_of(*owner, "name");
        row.owner.role = text_of(*owner, "role");
        row.owner.team = text_of(*owner, "team");
        row.owner.email = text_of(*owner, "email");
      }
      row.due = action.due;
      row.status = action.status;
      row.completed = action.completed;
      row.completion_note = text_of(entry, "completionNote");
      row.overdue = action.overdue_on(today);
      rows.push_back(std::move(row));
    }
  }
}

bool wanted(const ActionRow& row, const ActionFilter& filter) {
  if (!filter.person.empty() && !contains_any_case(row.owner.name, filter.person)) return false;
  if (!filter.team.empty() && lowercase(row.owner.team) != lowercase(filter.team)) return false;
  if (!filter.panel_id.empty() && row.panel_id != filter.panel_id) return false;
  return !filter.overdue_only || row.overdue;
}

// Due date first (an action without one last), then sitting, case and id: what is due soonest
// leads.
bool before(const ActionRow& a, const ActionRow& b) {
  const auto key = [](const ActionRow& row) {
    return std::make_tuple(!row.due.has_value(), row.due.value_or(row.sitting), row.sitting,
                           row.panel_id, row.case_ref, row.id);
  };
  return key(a) < key(b);
}

// Thrown from inside the change to leave the file unwritten.
struct NotChanged {
  ActionDoneResult result;
};

ActionDoneResult refuse(ActionDoneRefusal why, std::string message, std::string version) {
  ActionDoneResult result;
  result.refused = why;
  result.message = std::move(message);
  result.version = std::move(version);
  return result;
}

}  // namespace

ActionList list_actions(const Workspace& workspace, const ActionFilter& filter,
                        panel::CalendarDate today) {
  ActionList list;
  list.today = today;
  std::vector<ActionRow> all;
  for (const panel::SittingDecisions& sitting : load_all_decisions(workspace, list.problems)) {
    add_rows(workspace, sitting, today, all);
  }
  std::set<std::string> people;
  std::set<std::string> teams;
  for (ActionRow& row : all) {
    if (!row.owner.name.empty()) people.insert(row.owner.name);
    if (!row.owner.team.empty()) teams.insert(row.owner.team);
    if (row.overdue) ++list.overdue;
    if (wanted(row, filter)) list.actions.push_back(std::move(row));
  }
  std::sort(list.actions.begin(), list.actions.end(), before);
  list.people.assign(people.begin(), people.end());
  list.teams.assign(teams.begin(), teams.end());
  return list;
}

std::optional<ActionRow> find_action(const Workspace& workspace, const std::string& panel_id,
                                     panel::CalendarDate sitting, const std::string& case_ref,
                                     const std::string& action_id, panel::CalendarDate today) {
  const auto decisions = load_decisions(workspace, panel_id, sitting);
  if (!decisions) return std::nullopt;
  std::vector<ActionRow> rows;
  add_rows(workspace, *decisions, today, rows);
  for (ActionRow& row : rows) {
    if (row.case_ref == case_ref && row.id == action_id) return std::move(row);
  }
  return std::nullopt;
}

ActionDoneResult mark_action_done(const Workspace& workspace, const ActionDoneRequest& request) {
  const std::string what = "action " + request.action_id + " of " + request.case_ref + " (" +
                           request.panel_id + " " + request.sitting.iso() + ")";
  std::string note = request.note;
  while (!note.empty() && std::isspace(static_cast<unsigned char>(note.back()))) note.pop_back();
  note.erase(0, std::min(note.size(), note.find_first_not_of(" \t\r\n")));
  if (note.empty()) {
    return refuse(ActionDoneRefusal::no_note,
                  "Enter what was done, so the record says how " + what + " was followed up",
                  decisions_version(workspace, request.panel_id, request.sitting));
  }
  try {
    workspace.office().panel(request.panel_id);
  } catch (const panel::PanelError& failure) {
    throw OfficeError(OfficeError::Code::bad_input, failure.what());
  }
  const panel::CalendarDate today = panel::utc_to_local(request.now).date;
  if (decisions_version(workspace, request.panel_id, request.sitting) == kNoDecisionsVersion) {
    return refuse(ActionDoneRefusal::not_found,
                  "there are no decisions recorded for " + request.panel_id + " " +
                      request.sitting.iso() + ", so there is no " + what,
                  kNoDecisionsVersion);
  }
  const auto change = [&](nlohmann::ordered_json& file) {
    for (auto& decision : file["decisions"]) {
      if (decision.value("caseRef", "") != request.case_ref) continue;
      if (!decision.contains("actions")) break;
      for (auto& action : decision["actions"]) {
        if (action.value("id", "") != request.action_id) continue;
        const std::string status = action.value("status", "open");
        if (status == "done" || status == "cancelled") {
          throw NotChanged{refuse(ActionDoneRefusal::not_open,
                                  what + " is " + status + " already; nothing was changed", "")};
        }
        // Only these three keys change: the rest of the file keeps its bytes and order.
        action["status"] = "done";
        action["completedDate"] = today.iso();
        action["completionNote"] = note;
        return;
      }
      break;
    }
    throw NotChanged{refuse(ActionDoneRefusal::not_found,
                            "there is no " + what + "; it may have been removed from the record",
                            "")};
  };
  const std::string* expected = request.expected_version ? &*request.expected_version : nullptr;
  DecisionsChange changed;
  try {
    changed = change_decisions(workspace, request.panel_id, request.sitting, expected, change);
  } catch (NotChanged& refused) {
    refused.result.version = decisions_version(workspace, request.panel_id, request.sitting);
    return std::move(refused.result);
  }
  if (changed.stale) {
    return refuse(ActionDoneRefusal::stale,
                  "The decisions of " + request.panel_id + " " + request.sitting.iso() +
                      " changed since you opened this page, so nothing was changed. Look at "
                      "the action again, then mark it as done if it still needs it",
                  changed.version);
  }
  ActionDoneResult result;
  result.version = changed.version;
  result.message = what + " is marked as done";
  return result;
}

}  // namespace panelpack::office
