#include "office/console/sign_in.hpp"

#include <string>

#include "office/console/account_rows.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_crypto.hpp"
#include "office/console/password_rule.hpp"
#include "office/error.hpp"

namespace panelpack::office::console {
namespace {

// The name as typed, when it is no user name at all: kept short in the audit.
std::string typed_name(std::string_view user_name) {
  try {
    return normal_user_name(user_name);
  } catch (const OfficeError&) {
    return "(not a user name)";
  }
}

// `action` is sign_in, or password_check when a password change checks the current one.
SignInOutcome audited(ConsoleStore& store, std::string_view action, const std::string& name,
                      std::string_view client, SignInOutcome outcome) {
  const bool known = outcome.status != SignInStatus::unknown_user;
  append_audit(store, {known ? name : "-", std::string(client)},
               {std::string(action), "user", name, std::string(to_string(outcome.status))});
  return outcome;
}

// A wrong password: one more failure, and the lock when there are enough in a row.
SignInOutcome count_failure(ConsoleStore& store, std::int64_t account_id) {
  const panel::UtcInstant now = store.now();
  const ConsolePolicy& policy = store.policy();
  return store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    // failed_attempts + 1 in SQL: two threads failing at once both count.
    database.prepare("UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = ?1")
        .bind(1, account_id)
        .run();
    storage::SqliteStatement read =
        database.prepare("SELECT failed_attempts FROM accounts WHERE id = ?1");
    read.bind(1, account_id);
    read.step();
    SignInOutcome outcome{SignInStatus::wrong_password, std::nullopt, std::nullopt};
    if (read.integer(0) >= policy.failures_before_lock) {
      const panel::UtcInstant until = now + policy.lock_for;
      database.prepare("UPDATE accounts SET failed_attempts = 0, locked_until = ?1 WHERE id = ?2")
          .bind(1, static_cast<std::int64_t>(until.time_since_epoch().count()))
          .bind(2, account_id)
          .run();
      outcome = {SignInStatus::locked, std::nullopt, until};
    }
    transaction.commit();
    return outcome;
  });
}

// A right password: the failures forgotten, and the hash renewed when it was made with other
// limits, unless the password changed meanwhile.
void clear_failures(ConsoleStore& store, const AccountRow& account, const std::string* new_hash) {
  store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteStatement clear = database.prepare(
        "UPDATE accounts SET failed_attempts = 0, locked_until = NULL, "
        "password_hash = CASE WHEN password_hash = ?3 THEN COALESCE(?1, password_hash) "
        "ELSE password_hash END WHERE id = ?2");
    if (new_hash != nullptr) {
      clear.bind(1, *new_hash);
    } else {
      clear.bind_null(1);
    }
    clear.bind(2, account.id).bind(3, account.password_hash).run();
  });
}

}  // namespace

std::string_view to_string(SignInStatus status) {
  switch (status) {
    case SignInStatus::ok:
      return "ok";
    case SignInStatus::wrong_password:
      return "wrong_password";
    case SignInStatus::unknown_user:
      return "unknown_user";
    case SignInStatus::disabled:
      return "disabled";
    case SignInStatus::locked:
      return "locked";
  }
  return "unknown_user";
}

namespace {

SignInOutcome check_password(ConsoleStore& store, std::string_view user_name,
                             std::string_view password, std::string_view client,
                             std::string_view action) {
  const std::string name = typed_name(user_name);
  const panel::UtcInstant now = store.now();
  const auto account = store.locked(
      [&](storage::SqliteDatabase& database) { return read_account(database, name, now); });
  if (!account) {
    // The same Argon2id work as for a known account, so the time taken says nothing.
    (void)password_matches(password, dummy_password_hash());
    return audited(store, action, name, client,
                   {SignInStatus::unknown_user, std::nullopt, std::nullopt});
  }
  if (account->summary.locked_until) {
    // The password is not checked, but the time taken is the same as if it were.
    (void)password_matches(password, dummy_password_hash());
    return audited(store, action, name, client,
                   {SignInStatus::locked, std::nullopt, account->summary.locked_until});
  }
  // Outside the store's lock: other threads go on while Argon2id works.
  if (!password_matches(password, account->password_hash)) {
    return audited(store, action, name, client, count_failure(store, account->id));
  }
  const std::string renewed =
      hash_needs_renewal(account->password_hash) ? hash_password(password) : std::string();
  clear_failures(store, *account, renewed.empty() ? nullptr : &renewed);
  if (account->summary.disabled) {
    return audited(store, action, name, client,
                   {SignInStatus::disabled, std::nullopt, std::nullopt});
  }
  SignInOutcome outcome{SignInStatus::ok, account->summary, std::nullopt};
  outcome.account->failed_attempts = 0;
  return audited(store, action, name, client, outcome);
}

}  // namespace

SignInOutcome verify_sign_in(ConsoleStore& store, std::string_view user_name,
                             std::string_view password, std::string_view client) {
  return check_password(store, user_name, password, client, "sign_in");
}

SignInStatus change_password(ConsoleStore& store, std::string_view user_name,
                             std::string_view current_password, std::string_view new_password,
                             std::string_view client, std::string_view keep_session_token) {
  const std::string name = normal_user_name(user_name);
  // The rule first: a new password that cannot be is refused before any Argon2id work.
  std::optional<std::string> problem = password_problem(name, new_password);
  if (!problem && new_password == current_password) {
    problem = "the new password must differ from the current one";
  }
  if (problem) {
    append_audit(store, {name, std::string(client)},
                 {"password_set", "user", name, "refused_by_rule"});
    throw OfficeError(OfficeError::Code::bad_input, *problem);
  }
  const SignInOutcome checked =
      check_password(store, name, current_password, client, "password_check");
  if (checked.status != SignInStatus::ok) return checked.status;
  set_password(store, name, new_password, {name, std::string(client)}, keep_session_token);
  return SignInStatus::ok;
}

}  // namespace panelpack::office::console
