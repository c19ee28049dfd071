#include "office/console/sessions.hpp"

#include <string>

#include "office/console/account_rows.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_crypto.hpp"
#include "office/error.hpp"

namespace panelpack::office::console {
namespace {

std::int64_t seconds_of(panel::UtcInstant instant) {
  return static_cast<std::int64_t>(instant.time_since_epoch().count());
}

panel::UtcInstant instant_of(std::int64_t seconds) {
  return panel::UtcInstant{std::chrono::seconds(seconds)};
}

void delete_session(storage::SqliteDatabase& database, const std::string& token_hash) {
  database.prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, token_hash).run();
}

// The audit's outcome for a session found ended.
std::string ended_why(SessionStatus status) {
  switch (status) {
    case SessionStatus::idle_expired:
      return "idle";
    case SessionStatus::limit_expired:
      return "limit";
    default:
      return "account_disabled";
  }
}

}  // namespace

NewSession start_session(ConsoleStore& store, std::string_view user_name, std::string_view client) {
  const std::string name = normal_user_name(user_name);
  NewSession session{random_token(32), random_token(32)};
  const std::string token_hash = sha256_hex(session.token);
  const panel::UtcInstant now = store.now();
  store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    const auto account = read_account(database, name, now);
    if (!account) throw_unknown_account(name);
    if (account->summary.disabled) {
      throw OfficeError(OfficeError::Code::bad_input,
                        "the account '" + name + "' is disabled: it cannot sign in");
    }
    database
        .prepare(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, "
            "client) VALUES (?1, ?2, ?3, ?4, ?4, ?5)")
        .bind(1, token_hash)
        .bind(2, account->id)
        .bind(3, session.csrf_token)
        .bind(4, seconds_of(now))
        .bind(5, client)
        .run();
    transaction.commit();
  });
  return session;
}

SessionLookup find_session(ConsoleStore& store, std::string_view token, std::string_view client) {
  if (token.empty()) return {};
  const std::string token_hash = sha256_hex(token);
  const panel::UtcInstant now = store.now();
  const ConsolePolicy& policy = store.policy();
  return store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    storage::SqliteStatement row = database.prepare(
        "SELECT accounts.user_name, sessions.csrf_token, sessions.created_at, "
        "sessions.last_seen_at FROM sessions JOIN accounts ON accounts.id = sessions.account_id "
        "WHERE sessions.token_hash = ?1");
    row.bind(1, token_hash);
    if (!row.step()) return SessionLookup{};
    const std::string user_name = row.text(0);
    Session session{{}, row.text(1), instant_of(row.integer(2)), instant_of(row.integer(3))};
    const auto account = read_account(database, user_name, now);
    SessionLookup lookup;
    if (!account || account->summary.disabled) {
      lookup.status = SessionStatus::account_disabled;
    } else if (now - session.started_at >= policy.session_limit) {
      lookup.status = SessionStatus::limit_expired;
    } else if (now - session.last_seen_at >= policy.session_idle) {
      lookup.status = SessionStatus::idle_expired;
    } else {
      lookup.status = SessionStatus::valid;
    }
    if (lookup.status != SessionStatus::valid) {
      delete_session(database, token_hash);
      append_audit(database, now, {user_name, std::string(client)},
                   {"session_end", "user", user_name, ended_why(lookup.status)});
    } else {
      database.prepare("UPDATE sessions SET last_seen_at = ?1 WHERE token_hash = ?2")
          .bind(1, seconds_of(now))
          .bind(2, token_hash)
          .run();
      session.account = account->summary;
      session.last_seen_at = now;
      lookup.session = std::move(session);
    }
    transaction.commit();
    return lookup;
  });
}

std::string new_form_token() {
  return random_token(32);
}

bool form_tokens_match(std::string_view cookie, std::string_view field) {
  return !cookie.empty() && constant_time_equal(cookie, field);
}

bool csrf_matches(const Session& session, std::string_view presented) {
  return !session.csrf_token.empty() && constant_time_equal(session.csrf_token, presented);
}

void end_session(ConsoleStore& store, std::string_view token, std::string_view client) {
  if (token.empty()) return;
  const std::string token_hash = sha256_hex(token);
  const panel::UtcInstant now = store.now();
  store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    storage::SqliteStatement row = database.prepare(
        "SELECT accounts.user_name FROM sessions JOIN accounts ON accounts.id = "
        "sessions.account_id WHERE sessions.token_hash = ?1");
    row.bind(1, token_hash);
    if (!row.step()) return;
    const std::string user_name = row.text(0);
    delete_session(database, token_hash);
    append_audit(database, now, {user_name, std::string(client)},
                 {"sign_out", "user", user_name, "ok"});
    transaction.commit();
  });
}

std::int64_t end_sessions_of(ConsoleStore& store, std::string_view user_name, const Actor& actor) {
  const std::string name = normal_user_name(user_name);
  const panel::UtcInstant now = store.now();
  return store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    const auto account = read_account(database, name, now);
    if (!account) throw_unknown_account(name);
    const std::int64_t ended = end_account_sessions(database, account->id);
    append_audit(database, now, actor, {"sessions_end", "user", name, "ok"});
    transaction.commit();
    return ended;
  });
}

}  // namespace panelpack::office::console
