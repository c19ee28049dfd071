// The mail settings form (the relay's host, port and TLS, the from address, the allowed
// domains; never a password: it stays in its file or variable, and the form cannot name one)
// and the templates form (the file each kind of document uses).

#include <string>

#include "console/server/settings_page_parts.hpp"
#include "console/server/settings_pages.hpp"

namespace panelpack::console {
namespace {

namespace settings = office::settings;
using Json = nlohmann::ordered_json;

std::string error_at(const FieldErrors& errors, const std::string& id) {
  const auto found = errors.find(id);
  return found == errors.end() ? std::string() : found->second;
}

settings::MailForm mail_form_of(const Json& office) {
  settings::MailForm form;
  if (office.contains("allowedDomains")) {
    for (const Json& domain : office["allowedDomains"]) {
      form.allowed_domains += domain.get<std::string>() + "\n";
    }
  }
  if (!office.contains("mail")) return form;
  const Json& mail = office["mail"];
  const Json smtp = mail.value("smtp", Json::object());
  form.host = smtp.value("host", "");
  form.port = smtp.contains("port") ? smtp["port"].dump() : "";
  form.security = smtp.value("security", "starttls");
  const Json from = mail.value("from", Json::object());
  form.from_name = from.value("name", "");
  form.from_email = from.value("email", "");
  return form;
}

Json mail_form_data(const std::string& version, const settings::MailForm& form,
                    const FieldErrors& errors) {
  Json data = {{"version", version},
               {"host_value", form.host},
               {"port_value", form.port},
               {"starttls", form.security != "plain"},
               {"plain", form.security == "plain"},
               {"from_name_value", form.from_name},
               {"from_email_value", form.from_email},
               {"allowed_domains_value", form.allowed_domains}};
  for (const char* id :
       {"host", "port", "security", "from-name", "from-email", "allowed-domains"}) {
    std::string key = id;
    for (char& c : key) {
      if (c == '-') c = '_';
    }
    data[key + "_error"] = error_at(errors, id);
  }
  return without_empty_errors(std::move(data));
}

Json templates_form_data(const std::string& version,
                         const std::map<std::string, std::string>& paths,
                         const FieldErrors& errors) {
  Json kinds = Json::array();
  for (const std::string& kind : settings::template_kinds()) {
    const auto path = paths.find(kind);
    kinds.push_back({{"kind", kind},
                     {"id", "template-" + kind},
                     {"value", path == paths.end() ? "" : path->second},
                     {"field_error", error_at(errors, "template-" + kind)},
                     {"folder", kind == "email"}});
  }
  return without_empty_errors({{"version", version}, {"kinds", std::move(kinds)}});
}

}  // namespace

Reply settings_mail_form(ConsoleSite& site, RequestContext&) {
  const settings::OfficeFile file = settings::read_office_file(site.office_root);
  return show("settings_mail", "Change the mail settings",
              mail_form_data(file.version, mail_form_of(file.json), {}));
}

Reply settings_mail_submit(ConsoleSite& site, RequestContext& request) {
  const settings::MailForm typed{
      field(request.form, "host"),       field(request.form, "port"),
      field(request.form, "security"),   field(request.form, "from-name"),
      field(request.form, "from-email"), field(request.form, "allowed-domains")};
  const std::string version = field(request.form, "version");
  const settings::SettingsResult result = settings::change_mail(site.office_root, version, typed);
  return answer_setting(
      site, request, result, "mail", "/settings?done=mail#mail", "settings_mail",
      "Change the mail settings",
      [&](const FieldErrors& errors) { return mail_form_data(version, typed, errors); }, "host");
}

Reply settings_templates_form(ConsoleSite& site, RequestContext&) {
  const settings::OfficeFile file = settings::read_office_file(site.office_root);
  std::map<std::string, std::string> paths;
  if (file.json.contains("templates")) {
    for (const auto& [kind, path] : file.json["templates"].items()) {
      if (path.is_string()) paths[kind] = path.get<std::string>();
    }
  }
  return show("settings_templates", "Change the templates",
              templates_form_data(file.version, paths, {}));
}

Reply settings_templates_submit(ConsoleSite& site, RequestContext& request) {
  std::map<std::string, std::string> typed;
  for (const std::string& kind : settings::template_kinds()) {
    typed[kind] = field(request.form, "template-" + kind);
  }
  const std::string version = field(request.form, "version");
  const settings::SettingsResult result =
      settings::change_templates(site.office_root, version, typed);
  return answer_setting(
      site, request, result, "templates", "/settings?done=templates#templates",
      "settings_templates", "Change the templates",
      [&](const FieldErrors& errors) { return templates_form_data(version, typed, errors); },
      "template-agenda");
}

}  // namespace panelpack::console
