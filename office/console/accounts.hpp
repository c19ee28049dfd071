#pragma once
// The console's accounts: add one (with a one-time password), list them, disable, enable, reset
// (a new one-time password), and set a password. Every change is written to the audit by these
// functions themselves, in the same transaction as the change. Refusals are OfficeError
// bad_input naming what is wrong and what to do; user names are compared without case.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "office/console/console_store.hpp"
#include "office/console/roles.hpp"

namespace panelpack::office::console {

struct NewAccount {
  std::string user_name;     // an email address is the usual login: "alice@council.example"
  std::string display_name;  // empty: the user name
  Role role = Role::viewer;
  std::vector<std::string> panels;  // office.json's panel ids; a member needs one at least
};

struct AccountSummary {
  std::string user_name;
  std::string display_name;
  Role role = Role::viewer;
  std::vector<std::string> panels;  // sorted
  bool disabled = false;
  bool must_change_password = true;
  int failed_attempts = 0;
  std::optional<panel::UtcInstant> locked_until;  // only while it is in the future
  std::string created_at;                         // UTC, ISO 8601
};

// The password to hand, once, to the person the account is for; they must change it at their
// first sign-in.
struct OneTimePassword {
  std::string user_name;
  std::string password;
};

// The user name as stored: trimmed and lower-case. Throws OfficeError bad_input unless it looks
// like an email address (letters, digits and . _ + - around one @, at most 254 characters).
std::string normal_user_name(std::string_view user_name);

OneTimePassword add_account(ConsoleStore& store, const NewAccount& account, const Actor& actor);
std::vector<AccountSummary> list_accounts(ConsoleStore& store);
std::optional<AccountSummary> find_account(ConsoleStore& store, std::string_view user_name);

// Stops the account signing in and ends its sessions. False: it was disabled already. Throws
// OfficeError (bad_input) for the last administrator who can sign in: the console would have
// no one to manage it.
bool disable_account(ConsoleStore& store, std::string_view user_name, const Actor& actor);
// Gives the account another role and panels (as add_account checks them), audited
// ("account_change", with "role: old → new" and "panels: old → new" as its detail). False: they
// were so already (nothing changed, nothing audited). Throws OfficeError (bad_input) for a
// demotion of the last administrator who can sign in.
bool change_account(ConsoleStore& store, std::string_view user_name, Role role,
                    const std::vector<std::string>& panels, const Actor& actor);
// When each account last signed in (from the audit's sign_in rows), by user name: UTC, ISO 8601.
std::map<std::string, std::string> last_sign_ins(ConsoleStore& store);
// False: it was not disabled.
bool enable_account(ConsoleStore& store, std::string_view user_name, const Actor& actor);
// A new one-time password; clears a lock-out and ends the account's sessions.
OneTimePassword reset_account(ConsoleStore& store, std::string_view user_name, const Actor& actor);
// The person's own password (password_rule.hpp), no longer to be changed; ends the account's
// sessions but `keep_session_token`'s (the one it was changed from).
void set_password(ConsoleStore& store, std::string_view user_name, std::string_view password,
                  const Actor& actor, std::string_view keep_session_token = {});

}  // namespace panelpack::office::console
