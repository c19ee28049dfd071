// The Settings summary (office.json's panels, mail and templates, each with a "Change" link), a
// panel's form (name, kind, deadline rules) with its members listed, and a member's form (add,
// change) and removal. Each form carries office.json's version: a change made meanwhile
// refuses it (office/settings/office_settings.hpp).

#include <string>

#include "console/server/console_pages.hpp"
#include "console/server/settings_page_parts.hpp"
#include "console/server/settings_pages.hpp"
#include "office/error.hpp"

namespace panelpack::console {
namespace {

namespace settings = office::settings;
using Json = nlohmann::ordered_json;

const char* rule_label(const std::string& key) {
  if (key == "papersDue") return "Papers due";
  if (key == "pack") return "Pack circulated";
  return "Records due";
}

const char* rule_hint(const std::string& key) {
  if (key == "papersDue") return "When presenters' papers are due";
  if (key == "pack") return "When the agenda and papers go to the members";
  return "When the minutes and decision records are due";
}

std::string error_at(const FieldErrors& errors, const std::string& id) {
  const auto found = errors.find(id);
  return found == errors.end() ? std::string() : found->second;
}

// The panel `id` of file.json, or nothing.
const Json* find_panel(const Json& office, const std::string& id) {
  if (!office.contains("panels")) return nullptr;
  for (const Json& panel : office["panels"]) {
    if (panel.value("id", "") == id) return &panel;
  }
  return nullptr;
}

// The panel's own rule `key`, else the office's (and whose it is).
std::pair<const Json*, bool> rule_of(const Json& office, const Json& panel,
                                     const std::string& key) {
  if (panel.contains("deadlines") && panel["deadlines"].contains(key)) {
    return {&panel["deadlines"][key], true};
  }
  if (office.contains("deadlines") && office["deadlines"].contains(key)) {
    return {&office["deadlines"][key], false};
  }
  return {nullptr, false};
}

std::string person_words(const Json& person) {
  std::string text = person.value("name", "");
  if (person.contains("role")) text += ", " + person["role"].get<std::string>();
  return text;
}

Json panel_summary(const Json& office, const Json& panel) {
  Json members = Json::array();
  if (panel.contains("members")) {
    for (const Json& member : panel["members"]) {
      members.push_back({{"name", member.value("name", "")},
                         {"role", member.value("role", "")},
                         {"email", member.value("email", "")}});
    }
  }
  Json rules = Json::array();
  for (const std::string& key : settings::rule_keys()) {
    const auto [rule, own] = rule_of(office, panel, key);
    rules.push_back({{"label", rule_label(key)},
                     {"key", key},
                     {"words", rule ? rule_words(*rule) : "None"},
                     {"own", own}});
  }
  const std::string id = panel.value("id", "");
  return {{"id", id},
          {"name", panel.value("name", "")},
          {"type", panel_type_words(panel.value("type", ""))},
          {"chair", panel.contains("chair") ? person_words(panel["chair"]) : ""},
          {"chair_email", panel.contains("chair") ? panel["chair"].value("email", "") : ""},
          {"members", std::move(members)},
          {"rules", std::move(rules)},
          {"href", "/settings/panels/" + id}};
}

const char* done_words(const std::string& done) {
  if (done == "panel") return "The panel's settings were saved";
  if (done == "member_added") return "The member was added";
  if (done == "member_changed") return "The member's details were saved";
  if (done == "member_removed") return "The member was removed";
  if (done == "mail") return "The mail settings were saved";
  if (done == "templates") return "The templates were saved";
  return "";
}

void add_done(const RequestContext& request, Json& data) {
  const auto done = request.query.find("done");
  if (done == request.query.end()) return;
  const std::string words = done_words(done->second);
  if (!words.empty()) data["done"] = words;
}

Json options(const std::vector<std::pair<std::string, std::string>>& choices,
             const std::string& chosen) {
  Json list = Json::array();
  for (const auto& [value, words] : choices) {
    list.push_back({{"value", value}, {"words", words}, {"selected", value == chosen}});
  }
  return list;
}

const std::vector<std::pair<std::string, std::string>>& weekday_choices() {
  static const std::vector<std::pair<std::string, std::string>> choices{
      {"", "Choose a weekday"},   {"monday", "Monday"},     {"tuesday", "Tuesday"},
      {"wednesday", "Wednesday"}, {"thursday", "Thursday"}, {"friday", "Friday"},
      {"saturday", "Saturday"},   {"sunday", "Sunday"}};
  return choices;
}

settings::PanelForm panel_form_of(const Json& panel) {
  settings::PanelForm form{panel.value("name", ""), panel.value("type", ""), {}};
  for (const std::string& key : settings::rule_keys()) {
    settings::RuleForm rule;
    if (panel.contains("deadlines") && panel["deadlines"].contains(key)) {
      const Json& own = panel["deadlines"][key];
      rule = {own.value("kind", ""), own.contains("count") ? own["count"].dump() : std::string(),
              own.value("direction", "before"), own.value("weekday", ""), own.value("time", "")};
    }
    form.rules[key] = rule;
  }
  const Json chair = panel.value("chair", Json::object());
  form.chair = settings::MemberForm{chair.value("name", ""), chair.value("role", ""),
                                    chair.value("team", ""), chair.value("email", "")};
  return form;
}

settings::PanelForm panel_form_typed(const RequestContext& request) {
  settings::PanelForm form{field(request.form, "name"), field(request.form, "type"), {}};
  for (const std::string& key : settings::rule_keys()) {
    form.rules[key] = {field(request.form, key + "-kind"), field(request.form, key + "-count"),
                       field(request.form, key + "-direction"),
                       field(request.form, key + "-weekday"), field(request.form, key + "-time")};
  }
  form.chair =
      settings::MemberForm{field(request.form, "chair-name"), field(request.form, "chair-role"),
                           field(request.form, "chair-team"), field(request.form, "chair-email")};
  return form;
}

Json panel_form_data(const Json& office, const Json& panel, const std::string& version,
                     const settings::PanelForm& form, const FieldErrors& errors) {
  Json data = panel_summary(office, panel);
  data["version"] = version;
  data["name_value"] = form.name;
  data["name_error"] = error_at(errors, "name");
  data["type_error"] = error_at(errors, "type");
  if (form.chair) {
    data["chair_name_value"] = form.chair->name;
    data["chair_role_value"] = form.chair->role;
    data["chair_team_value"] = form.chair->team;
    data["chair_email_value"] = form.chair->email;
  }
  for (const char* part : {"name", "role", "team", "email"}) {
    data[std::string("chair_") + part + "_error"] = error_at(errors, std::string("chair-") + part);
  }
  data["types"] = options({{"permanence_panel", "Permanence Panel"},
                           {"pptm", "Permanence Planning Tracking Meeting"},
                           {"aep", "Achieving Early Permanence Panel"},
                           {"planning_panel", "Permanence Planning Panel"},
                           {"monitoring", "Permanence Monitoring Panel"}},
                          form.type);
  Json rules = Json::array();
  for (const std::string& key : settings::rule_keys()) {
    const settings::RuleForm& rule = form.rules.at(key);
    const Json* office_rule = office.contains("deadlines") && office["deadlines"].contains(key)
                                  ? &office["deadlines"][key]
                                  : nullptr;
    const std::string office_words =
        "The office's rule" + (office_rule ? " (" + rule_words(*office_rule) + ")" : "");
    Json item = {
        {"key", key},
        {"label", rule_label(key)},
        {"hint", rule_hint(key)},
        {"kinds", options({{"", office_words},
                           {"working_days", "Working days from the sitting"},
                           {"calendar_days", "Calendar days from the sitting"},
                           {"weekday_before", "A weekday before the sitting"}},
                          rule.kind)},
        {"count", rule.count},
        {"directions", options({{"before", "Before the sitting"}, {"after", "After the sitting"}},
                               rule.direction.empty() ? "before" : rule.direction)},
        {"weekdays", options(weekday_choices(), rule.weekday)},
        {"time", rule.time}};
    for (const char* part : {"kind", "count", "direction", "weekday", "time"}) {
      item[std::string(part) + "_error"] = error_at(errors, key + "-" + part);
    }
    rules.push_back(std::move(item));
  }
  data["rule_forms"] = std::move(rules);
  Json members = data["members"];
  for (std::size_t i = 0; i < members.size(); ++i) {
    members[i]["number"] = i + 1;
    members[i]["href"] =
        "/settings/panels/" + panel.value("id", "") + "/members/" + std::to_string(i + 1);
  }
  data["members"] = std::move(members);
  return without_empty_errors(std::move(data));
}

// The panel the address names, in `file` (read now); OfficeError (bad_argument, a 400 page)
// when office.json has none.
const Json* panel_in(ConsoleSite& site, const RequestContext& request, settings::OfficeFile& file) {
  file = settings::read_office_file(site.office_root);
  const Json* panel = find_panel(file.json, request.parameter("panel"));
  if (panel == nullptr) {
    throw office::OfficeError(office::OfficeError::Code::bad_argument,
                              "office.json has no panel " + request.parameter("panel") +
                                  ": choose one from the settings page");
  }
  return panel;
}

// The member number in the address (1, 2...) as an index, or nothing.
std::optional<std::size_t> member_index(const RequestContext& request, const Json& panel) {
  const std::string& text = request.parameter("member");
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const std::size_t number = std::stoul(text);
  if (number == 0 || !panel.contains("members") || number > panel["members"].size())
    return std::nullopt;
  return number - 1;
}

settings::MemberForm member_typed(const RequestContext& request) {
  return {field(request.form, "name"), field(request.form, "role"), field(request.form, "team"),
          field(request.form, "email")};
}

Json member_form_data(const Json& panel, const std::string& version,
                      const settings::MemberForm& form, const FieldErrors& errors,
                      std::optional<std::size_t> index) {
  const std::string id = panel.value("id", "");
  Json data = {{"panel_id", id},           {"panel_name", panel.value("name", "")},
               {"version", version},       {"name_value", form.name},
               {"role_value", form.role},  {"team_value", form.team},
               {"email_value", form.email}};
  for (const char* name : {"name", "role", "team", "email"}) {
    data[std::string(name) + "_error"] = error_at(errors, name);
  }
  if (index) {
    data["action"] = "/settings/panels/" + id + "/members/" + std::to_string(*index + 1);
    data["heading"] = "Change a member of the " + panel.value("name", "");
    data["button"] = "Save the member";
  } else {
    data["action"] = "/settings/panels/" + id + "/members/new";
    data["heading"] = "Add a member to the " + panel.value("name", "");
    data["button"] = "Add the member";
    data["adding"] = true;
  }
  return without_empty_errors(std::move(data));
}

}  // namespace

Reply settings_page(ConsoleSite& site, RequestContext& request) {
  const settings::OfficeFile file = settings::read_office_file(site.office_root);
  const Json& office = file.json;
  Json data = Json::object();
  Json panels = Json::array();
  for (const Json& panel : office["panels"]) panels.push_back(panel_summary(office, panel));
  data["panels"] = std::move(panels);
  data["allowed_domains"] = office.contains("allowedDomains")
                                ? settings::value_words(office["allowedDomains"])
                                : "Any (no allowedDomains set)";
  if (office.contains("mail")) {
    const Json& mail = office["mail"];
    const Json smtp = mail.value("smtp", Json::object());
    data["mail"] = {
        {"host", smtp.value("host", "")},
        {"port", smtp.contains("port") ? smtp["port"].dump() : "587 (the default)"},
        {"security", smtp.value("security", "starttls") == "plain"
                         ? "None: plain text to a relay on this computer"
                         : "STARTTLS (TLS 1.2 or later, certificate checked)"},
        {"from", mail.contains("from")
                     ? mail["from"].value("name", "") + " <" + mail["from"].value("email", "") + ">"
                     : ""},
        {"login", smtp.contains("username")
                      ? "Signs in as " + smtp["username"].get<std::string>() +
                            "; the password is read from " +
                            (smtp.contains("passwordFile") ? "a file" : "an environment variable") +
                            ", never shown here"
                      : "No sign-in to the relay"}};
  }
  Json templates = Json::array();
  const Json own = office.value("templates", Json::object());
  for (const std::string& kind : settings::template_kinds()) {
    templates.push_back({{"kind", kind},
                         {"file", own.contains(kind) ? own[kind].get<std::string>()
                                                     : "The template installed with panelpack"}});
  }
  data["templates"] = std::move(templates);
  add_done(request, data);
  return show("settings", "Settings", std::move(data));
}

Reply settings_panel_form(ConsoleSite& site, RequestContext& request) {
  settings::OfficeFile file;
  const Json* panel = panel_in(site, request, file);
  Json data = panel_form_data(file.json, *panel, file.version, panel_form_of(*panel), {});
  add_done(request, data);
  return show("settings_panel", "Change the " + panel->value("name", ""), std::move(data));
}

Reply settings_panel_submit(ConsoleSite& site, RequestContext& request) {
  const std::string id = request.parameter("panel");
  const settings::PanelForm typed = panel_form_typed(request);
  const settings::SettingsResult result =
      settings::change_panel(site.office_root, field(request.form, "version"), id, typed);
  return answer_setting(
      site, request, result, "panel/" + id, "/settings?done=panel#panel-" + id, "settings_panel",
      "Change the panel",
      [&](const FieldErrors& errors) {
        settings::OfficeFile file;
        const Json* panel = panel_in(site, request, file);
        return panel_form_data(file.json, *panel, field(request.form, "version"), typed, errors);
      },
      "name");
}

Reply settings_member_new_form(ConsoleSite& site, RequestContext& request) {
  settings::OfficeFile file;
  const Json* panel = panel_in(site, request, file);
  return show("settings_member", "Add a member",
              member_form_data(*panel, file.version, {}, {}, std::nullopt));
}

Reply settings_member_add(ConsoleSite& site, RequestContext& request) {
  const std::string id = request.parameter("panel");
  const settings::MemberForm typed = member_typed(request);
  const settings::SettingsResult result =
      settings::add_member(site.office_root, field(request.form, "version"), id, typed);
  return answer_setting(
      site, request, result, "panel/" + id + "/members",
      "/settings/panels/" + id + "?done=member_added#members", "settings_member", "Add a member",
      [&](const FieldErrors& errors) {
        settings::OfficeFile file;
        const Json* panel = panel_in(site, request, file);
        return member_form_data(*panel, field(request.form, "version"), typed, errors,
                                std::nullopt);
      },
      "name");
}

Reply settings_member_form(ConsoleSite& site, RequestContext& request) {
  settings::OfficeFile file;
  const Json* panel = panel_in(site, request, file);
  const auto index = member_index(request, *panel);
  if (!index) return not_found_page();
  const Json& member = (*panel)["members"][*index];
  const settings::MemberForm form{member.value("name", ""), member.value("role", ""),
                                  member.value("team", ""), member.value("email", "")};
  return show("settings_member", "Change a member",
              member_form_data(*panel, file.version, form, {}, index));
}

Reply settings_member_submit(ConsoleSite& site, RequestContext& request) {
  const std::string id = request.parameter("panel");
  settings::OfficeFile file;
  const Json* panel = panel_in(site, request, file);
  const auto index = member_index(request, *panel);
  if (!index) return not_found_page();
  const settings::MemberForm typed = member_typed(request);
  const settings::SettingsResult result =
      settings::change_member(site.office_root, field(request.form, "version"), id, *index, typed);
  return answer_setting(
      site, request, result, "panel/" + id + "/members",
      "/settings/panels/" + id + "?done=member_changed#members", "settings_member",
      "Change a member",
      [&](const FieldErrors& errors) {
        return member_form_data(*panel, field(request.form, "version"), typed, errors, index);
      },
      "name");
}

Reply settings_member_remove(ConsoleSite& site, RequestContext& request) {
  const std::string id = request.parameter("panel");
  settings::OfficeFile file;
  const Json* panel = panel_in(site, request, file);
  const auto index = member_index(request, *panel);
  if (!index) return not_found_page();
  const settings::SettingsResult result =
      settings::remove_member(site.office_root, field(request.form, "version"), id, *index);
  return answer_setting(
      site, request, result, "panel/" + id + "/members",
      "/settings/panels/" + id + "?done=member_removed#members", "settings_panel",
      "Change the panel",
      [&](const FieldErrors&) {
        return panel_form_data(file.json, *panel, file.version, panel_form_of(*panel), {});
      },
      "members");
}

}  // namespace panelpack::console
