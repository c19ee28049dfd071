// The console's accounts, for administrators: the list (with when each last signed in), adding
// one (its one-time password shown once, on the page that answers the form, never logged),
// changing its role and panels, disabling or enabling it, and a new one-time password. The
// account operations are the CLI's `users` command's (office/console/accounts.hpp), each
// audited by them; the last administrator who can sign in cannot be disabled or demoted.

#include <algorithm>
#include <string>

#include "console/server/console_pages.hpp"
#include "console/server/settings_page_parts.hpp"
#include "console/server/settings_pages.hpp"
#include "office/console/accounts.hpp"
#include "office/error.hpp"
#include "office/mail/mail_content.hpp"
#include "panel/london_time.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
namespace settings = office::settings;
using Json = nlohmann::json;

const char* role_words(store::Role role) {
  switch (role) {
    case store::Role::administrator:
      return "Administrator";
    case store::Role::chair:
      return "Chair";
    case store::Role::member:
      return "Member";
    case store::Role::viewer:
      return "Viewer";
  }
  return "";
}

std::string london_words(const std::string& utc) {
  try {
    const panel::LondonTime local = panel::utc_to_local(panel::parse_instant(utc));
    return office::long_date(local.date) + " at " + local.time.text();
  } catch (const std::exception&) {
    return utc;
  }
}

// The office's panels, id and name, for the panel check boxes.
std::vector<std::pair<std::string, std::string>> panel_names(ConsoleSite& site) {
  std::vector<std::pair<std::string, std::string>> names;
  const settings::OfficeFile file = settings::read_office_file(site.office_root);
  for (const auto& panel : file.json["panels"]) {
    names.emplace_back(panel.value("id", ""), panel.value("name", ""));
  }
  return names;
}

Json panel_boxes(ConsoleSite& site, const std::vector<std::string>& chosen) {
  Json boxes = Json::array();
  for (const auto& [id, name] : panel_names(site)) {
    boxes.push_back({{"id", id},
                     {"name", name},
                     {"checked", std::find(chosen.begin(), chosen.end(), id) != chosen.end()}});
  }
  return boxes;
}

Json role_options(store::Role chosen) {
  Json options = Json::array();
  for (const store::Role role :
       {store::Role::administrator, store::Role::chair, store::Role::member, store::Role::viewer}) {
    options.push_back({{"value", store::to_string(role)},
                       {"words", role_words(role)},
                       {"checked", role == chosen}});
  }
  return options;
}

std::vector<std::string> chosen_panels(ConsoleSite& site, const RequestContext& request) {
  std::vector<std::string> panels;
  for (const auto& [id, name] : panel_names(site)) {
    if (!field(request.form, "panel-" + id).empty()) panels.push_back(id);
  }
  return panels;
}

std::string state_words(const store::AccountSummary& account) {
  if (account.disabled) return "Disabled";
  if (account.locked_until) return "Locked after wrong passwords";
  if (account.must_change_password) return "Waiting for a first sign-in";
  return "Active";
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

Json users_page_data(ConsoleSite& site, Json form) {
  const auto last = store::last_sign_ins(site.store);
  Json rows = Json::array();
  for (const store::AccountSummary& account : store::list_accounts(site.store)) {
    const auto signed_in = last.find(account.user_name);
    rows.push_back({{"user_name", account.user_name},
                    {"display_name", account.display_name},
                    {"role", role_words(account.role)},
                    {"panels", account.panels.empty() ? "All (by role)" : joined(account.panels)},
                    {"last", signed_in == last.end() ? "Never" : london_words(signed_in->second)},
                    {"state", state_words(account)},
                    {"disabled", account.disabled},
                    {"href", "/settings/users/" + account.user_name}});
  }
  form["accounts"] = std::move(rows);
  return form;
}

Json new_account_form(ConsoleSite& site, const RequestContext* request) {
  if (request == nullptr) {
    return {{"roles", role_options(store::Role::member)}, {"panels", panel_boxes(site, {})}};
  }
  const auto role = store::parse_role(field(request->form, "role"));
  return {{"user_name_value", field(request->form, "user-name")},
          {"display_name_value", field(request->form, "display-name")},
          {"roles", role_options(role.value_or(store::Role::member))},
          {"panels", panel_boxes(site, chosen_panels(site, *request))}};
}

// The account the address names, or nothing.
std::optional<store::AccountSummary> account_named(ConsoleSite& site,
                                                   const RequestContext& request) {
  try {
    return store::find_account(site.store, request.parameter("user"));
  } catch (const office::OfficeError&) {
    return std::nullopt;  // not even a user name
  }
}

Json user_page_data(ConsoleSite& site, const store::AccountSummary& account,
                    const RequestContext& request) {
  const auto last = store::last_sign_ins(site.store);
  const auto signed_in = last.find(account.user_name);
  const bool self = request.session && request.session->account.user_name == account.user_name;
  return {{"user_name", account.user_name},
          {"display_name", account.display_name},
          {"role", role_words(account.role)},
          {"panels_words", account.panels.empty() ? "None" : joined(account.panels)},
          {"last", signed_in == last.end() ? "Never" : london_words(signed_in->second)},
          {"state", state_words(account)},
          {"disabled", account.disabled},
          {"self", self},
          {"action", "/settings/users/" + account.user_name},
          {"roles", role_options(account.role)},
          {"panels", panel_boxes(site, account.panels)}};
}

// The account page again with `message` beside the field (`key`: "role", "panels" or
// "disable"; `field_id` the element the summary links to) (400).
Reply user_refused(ConsoleSite& site, const RequestContext& request,
                   const store::AccountSummary& account, const std::string& key,
                   const std::string& field_id, const std::string& message) {
  Json data = user_page_data(site, account, request);
  add_error(data, key, field_id, message);
  return show("settings_user", account.user_name, std::move(data),
              Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
}

// The sentence an OfficeError of the accounts gives, with a capital first.
std::string sentence(const office::OfficeError& error) {
  std::string text = error.what();
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

}  // namespace

Reply settings_users_page(ConsoleSite& site, RequestContext& request) {
  Json data = users_page_data(site, new_account_form(site, nullptr));
  const auto done = request.query.find("done");
  if (done != request.query.end() && done->second == "changed")
    data["done"] = "The account was changed";
  return show("settings_users", "User accounts", std::move(data));
}

Reply settings_user_add(ConsoleSite& site, RequestContext& request) {
  const auto role = store::parse_role(field(request.form, "role"));
  Json form = new_account_form(site, &request);
  std::string problem_field;
  std::string problem;
  try {
    store::normal_user_name(field(request.form, "user-name"));
  } catch (const office::OfficeError&) {
    problem_field = "user-name";
    problem = "Enter the person's email address, like alice.smith@council.example";
  }
  if (problem.empty() && !role) {
    problem_field = "role";
    problem = "Choose what the account may do";
  }
  if (problem.empty()) {
    try {
      const store::NewAccount account{field(request.form, "user-name"),
                                      field(request.form, "display-name"), *role,
                                      chosen_panels(site, request)};
      // Hashing the one-time password takes 64 MiB: it waits its turn at the gate.
      const store::OneTimePassword one_time =
          site.hashes.run([&] { return store::add_account(site.store, account, request.actor()); });
      const auto added = store::find_account(site.store, one_time.user_name);
      Json data = user_page_data(site, *added, request);
      data["one_time_password"] = one_time.password;
      data["added"] = true;
      return show("settings_user", one_time.user_name, std::move(data));
    } catch (const office::OfficeError& error) {
      const std::string message = sentence(error);
      problem_field = message.find("panel") != std::string::npos ? "panels" : "user-name";
      problem = message;
    }
  }
  std::string key = problem_field;
  std::replace(key.begin(), key.end(), '-', '_');
  add_error(form, key,
            problem_field == "panels" ? "panel-" + panel_names(site).front().first
            : problem_field == "role" ? "role-administrator"
                                      : problem_field,
            problem);
  return show("settings_users", "User accounts", users_page_data(site, std::move(form)),
              Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
}

Reply settings_user_page(ConsoleSite& site, RequestContext& request) {
  const auto account = account_named(site, request);
  if (!account) return not_found_page();
  Json data = user_page_data(site, *account, request);
  const auto done = request.query.find("done");
  if (done != request.query.end()) {
    if (done->second == "disabled") data["done"] = "The account was disabled: its sessions ended";
    if (done->second == "enabled") data["done"] = "The account was enabled";
    if (done->second == "changed") data["done"] = "The account's role and panels were saved";
  }
  return show("settings_user", account->user_name, std::move(data));
}

Reply settings_user_submit(ConsoleSite& site, RequestContext& request) {
  const auto account = account_named(site, request);
  if (!account) return not_found_page();
  const auto role = store::parse_role(field(request.form, "role"));
  if (!role) {
    return user_refused(site, request, *account, "role", "role-administrator", "Choose a role");
  }
  try {
    store::change_account(site.store, account->user_name, *role, chosen_panels(site, request),
                          request.actor());
  } catch (const office::OfficeError& error) {
    const std::string message = sentence(error);
    if (message.find("only administrator") == std::string::npos) {
      return user_refused(site, request, *account, "panels",
                          "panel-" + panel_names(site).front().first, message);
    }
    return user_refused(site, request, *account, "role", "role-administrator", message);
  }
  return redirect_to("/settings/users/" + account->user_name + "?done=changed");
}

Reply settings_user_disable(ConsoleSite& site, RequestContext& request) {
  const auto account = account_named(site, request);
  if (!account) return not_found_page();
  try {
    store::disable_account(site.store, account->user_name, request.actor());
  } catch (const office::OfficeError& error) {
    return user_refused(site, request, *account, "disable", "disable", sentence(error));
  }
  return redirect_to("/settings/users/" + account->user_name + "?done=disabled");
}

Reply settings_user_enable(ConsoleSite& site, RequestContext& request) {
  const auto account = account_named(site, request);
  if (!account) return not_found_page();
  store::enable_account(site.store, account->user_name, request.actor());
  return redirect_to("/settings/users/" + account->user_name + "?done=enabled");
}

Reply settings_user_reset(ConsoleSite& site, RequestContext& request) {
  const auto account = account_named(site, request);
  if (!account) return not_found_page();
  const store::OneTimePassword one_time = site.hashes.run(
      [&] { return store::reset_account(site.store, account->user_name, request.actor()); });
  Json data = user_page_data(site, *store::find_account(site.store, one_time.user_name), request);
  data["one_time_password"] = one_time.password;
  return show("settings_user", account->user_name, std::move(data));
}

}  // namespace panelpack::console
