#pragma once
// Signed-in sessions. A session is a 256-bit random token (the cookie's value) of which only
// its SHA-256 is stored, so a copy of the file gives no one a live session; it ends after
// ConsolePolicy::session_idle without use (each use renews it) and after
// ConsolePolicy::session_limit whatever its use, and with the account's disabling or reset.
// Each session has its own CSRF token, which every form carries back.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "office/console/accounts.hpp"
#include "office/console/console_store.hpp"

namespace panelpack::office::console {

// What the front end keeps: `token` goes in the cookie, `csrf_token` in every form.
struct NewSession {
  std::string token;
  std::string csrf_token;
};

struct Session {
  AccountSummary account;
  std::string csrf_token;
  panel::UtcInstant started_at;
  panel::UtcInstant last_seen_at;  // this use's time: the idle timeout counts from here
};

enum class SessionStatus {
  valid,
  unknown,           // no such token (never made, ended, or a forgery)
  idle_expired,      // unused for longer than the idle timeout: sign in again
  limit_expired,     // older than the absolute limit: sign in again
  account_disabled,  // its account was disabled
};

struct SessionLookup {
  SessionStatus status = SessionStatus::unknown;
  std::optional<Session> session;  // when valid
};

// A session for `user_name` after a sign-in verify_sign_in answered ok. Throws OfficeError
// bad_input for an unknown or disabled account.
NewSession start_session(ConsoleStore& store, std::string_view user_name, std::string_view client);
// The session of `token`, renewed to now when valid; an expired one is ended, and its end
// audited ("session_end", outcome idle, limit or account_disabled) from `client`.
SessionLookup find_session(ConsoleStore& store, std::string_view token,
                           std::string_view client = "-");
// True when the form's CSRF token is the session's (compared in constant time).
bool csrf_matches(const Session& session, std::string_view presented);
// Signs out: ends the session of `token` (nothing when there is none) and audits sign_out.
void end_session(ConsoleStore& store, std::string_view token, std::string_view client);
// A random token for a form shown before anyone signs in (the sign-in form's cookie and field
// pair, which refuses a sign-in posted from another site).
std::string new_form_token();
// True when a form's token is the cookie's (compared in constant time; empty never matches).
bool form_tokens_match(std::string_view cookie, std::string_view field);
// Ends every session of `user_name`; how many there were.
std::int64_t end_sessions_of(ConsoleStore& store, std::string_view user_name, const Actor& actor);

}  // namespace panelpack::office::console
