#include "office/settings/office_settings.hpp"

#include <cctype>
#include <optional>

#include "office/error.hpp"
#include "office/files.hpp"
#include "office/office_change.hpp"

namespace panelpack::office::settings {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The panel object whose id is `id`, and its index; OfficeError (bad_argument) when none is.
std::pair<Json*, std::size_t> panel_of(Json& office, const std::string& id) {
  if (office.contains("panels") && office["panels"].is_array()) {
    for (std::size_t i = 0; i < office["panels"].size(); ++i) {
      if (office["panels"][i].value("id", "") == id) return {&office["panels"][i], i};
    }
  }
  throw OfficeError(OfficeError::Code::bad_argument,
                    "office.json has no panel " + id + ": choose one from the settings page");
}

std::string panel_pointer(std::size_t index) {
  return "/panels/" + std::to_string(index);
}

// A whole number as typed, or a problem beside the field. A minus sign is kept: the schema
// says why a negative number is refused, as `panelpack validate` does.
std::optional<long long> whole_number(const std::string& typed, const std::string& field,
                                      const std::string& what, SettingsEdit& edit) {
  const std::string text = trimmed(typed);
  const std::size_t digits = text.starts_with('-') ? 1 : 0;
  if (text.size() <= digits || text.size() > digits + 9 ||
      text.find_first_not_of("0123456789", digits) != std::string::npos) {
    edit.refuse(field, "Enter " + what + " as a whole number, like 3");
    return std::nullopt;
  }
  return std::stoll(text);
}

// Sets or takes out an optional text: empty typed text takes the key out.
void set_optional(Json& object, const std::string& key, const std::string& typed,
                  const std::string& setting, const std::string& field, const std::string& pointer,
                  SettingsEdit& edit) {
  const std::string text = trimmed(typed);
  if (text.empty()) {
    edit.erase(object, key, setting);
    edit.bind(pointer, field);
  } else {
    edit.set(object, key, text, setting, field, pointer);
  }
}

void set_rule(Json& panel, const std::string& pointer, const std::string& panel_id,
              const std::string& key, const RuleForm& form, SettingsEdit& edit) {
  const std::string setting = panel_id + " deadline " + key;
  const std::string rule_pointer = pointer + "/deadlines/" + key;
  edit.bind(rule_pointer, key + "-kind");
  const std::string kind = trimmed(form.kind);
  if (kind.empty()) {  // the office's rule
    if (panel.contains("deadlines")) {
      edit.erase(panel["deadlines"], key, setting);
      if (panel["deadlines"].empty()) panel.erase("deadlines");
    }
    return;
  }
  if (!panel.contains("deadlines")) panel["deadlines"] = Json::object();
  Json& deadlines = panel["deadlines"];
  if (!deadlines.contains(key)) deadlines[key] = Json::object();
  Json& rule = deadlines[key];
  edit.set(rule, "kind", kind, setting + " kind", key + "-kind", rule_pointer + "/kind");
  const bool weekday_rule = kind == "weekday_before";
  if (trimmed(form.count).empty() && weekday_rule) {
    edit.erase(rule, "count", setting + " count");
  } else if (const auto count =
                 whole_number(form.count, key + "-count", "the number of days", edit)) {
    edit.set(rule, "count", *count, setting + " count", key + "-count", rule_pointer + "/count");
  }
  if (weekday_rule) {
    edit.erase(rule, "direction", setting + " direction");
    if (trimmed(form.weekday).empty()) {
      edit.refuse(key + "-weekday", "Choose the weekday the deadline falls on");
    } else {
      edit.set(rule, "weekday", trimmed(form.weekday), setting + " weekday", key + "-weekday",
               rule_pointer + "/weekday");
    }
  } else {
    edit.erase(rule, "weekday", setting + " weekday");
    edit.set(rule, "direction",
             trimmed(form.direction).empty() ? "before" : trimmed(form.direction),
             setting + " direction", key + "-direction", rule_pointer + "/direction");
  }
  edit.set(rule, "time", trimmed(form.time), setting + " time", key + "-time",
           rule_pointer + "/time");
}

// A member's object from the form, keys in office.json's usual order.
// `prefix` names the form's fields: "" for a member's form, "chair-" for the panel's chair.
void set_member(Json& member, const std::string& pointer, const std::string& setting,
                const MemberForm& form, SettingsEdit& edit, const std::string& prefix = "") {
  edit.set(member, "name", trimmed(form.name), setting + " name", prefix + "name",
           pointer + "/name");
  set_optional(member, "role", form.role, setting + " role", prefix + "role", pointer + "/role",
               edit);
  set_optional(member, "team", form.team, setting + " team", prefix + "team", pointer + "/team",
               edit);
  edit.set(member, "email", trimmed(form.email), setting + " email", prefix + "email",
           pointer + "/email");
}

Json& members_of(Json& panel) {
  if (!panel.contains("members") || !panel["members"].is_array()) panel["members"] = Json::array();
  return panel["members"];
}

void check_index(const Json& members, std::size_t index) {
  if (index >= members.size()) {
    throw OfficeError(OfficeError::Code::bad_argument,
                      "the panel has no member " + std::to_string(index + 1) +
                          ": choose one from the panel's settings");
  }
}

std::string member_words(const Json& member) {
  return member.value("name", "") + " <" + member.value("email", "") + ">";
}

// The domains typed one a line, or separated by commas or spaces.
Json domains_of(const std::string& typed) {
  Json domains = Json::array();
  std::string current;
  for (const char c : typed + "\n") {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (!current.empty()) domains.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return domains;
}

}  // namespace

OfficeFile read_office_file(const std::filesystem::path& office_root) {
  const std::string text = read_input((office_root / "office.json").string());
  return {office_version(office_root), Json::parse(text)};
}

const std::vector<std::string>& rule_keys() {
  static const std::vector<std::string> keys{"papersDue", "pack", "minutes"};
  return keys;
}

const std::vector<std::string>& template_kinds() {
  static const std::vector<std::string> kinds{
      "agenda", "referral", "matching", "finance-request", "decision-record", "email", "report"};
  return kinds;
}

SettingsResult change_panel(const std::filesystem::path& office_root, const std::string& version,
                            const std::string& panel_id, const PanelForm& form) {
  return edit_office(office_root, version, [&](Json& office, SettingsEdit& edit) {
    auto [panel, index] = panel_of(office, panel_id);
    const std::string pointer = panel_pointer(index);
    edit.set(*panel, "name", trimmed(form.name), panel_id + " name", "name", pointer + "/name");
    edit.set(*panel, "type", trimmed(form.type), panel_id + " kind", "type", pointer + "/type");
    if (form.chair) {
      if (!panel->contains("chair")) (*panel)["chair"] = Json::object();
      set_member((*panel)["chair"], pointer + "/chair", panel_id + " chair", *form.chair, edit,
                 "chair-");
      edit.bind(pointer + "/chair", "chair-name");
    }
    for (const std::string& key : rule_keys()) {
      const auto rule = form.rules.find(key);
      if (rule != form.rules.end()) set_rule(*panel, pointer, panel_id, key, rule->second, edit);
    }
  });
}

SettingsResult add_member(const std::filesystem::path& office_root, const std::string& version,
                          const std::string& panel_id, const MemberForm& form) {
  return edit_office(office_root, version, [&](Json& office, SettingsEdit& edit) {
    auto [panel, index] = panel_of(office, panel_id);
    Json& members = members_of(*panel);
    const std::string pointer = panel_pointer(index) + "/members/" + std::to_string(members.size());
    Json member = Json::object();
    SettingsEdit fields;  // the new member's values are one change, not four
    set_member(member, pointer, "", form, fields);
    for (const char* field : {"name", "role", "team", "email"}) {
      edit.bind(pointer + "/" + field, field);
    }
    for (const SettingProblem& problem : fields.problems())
      edit.refuse(problem.field, problem.message);
    edit.record({panel_id + " member added", "(none)", member_words(member)});
    members.push_back(std::move(member));
  });
}

SettingsResult change_member(const std::filesystem::path& office_root, const std::string& version,
                             const std::string& panel_id, std::size_t index,
                             const MemberForm& form) {
  return edit_office(office_root, version, [&](Json& office, SettingsEdit& edit) {
    auto [panel, panel_index] = panel_of(office, panel_id);
    Json& members = members_of(*panel);
    check_index(members, index);
    const std::string pointer = panel_pointer(panel_index) + "/members/" + std::to_string(index);
    set_member(members[index], pointer, panel_id + " member " + std::to_string(index + 1), form,
               edit);
  });
}

SettingsResult remove_member(const std::filesystem::path& office_root, const std::string& version,
                             const std::string& panel_id, std::size_t index) {
  return edit_office(office_root, version, [&](Json& office, SettingsEdit& edit) {
    auto [panel, panel_index] = panel_of(office, panel_id);
    Json& members = members_of(*panel);
    check_index(members, index);
    edit.bind(panel_pointer(panel_index) + "/members", "");
    edit.record({panel_id + " member removed", member_words(members[index]), "(none)"});
    members.erase(members.begin() + static_cast<std::ptrdiff_t>(index));
  });
}

SettingsResult change_mail(const std::filesystem::path& office_root, const std::string& version,
                           const MailForm& form) {
  return edit_office(office_root, version, [&](Json& office, SettingsEdit& edit) {
    const Json domains = domains_of(form.allowed_domains);
    if (domains.empty()) {
      edit.erase(office, "allowedDomains", "allowedDomains");
    } else {
      edit.set(office, "allowedDomains", domains, "allowedDomains", "allowed-domains",
               "/allowedDomains");
    }
    edit.bind("/allowedDomains", "allowed-domains");
    const bool none_typed = trimmed(form.host).empty() && trimmed(form.from_email).empty() &&
                            trimmed(form.from_name).empty();
    if (!office.contains("mail") && none_typed) return;  // an office that sends no mail
    if (!office.contains("mail")) office["mail"] = Json::object();
    Json& mail = office["mail"];
    edit.bind("/mail", "host");
    if (!mail.contains("from")) mail["from"] = Json::object();
    edit.set(mail["from"], "name", trimmed(form.from_name), "mail from name", "from-name",
             "/mail/from/name");
    edit.set(mail["from"], "email", trimmed(form.from_email), "mail from email", "from-email",
             "/mail/from/email");
    if (!mail.contains("smtp")) mail["smtp"] = Json::object();
    Json& smtp = mail["smtp"];
    edit.set(smtp, "host", trimmed(form.host), "mail relay host", "host", "/mail/smtp/host");
    if (trimmed(form.port).empty()) {
      edit.erase(smtp, "port", "mail relay port");
    } else if (const auto port = whole_number(form.port, "port", "the port", edit)) {
      edit.set(smtp, "port", *port, "mail relay port", "port", "/mail/smtp/port");
    }
    edit.set(smtp, "security", trimmed(form.security).empty() ? "starttls" : trimmed(form.security),
             "mail relay TLS", "security", "/mail/smtp/security");
    // A relay named before the port and TLS: a problem of the relay as a whole goes by its host.
    edit.bind("/mail/smtp", "host");
  });
}

SettingsResult change_templates(const std::filesystem::path& office_root,
                                const std::string& version,
                                const std::map<std::string, std::string>& paths) {
  return edit_office(office_root, version, [&](Json& office, SettingsEdit& edit) {
    if (!office.contains("templates")) office["templates"] = Json::object();
    Json& templates = office["templates"];
    for (const std::string& kind : template_kinds()) {
      const auto typed = paths.find(kind);
      if (typed == paths.end()) continue;
      set_optional(templates, kind, typed->second, "template " + kind, "template-" + kind,
                   "/templates/" + kind, edit);
    }
    if (templates.empty()) office.erase("templates");
  });
}

}  // namespace panelpack::office::settings
