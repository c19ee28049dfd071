#pragma once
// The console's audit: who did what, when, to which object, with what outcome, from where.
// Append-only (SQLite triggers refuse UPDATE and DELETE of its rows). It holds ids, never case
// content: a case reference, a sitting "PANEL/DATE", a user name.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "office/console/console_store.hpp"

namespace panelpack::office::console {

// What happened. Action codes in use: account_add, account_change, account_disable, account_enable,
// account_reset, password_set, password_check, sign_in, sign_out, sessions_end, view,
// page_refused, csrf_refused, mail_retry, mail_cancel, audit_export (docs/console.md lists
// them; audit_words.cpp words them).
struct AuditEvent {
  std::string action;
  std::string object_kind;  // "user", "case", "sitting", "pack"...
  std::string object_id;    // "alice@council.example", "LCS900109", "permanence/2026-12-15"
  std::string outcome = "ok";
  // What changed, for a change: "name: Old name → New name", one changed setting a line. Never a
  // secret, never case content. Empty for most rows.
  std::string detail{};
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;  // UTC, ISO 8601: "2026-12-05T09:30:00Z"
  std::string actor;
  std::string action;
  std::string object_kind;
  std::string object_id;
  std::string outcome;
  std::string client;
  std::string detail{};  // AuditEvent::detail
};

struct AuditQuery {
  std::optional<panel::UtcInstant> from;  // at or after
  std::optional<panel::UtcInstant> to;    // before
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::size_t limit = 100;
  std::size_t offset = 0;                 // rows skipped, newest first: page N is offset N * limit
  std::optional<std::int64_t> before_id;  // only rows older than this one (a stable cursor)
};

struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  bool more = false;                // rows past this page match too
};

// Appends one row at the store's clock; returns its id.
std::int64_t append_audit(ConsoleStore& store, const Actor& actor, const AuditEvent& event);
AuditPage list_audit(ConsoleStore& store, const AuditQuery& query);
// Every row the query's filters match (limit and offset ignored), newest first, as CSV.
void export_audit_csv(ConsoleStore& store, const AuditQuery& query, std::ostream& out);

// The action code in words: "sign_in" -> "Signed in"; a code it does not know, made readable
// ("booking_move" -> "Booking move"). A view's words name what was viewed (object_kind).
std::string action_words(std::string_view action, std::string_view object_kind = {});
// A row's outcome in words: "ok" -> "Done", "wrong_password" -> "Wrong password".
std::string outcome_words(std::string_view outcome);
// What a row says happened, in words: "Signed in", "Sign-in refused: wrong password".
std::string audit_words(const AuditEntry& entry);
// Every action code the program writes, for the audit page's filter (and its test).
const std::vector<std::string_view>& audit_actions();

// The same append inside a transaction the caller holds (office/console/ itself), so an
// account change and its audit row commit together.
std::int64_t append_audit(storage::SqliteDatabase& database, panel::UtcInstant at,
                          const Actor& actor, const AuditEvent& event);

}  // namespace panelpack::office::console
