// `panelpack users add|list|disable|enable|reset|audit`: the console's accounts from the command
// line (office/console/), so that the first administrator exists before the console does, and
// the audit an administrator reads or exports. Only this command opens the console's file.

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/console/accounts.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"

namespace panelpack::cli {
namespace {

using namespace office::console;
using nlohmann::ordered_json;

const std::array<OptionSpec, 12> users_options = {{
    {"office", '\0', true},
    {"role", '\0', true},
    {"name", '\0', true},
    {"panel", '\0', true, true},
    {"json", '\0', false},
    {"csv", '\0', false},
    {"since", '\0', true},
    {"until", '\0', true},
    {"actor", '\0', true},
    {"action", '\0', true},
    {"limit", '\0', true},
    {"help", 'h', false},
}};

// Who runs the command, for the audit: no one is signed in, so the machine's user says who.
Actor command_line_actor() {
  const passwd* user = ::getpwuid(::geteuid());
  return {"-", "cli:" + std::string(user != nullptr ? user->pw_name : std::to_string(::geteuid()))};
}

Role role_argument(const std::optional<std::string>& text) {
  if (!text) throw UsageError("users add needs --role: administrator, chair, member or viewer");
  if (const auto role = parse_role(*text)) return *role;
  throw UsageError("--role is administrator, chair, member or viewer, not '" + *text + "'");
}

// --panel a --panel b, or --panel a,b.
std::vector<std::string> panel_arguments(const Arguments& arguments) {
  std::vector<std::string> panels;
  for (const std::string& value : arguments.values("panel")) {
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      if (comma > start) panels.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return panels;
}

std::string joined(const std::vector<std::string>& words, const char* separator = ", ") {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

std::string time_text(panel::UtcInstant instant) {
  return panel::format_utc(instant);
}

std::string state_text(const AccountSummary& account) {
  std::vector<std::string> states;
  if (account.disabled) states.push_back("disabled");
  if (account.locked_until) states.push_back("locked until " + time_text(*account.locked_until));
  if (account.must_change_password) states.push_back("one-time password");
  return states.empty() ? "active" : joined(states);
}

void print_one_time(const OneTimePassword& one_time, const std::string& display_name) {
  std::cout << "one-time password: " << one_time.password << '\n'
            << "Give it to " << display_name
            << " privately: it is shown only this once, and must be changed at the first "
               "sign-in.\n";
}

ExitCode add(ConsoleStore& store, const Arguments& arguments, const std::string& user) {
  NewAccount account{user, arguments.value("name").value_or(""),
                     role_argument(arguments.value("role")), panel_arguments(arguments)};
  const OneTimePassword one_time = add_account(store, account, command_line_actor());
  std::cout << "added " << one_time.user_name << ": " << to_string(account.role)
            << (account.panels.empty() ? "" : " of " + joined(account.panels)) << '\n';
  print_one_time(one_time,
                 account.display_name.empty() ? one_time.user_name : account.display_name);
  return ExitCode::success;
}

ordered_json to_json(const AccountSummary& account) {
  return {{"userName", account.user_name},
          {"displayName", account.display_name},
          {"role", to_string(account.role)},
          {"panels", account.panels},
          {"disabled", account.disabled},
          {"mustChangePassword", account.must_change_password},
          {"lockedUntil", account.locked_until ? ordered_json(time_text(*account.locked_until))
                                               : ordered_json(nullptr)},
          {"createdAt", account.created_at}};
}

ExitCode list(ConsoleStore& store, const Arguments& arguments) {
  const std::vector<AccountSummary> accounts = list_accounts(store);
  if (arguments.has("json")) {
    ordered_json rows = ordered_json::array();
    for (const auto& account : accounts) rows.push_back(to_json(account));
    std::cout << ordered_json{{"accounts", rows}}.dump(2) << '\n';
    return ExitCode::success;
  }
  if (accounts.empty()) {
    std::cout << "no console accounts yet: add the first administrator with\n"
                 "  panelpack users add EMAIL --role administrator --name \"Their Name\"\n";
    return ExitCode::success;
  }
  std::cout << std::left << std::setw(34) << "USER" << std::setw(15) << "ROLE" << std::setw(22)
            << "PANELS"
            << "STATE / NAME\n";
  for (const AccountSummary& account : accounts) {
    const std::string panels = account.panels.empty() ? "-" : joined(account.panels, ",");
    std::cout << std::setw(34) << account.user_name << std::setw(15) << to_string(account.role)
              << std::setw(22) << panels << state_text(account) << '\n';
    if (account.display_name != account.user_name) {
      std::cout << std::string(71, ' ') << account.display_name << '\n';
    }
  }
  return ExitCode::success;
}

ExitCode audit(ConsoleStore& store, const Arguments& arguments) {
  AuditQuery query;
  if (const auto since = arguments.value("since")) query.from = now_from(since, "--since");
  if (const auto until = arguments.value("until")) query.to = now_from(until, "--until");
  query.actor = arguments.value("actor");
  query.action = arguments.value("action");
  if (arguments.has("csv")) {
    if (arguments.has("limit"))
      throw UsageError("--csv exports every row; --limit is for the list");
    export_audit_csv(store, query, std::cout);
    return ExitCode::success;
  }
  query.limit = arguments.has("limit") ? parse_count("--limit", *arguments.value("limit")) : 50;
  if (query.limit == 0) throw UsageError("--limit needs a number from 1");
  const AuditPage page = list_audit(store, query);
  if (page.entries.empty()) {
    std::cout << "no audit rows match\n";
    return ExitCode::success;
  }
  for (const AuditEntry& entry : page.entries) {
    // A space after every padded column: a value longer than its column still stands apart.
    std::cout << entry.at << "  " << std::left << std::setw(28) << entry.actor << ' '
              << std::setw(17) << entry.action << ' ' << std::setw(36)
              << (entry.object_kind + " " + entry.object_id) << ' ' << std::setw(16)
              << entry.outcome << ' ' << std::setw(16) << entry.client << ' ' << audit_words(entry)
              << '\n';
  }
  if (page.more) {
    std::cout << "(older rows too: --limit N shows more, --csv exports them all)\n";
  }
  return ExitCode::success;
}

ExitCode reset(ConsoleStore& store, const std::string& user) {
  const OneTimePassword one_time = reset_account(store, user, command_line_actor());
  const auto account = find_account(store, user);
  std::cout << "reset " << one_time.user_name
            << ": its sessions are ended and any lock-out cleared\n";
  print_one_time(one_time, account ? account->display_name : one_time.user_name);
  return ExitCode::success;
}

ExitCode disable_or_enable(ConsoleStore& store, const std::string& user, bool disable) {
  const bool changed = disable ? disable_account(store, user, command_line_actor())
                               : enable_account(store, user, command_line_actor());
  const std::string name = normal_user_name(user);
  if (!changed) {
    std::cout << name << " was " << (disable ? "disabled" : "enabled") << " already\n";
  } else {
    std::cout << (disable ? "disabled " + name + ": it cannot sign in, and its sessions are ended"
                          : "enabled " + name + ": it can sign in again")
              << '\n';
  }
  return ExitCode::success;
}

// Each option belongs to one action; another action refuses it.
void check_options(const std::string& action, const Arguments& arguments) {
  for (const char* option : {"role", "name", "panel"}) {
    if (action != "add" && arguments.has(option))
      throw UsageError("--" + std::string(option) + " is for users add");
  }
  for (const char* option : {"csv", "since", "until", "actor", "action", "limit"}) {
    if (action != "audit" && arguments.has(option))
      throw UsageError("--" + std::string(option) + " is for users audit");
  }
  if (action != "list" && arguments.has("json")) throw UsageError("--json is for users list");
}

}  // namespace

ExitCode run_users(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, users_options);
  const std::vector<std::string>& positionals = arguments.positionals();
  if (positionals.empty()) {
    throw UsageError("users takes add, list, disable, enable, reset or audit");
  }
  const std::string& action = positionals[0];
  const bool names_a_user =
      action == "add" || action == "disable" || action == "enable" || action == "reset";
  if (!names_a_user && action != "list" && action != "audit") {
    throw UsageError("users takes add, list, disable, enable, reset or audit, not '" + action +
                     "'");
  }
  if (names_a_user && positionals.size() != 2) {
    throw UsageError("users " + action + " takes one user name (their email address)");
  }
  if (!names_a_user && positionals.size() != 1) {
    throw UsageError("users " + action + " takes no user name");
  }
  check_options(action, arguments);
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  ConsoleStore store(workspace);
  if (action == "add") return add(store, arguments, positionals[1]);
  if (action == "list") return list(store, arguments);
  if (action == "audit") return audit(store, arguments);
  if (action == "reset") return reset(store, positionals[1]);
  return disable_or_enable(store, positionals[1], action == "disable");
}

}  // namespace panelpack::cli
