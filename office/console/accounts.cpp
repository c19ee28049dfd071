#include "office/console/accounts.hpp"

#include <algorithm>
#include <cctype>

#include "office/console/account_rows.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_crypto.hpp"
#include "office/console/password_rule.hpp"
#include "office/error.hpp"

namespace panelpack::office::console {
namespace {

[[noreturn]] void refuse(const std::string& message) {
  throw OfficeError(OfficeError::Code::bad_input, message);
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

// The panels as stored: each one of office.json's, no repeats, sorted; only members and
// chairs belong to panels, and a member to one at least.
std::vector<std::string> checked_panels(const ConsoleStore& store, const NewAccount& account) {
  std::vector<std::string> panels = account.panels;
  std::sort(panels.begin(), panels.end());
  panels.erase(std::unique(panels.begin(), panels.end()), panels.end());
  for (const auto& panel : panels) {
    const auto& known = store.panel_ids();
    if (std::find(known.begin(), known.end(), panel) == known.end()) {
      refuse("office.json has no panel '" + panel + "': its panels are " + joined(known));
    }
  }
  if (account.role == Role::member && panels.empty()) {
    refuse("a member belongs to one panel at least: name it (its panels are " +
           joined(store.panel_ids()) + ")");
  }
  if ((account.role == Role::administrator || account.role == Role::viewer) && !panels.empty()) {
    refuse(std::string(account.role == Role::administrator ? "an administrator" : "a viewer") +
           " belongs to no panel; panels are for members and chairs");
  }
  return panels;
}

std::string checked_display_name(const NewAccount& account, const std::string& user_name) {
  std::string name = account.display_name;
  if (name.empty()) return user_name;
  if (name.size() > 200 || std::any_of(name.begin(), name.end(),
                                       [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    refuse("a display name has at most 200 characters and no control characters");
  }
  return name;
}

AccountRow existing_account(storage::SqliteDatabase& database, const std::string& user_name,
                            panel::UtcInstant now) {
  auto account = read_account(database, user_name, now);
  if (!account) throw_unknown_account(user_name);
  return *account;
}

AuditEvent about_user(std::string action, const std::string& user_name) {
  return {std::move(action), "user", user_name, "ok"};
}

// How many administrators besides account `id` can sign in.
std::int64_t other_enabled_administrators(storage::SqliteDatabase& database, std::int64_t id) {
  auto count = database.prepare(
      "SELECT COUNT(*) FROM accounts WHERE role = 'administrator' AND disabled = 0 AND id <> ?1");
  count.bind(1, id);
  count.step();
  return count.integer(0);
}

// Sets disabled to `disabled` and audits it; false when it was so already.
bool set_disabled(ConsoleStore& store, std::string_view user_name, const Actor& actor,
                  bool disabled) {
  const std::string name = normal_user_name(user_name);
  const panel::UtcInstant now = store.now();
  return store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    const AccountRow account = existing_account(database, name, now);
    const bool changes = account.summary.disabled != disabled;
    if (changes && disabled && account.summary.role == Role::administrator &&
        other_enabled_administrators(database, account.id) == 0) {
      throw OfficeError(OfficeError::Code::bad_input,
                        "'" + name +
                            "' is the only administrator who can sign in: disabling it would "
                            "leave no one to manage the console; add or enable another "
                            "administrator first");
    }
    if (changes) {
      database.prepare("UPDATE accounts SET disabled = ?1 WHERE id = ?2")
          .bind(1, std::int64_t{disabled ? 1 : 0})
          .bind(2, account.id)
          .run();
    }
    if (disabled) end_account_sessions(database, account.id);
    AuditEvent event = about_user(disabled ? "account_disable" : "account_enable", name);
    if (!changes) event.outcome = disabled ? "already_disabled" : "already_enabled";
    append_audit(database, now, actor, event);
    transaction.commit();
    return changes;
  });
}

}  // namespace

std::string normal_user_name(std::string_view user_name) {
  while (!user_name.empty() && std::isspace(static_cast<unsigned char>(user_name.front())))
    user_name.remove_prefix(1);
  while (!user_name.empty() && std::isspace(static_cast<unsigned char>(user_name.back())))
    user_name.remove_suffix(1);
  std::string name;
  for (const char c : user_name)
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = name.find('@');
  const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' ||
           c == '-' || c == '@';
  });
  if (!allowed || name.size() > 254 || at == std::string::npos || at == 0 ||
      at + 1 == name.size() || name.find('@', at + 1) != std::string::npos || name[0] == '-') {
    refuse("'" + std::string(user_name) +
           "' is not a user name: use the person's email address, such as "
           "alice.smith@council.example");
  }
  return name;
}

OneTimePassword add_account(ConsoleStore& store, const NewAccount& account, const Actor& actor) {
  const std::string name = normal_user_name(account.user_name);
  const std::vector<std::string> panels = checked_panels(store, account);
  const std::string display_name = checked_display_name(account, name);
  OneTimePassword one_time{name, one_time_password()};
  // Hashing takes a fraction of a second: never while holding the store's lock.
  const std::string hash = hash_password(one_time.password);
  const panel::UtcInstant now = store.now();
  store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    if (read_account(database, name, now)) {
      refuse("there is already an account named '" + name +
             "': reset it for a new password, or enable it if it is disabled");
    }
    database
        .prepare(
            "INSERT INTO accounts (user_name, display_name, role, password_hash, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, name)
        .bind(2, display_name)
        .bind(3, to_string(account.role))
        .bind(4, hash)
        .bind(5, panel::format_utc(now))
        .run();
    const std::int64_t id = database.last_insert_id();
    for (const auto& panel : panels) {
      database.prepare("INSERT INTO account_panels (account_id, panel_id) VALUES (?1, ?2)")
          .bind(1, id)
          .bind(2, panel)
          .run();
    }
    append_audit(database, now, actor, about_user("account_add", name));
    transaction.commit();
  });
  return one_time;
}

std::vector<AccountSummary> list_accounts(ConsoleStore& store) {
  const panel::UtcInstant now = store.now();
  return store.locked([&](storage::SqliteDatabase& database) {
    std::vector<AccountSummary> accounts;
    storage::SqliteStatement rows = database.prepare("SELECT " + std::string(kAccountColumns) +
                                                     " FROM accounts ORDER BY user_name");
    while (rows.step()) accounts.push_back(read_summary(database, rows, now));
    return accounts;
  });
}

std::optional<AccountSummary> find_account(ConsoleStore& store, std::string_view user_name) {
  const std::string name = normal_user_name(user_name);
  const panel::UtcInstant now = store.now();
  return store.locked([&](storage::SqliteDatabase& database) -> std::optional<AccountSummary> {
    auto account = read_account(database, name, now);
    if (!account) return std::nullopt;
    return account->summary;
  });
}

bool disable_account(ConsoleStore& store, std::string_view user_name, const Actor& actor) {
  return set_disabled(store, user_name, actor, true);
}

bool enable_account(ConsoleStore& store, std::string_view user_name, const Actor& actor) {
  return set_disabled(store, user_name, actor, false);
}

bool change_account(ConsoleStore& store, std::string_view user_name, Role role,
                    const std::vector<std::string>& panels, const Actor& actor) {
  const std::string name = normal_user_name(user_name);
  const std::vector<std::string> wanted = checked_panels(store, {name, "", role, panels});
  const panel::UtcInstant now = store.now();
  return store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    const AccountRow account = existing_account(database, name, now);
    const AccountSummary& was = account.summary;
    std::string detail;
    if (was.role != role) {
      if (was.role == Role::administrator && !was.disabled &&
          other_enabled_administrators(database, account.id) == 0) {
        refuse("'" + name +
               "' is the only administrator who can sign in: another role would leave no one to "
               "manage the console; add or enable another administrator first");
      }
      detail = "role: " + std::string(to_string(was.role)) + " → " + std::string(to_string(role));
      database.prepare("UPDATE accounts SET role = ?1 WHERE id = ?2")
          .bind(1, to_string(role))
          .bind(2, account.id)
          .run();
    }
    if (was.panels != wanted) {
      const auto listed = [](const std::vector<std::string>& ids) {
        return ids.empty() ? std::string("none") : joined(ids);
      };
      detail += (detail.empty() ? "" : "\n") + std::string("panels: ") + listed(was.panels) +
                " → " + listed(wanted);
      database.prepare("DELETE FROM account_panels WHERE account_id = ?1")
          .bind(1, account.id)
          .run();
      for (const auto& panel : wanted) {
        database.prepare("INSERT INTO account_panels (account_id, panel_id) VALUES (?1, ?2)")
            .bind(1, account.id)
            .bind(2, panel)
            .run();
      }
    }
    if (detail.empty()) return false;
    AuditEvent event = about_user("account_change", name);
    event.detail = detail;
    append_audit(database, now, actor, event);
    transaction.commit();
    return true;
  });
}

std::map<std::string, std::string> last_sign_ins(ConsoleStore& store) {
  return store.locked([&](storage::SqliteDatabase& database) {
    std::map<std::string, std::string> last;
    storage::SqliteStatement rows = database.prepare(
        "SELECT actor, MAX(at) FROM audit WHERE action = 'sign_in' AND outcome = 'ok' "
        "GROUP BY actor");
    while (rows.step()) last[rows.text(0)] = rows.text(1);
    return last;
  });
}

namespace {

// A new hash for an account, its failed attempts and lock cleared; a one-time password must be
// changed at the next sign-in.
void store_password(storage::SqliteDatabase& database, std::int64_t account_id,
                    const std::string& hash, bool one_time) {
  database
      .prepare(
          "UPDATE accounts SET password_hash = ?1, must_change_password = ?2, "
          "failed_attempts = 0, locked_until = NULL WHERE id = ?3")
      .bind(1, hash)
      .bind(2, std::int64_t{one_time ? 1 : 0})
      .bind(3, account_id)
      .run();
}

}  // namespace

OneTimePassword reset_account(ConsoleStore& store, std::string_view user_name, const Actor& actor) {
  const std::string name = normal_user_name(user_name);
  OneTimePassword one_time{name, one_time_password()};
  const std::string hash = hash_password(one_time.password);
  const panel::UtcInstant now = store.now();
  store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    const AccountRow account = existing_account(database, name, now);
    store_password(database, account.id, hash, true);
    end_account_sessions(database, account.id);
    append_audit(database, now, actor, about_user("account_reset", name));
    transaction.commit();
  });
  return one_time;
}

void set_password(ConsoleStore& store, std::string_view user_name, std::string_view password,
                  const Actor& actor, std::string_view keep_session_token) {
  const std::string name = normal_user_name(user_name);
  if (const auto problem = password_problem(name, password)) {
    store.locked([&](storage::SqliteDatabase& database) {
      AuditEvent event = about_user("password_set", name);
      event.outcome = "refused_by_rule";
      append_audit(database, store.now(), actor, event);
    });
    refuse(*problem);
  }
  const std::string hash = hash_password(password);
  const std::string keep_hash = keep_session_token.empty() ? "" : sha256_hex(keep_session_token);
  const panel::UtcInstant now = store.now();
  store.locked([&](storage::SqliteDatabase& database) {
    storage::SqliteTransaction transaction(database);
    const AccountRow account = existing_account(database, name, now);
    store_password(database, account.id, hash, false);
    end_account_sessions(database, account.id, keep_hash);
    append_audit(database, now, actor, about_user("password_set", name));
    transaction.commit();
  });
}

}  // namespace panelpack::office::console
