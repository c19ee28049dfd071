// The Actions pages: the office's actions in a GOV.UK table with a filter form whose choices go
// in the address (GET), overdue ones tagged red; an administrator marks an open one done on a
// small form page with "What was done" (office::mark_action_done, through change_decisions,
// against the version the form was opened on). Rows name cases by reference: each view is
// audited, and every mark (done or refused) is audited as action_done with the action's ids.

#include "console/server/action_pages.hpp"

#include <optional>
#include <string>

#include <Poco/URI.h>

#include "console/server/console_pages.hpp"
#include "console/server/sitting_address.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/mail/mail_content.hpp"
#include "office/records/action_list.hpp"
#include "office/records/decisions_change.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

bool administrator(const RequestContext& request) {
  return request.session && request.session->account.role == store::Role::administrator;
}

std::string query_value(const RequestContext& request, const char* name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

std::string encoded(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]", out);
  return out;
}

office::ActionFilter filter_of(const RequestContext& request) {
  office::ActionFilter filter;
  filter.person = query_value(request, "person");
  filter.team = query_value(request, "team");
  filter.panel_id = query_value(request, "panel");
  filter.overdue_only = query_value(request, "overdue") == "1";
  return filter;
}

// The filter as an address's query ("person=Hannah%20Westerby&overdue=1"), to come back to.
std::string filter_query(const office::ActionFilter& filter) {
  std::string query;
  const auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + encoded(value);
  };
  add("person", filter.person);
  add("team", filter.team);
  add("panel", filter.panel_id);
  if (filter.overdue_only) add("overdue", "1");
  return query;
}

// "/actions/permanence/2026-12-15/LCS900102/A1/done"
std::string done_path(const office::ActionRow& row) {
  return "/actions/" + encoded(row.panel_id) + "/" + row.sitting.iso() + "/" +
         encoded(row.case_ref) + "/" + encoded(row.id) + "/done";
}

// "permanence/2026-12-15/LCS900102/A1": the action as the audit names it.
std::string audit_id(const std::string& panel_id, panel::CalendarDate sitting,
                     const std::string& case_ref, const std::string& action_id) {
  return panel_id + "/" + sitting.iso() + "/" + case_ref + "/" + action_id;
}

nlohmann::json options(const std::vector<std::string>& values, const std::string& chosen) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& value : values) {
    nlohmann::json option = {{"value", value}, {"text", value}};
    if (value == chosen) option["selected"] = true;
    list.push_back(std::move(option));
  }
  return list;
}

std::string owner_words(const panel::Person& owner) {
  std::string words = owner.name.empty() ? "Not named" : owner.name;
  if (!owner.role.empty()) words += ", " + owner.role;
  return words;
}

// Status in words with its tag's colour: overdue red, open blue, done green, cancelled grey.
void add_status(nlohmann::json& row, const office::ActionRow& action) {
  if (action.overdue) {
    row["status_words"] = "Overdue";
    row["tag"] = "govuk-tag--red";
  } else if (action.status == "done") {
    row["status_words"] = "Done";
    row["tag"] = "govuk-tag--green";
  } else if (action.status == "cancelled") {
    row["status_words"] = "Cancelled";
    row["tag"] = "govuk-tag--grey";
  } else {
    row["status_words"] = "Open";
    row["tag"] = "govuk-tag--blue";
  }
}

nlohmann::json action_json(const office::ActionRow& action) {
  nlohmann::json row = {
      {"panel_id", action.panel_id},
      {"panel_name", action.panel_name},
      {"sitting_words", office::long_date(action.sitting)},
      {"sitting_href", "/sittings/" + action.panel_id + "/" + action.sitting.iso()},
      {"case_ref", action.case_ref},
      {"id", action.id},
      {"row_id", "action-" + action.case_ref + "-" + action.id + "-" + action.sitting.iso()},
      {"description", action.description},
      {"owner", owner_words(action.owner)},
      {"team", action.owner.team},
      {"email", action.owner.email},
      {"due", action.due ? office::long_date(*action.due) : "No date"}};
  add_status(row, action);
  if (action.completed) row["completed"] = office::long_date(*action.completed);
  if (!action.completion_note.empty()) row["note"] = action.completion_note;
  if (action.open()) row["open"] = true;
  return row;
}

// The list's filter to go back to, as filter_query wrote it: only the characters it writes, so
// it can go into an address and a redirect as it is.
std::string safe_back(const std::string& text) {
  std::string back;
  for (const char c : text.substr(0, 600)) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '%' || c == '&' || c == '=' || c == '.' || c == '-' || c == '_';
    if (plain) back += c;
  }
  return back;
}

panel::CalendarDate today_in_london(ConsoleSite& site) {
  return panel::utc_to_local(site.store.now()).date;
}

struct ActionAddress {
  office::SittingId sitting;
  std::string case_ref;
  std::string action_id;
};

std::optional<ActionAddress> action_in_address(const office::Workspace& workspace,
                                               const RequestContext& request) {
  const auto sitting = known_sitting_in_address(workspace, request);
  if (!sitting) return std::nullopt;
  const std::string case_ref = plain_reference(request.parameter("case"));
  const std::string action_id = plain_reference(request.parameter("id"));
  if (case_ref.empty() || action_id.empty() || case_ref != request.parameter("case") ||
      action_id != request.parameter("id")) {
    return std::nullopt;
  }
  return ActionAddress{*sitting, case_ref, action_id};
}

// The "Mark as done" form for `action`, with `data`'s errors and the note typed so far.
Reply done_page(const office::ActionRow& action, const std::string& version,
                const std::string& note, const std::string& back, nlohmann::json data,
                HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  data["action"] = action_json(action);
  data["form_path"] = done_path(action);
  data["version"] = version;
  data["typed_note"] = note;  // not "note": the action's own note shows in its section
  data["back"] = back;
  data["back_href"] = "/actions" + (back.empty() ? std::string() : "?" + back);
  return show("actions_done", "Mark an action as done", std::move(data), status);
}

}  // namespace

Reply actions_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const office::ActionFilter filter = filter_of(request);
  const office::ActionList list = office::list_actions(workspace, filter, today_in_london(site));
  const bool admin = administrator(request);
  nlohmann::json rows = nlohmann::json::array();
  for (const office::ActionRow& action : list.actions) {
    nlohmann::json row = action_json(action);
    if (admin && action.open()) {
      const std::string query = filter_query(filter);
      row["done_href"] = done_path(action) + (query.empty() ? "" : "?back=" + encoded(query));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> panel_ids;
  nlohmann::json panels = nlohmann::json::array();
  for (const panel::PanelConfig& panel : workspace.office().panels) {
    nlohmann::json option = {{"value", panel.id}, {"text", panel.name}};
    if (panel.id == filter.panel_id) option["selected"] = true;
    panels.push_back(std::move(option));
  }
  nlohmann::json data = {{"rows", rows},
                         {"people", options(list.people, filter.person)},
                         {"teams", options(list.teams, filter.team)},
                         {"panels", panels},
                         {"today_words", office::long_date(list.today)},
                         {"overdue_count", list.overdue},
                         {"shown", list.actions.size()}};
  data["overdue_words"] = list.overdue == 1 ? "1 action is overdue"
                                            : std::to_string(list.overdue) + " actions are overdue";
  data["shown_words"] =
      list.actions.size() == 1 ? "1 action" : std::to_string(list.actions.size()) + " actions";
  if (filter.overdue_only) data["overdue_only"] = true;
  const bool filtered = !filter_query(filter).empty();
  if (filtered) data["filtered"] = true;
  if (list.actions.empty()) data["no_rows"] = true;
  if (admin) data["administrator"] = true;
  nlohmann::json problems = nlohmann::json::array();
  for (const std::string& problem : list.problems) problems.push_back({{"text", problem}});
  if (!list.problems.empty()) data["has_problems"] = true;
  data["problems"] = std::move(problems);
  // After a mark: the banner names the action by ids (never its note or description).
  const std::string marked_case = plain_reference(query_value(request, "marked_case"));
  const std::string marked_action = plain_reference(query_value(request, "marked_action"));
  if (!marked_case.empty() && !marked_action.empty()) {
    data["success"] = "Action " + marked_action + " of " + marked_case + " is marked as done";
  }
  request.viewed_object_id = "actions";
  return show("actions", "Actions", std::move(data));
}

Reply action_done_form(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto address = action_in_address(workspace, request);
  if (!address) return not_found_page();
  const auto action =
      office::find_action(workspace, address->sitting.panel_id, address->sitting.date,
                          address->case_ref, address->action_id, today_in_london(site));
  if (!action) return not_found_page();
  const std::string version =
      office::decisions_version(workspace, address->sitting.panel_id, address->sitting.date);
  request.viewed_object_id = address->case_ref;
  nlohmann::json data = nlohmann::json::object();
  if (!action->open()) data["closed"] = true;
  return done_page(*action, version, "", safe_back(query_value(request, "back")), std::move(data));
}

Reply action_done_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto address = action_in_address(workspace, request);
  if (!address) return not_found_page();
  const office::SittingId& sitting = address->sitting;
  const std::string note = field(request.form, "completion_note");
  const std::string back = safe_back(field(request.form, "back"));
  office::ActionDoneRequest change{sitting.panel_id,   sitting.date, address->case_ref,
                                   address->action_id, note,         field(request.form, "version"),
                                   site.store.now()};
  const office::ActionDoneResult result = office::mark_action_done(workspace, change);
  store::AuditEvent event{
      "action_done", "action",
      audit_id(sitting.panel_id, sitting.date, address->case_ref, address->action_id)};
  if (result.refused == office::ActionDoneRefusal::stale) event.outcome = "stale";
  if (result.refused && result.refused != office::ActionDoneRefusal::stale) {
    event.outcome = "refused";
  }
  store::append_audit(site.store, request.actor(), event);
  if (result.done()) {
    return redirect_to("/actions?" + (back.empty() ? std::string() : back + "&") + "marked_case=" +
                       address->case_ref + "&marked_action=" + address->action_id + "#action-list");
  }
  const auto action =
      office::find_action(workspace, sitting.panel_id, sitting.date, address->case_ref,
                          address->action_id, today_in_london(site));
  if (!action) return not_found_page();
  nlohmann::json data = nlohmann::json::object();
  if (!action->open()) data["closed"] = true;
  switch (*result.refused) {
    case office::ActionDoneRefusal::no_note:
      add_error(data, "note", "completion-note", "Enter what was done");
      return done_page(*action, result.version, note, back, std::move(data),
                       HTTPResponse::HTTP_BAD_REQUEST);
    case office::ActionDoneRefusal::stale:
      // The form again on the file as it is now, with the note kept: they look, then send it.
      add_error(data, "stale", "completion-note", result.message);
      return done_page(*action, result.version, note, back, std::move(data),
                       HTTPResponse::HTTP_CONFLICT);
    case office::ActionDoneRefusal::not_open:
      add_error(data, "closed", "action-summary",
                "This action is " + action->status + " already, so nothing was changed");
      return done_page(*action, result.version, note, back, std::move(data),
                       HTTPResponse::HTTP_CONFLICT);
    case office::ActionDoneRefusal::not_found:
      break;
  }
  return not_found_page();
}

}  // namespace panelpack::console
