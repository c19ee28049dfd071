#pragma once
// Checking a sign-in: the password against the account's Argon2id hash, counting wrong ones
// and locking the account after ConsolePolicy::failures_before_lock of them in a row for
// ConsolePolicy::lock_for. An unknown user name is checked against a dummy hash, so that it
// takes as long as a known one; the front end shows one message for both. Every attempt is
// audited (action sign_in, the outcome's code).

#include <optional>
#include <string_view>

#include "office/console/accounts.hpp"
#include "office/console/console_store.hpp"

namespace panelpack::office::console {

enum class SignInStatus {
  ok,
  wrong_password,
  unknown_user,
  disabled,  // the password was right, but the account is disabled
  locked,    // too many wrong passwords: try after locked_until
};

// "ok", "wrong_password", "unknown_user", "disabled", "locked": the audit's outcome codes.
std::string_view to_string(SignInStatus status);

struct SignInOutcome {
  SignInStatus status = SignInStatus::unknown_user;
  std::optional<AccountSummary> account;          // when ok
  std::optional<panel::UtcInstant> locked_until;  // when locked
};

// `client` is where the attempt came from (an IP address), for the audit.
SignInOutcome verify_sign_in(ConsoleStore& store, std::string_view user_name,
                             std::string_view password, std::string_view client);

// A person changing their own password (the console's "change your password" page, and the
// first sign-in with a one-time password): `current_password` is checked as a sign-in is
// (a wrong one counts towards the lock-out; audited password_check), then set_password sets
// the new one, keeping the session of `keep_session_token`. A new password the rule refuses
// throws OfficeError bad_input before the current one is checked. Anything but ok changes
// nothing.
SignInStatus change_password(ConsoleStore& store, std::string_view user_name,
                             std::string_view current_password, std::string_view new_password,
                             std::string_view client, std::string_view keep_session_token = {});

}  // namespace panelpack::office::console
