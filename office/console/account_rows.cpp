#include "office/console/account_rows.hpp"

#include <string>

#include "office/error.hpp"

namespace panelpack::office::console {

AccountSummary read_summary(storage::SqliteDatabase& database, storage::SqliteStatement& row,
                            panel::UtcInstant now) {
  AccountSummary summary;
  summary.user_name = row.text(1);
  summary.display_name = row.text(2);
  summary.role = parse_role(row.text(3)).value_or(Role::viewer);
  summary.disabled = row.integer(4) != 0;
  summary.must_change_password = row.integer(5) != 0;
  summary.failed_attempts = static_cast<int>(row.integer(6));
  if (!row.is_null(7)) {
    const panel::UtcInstant until{std::chrono::seconds(row.integer(7))};
    if (until > now) summary.locked_until = until;
  }
  summary.created_at = row.text(8);
  storage::SqliteStatement panels = database.prepare(
      "SELECT panel_id FROM account_panels WHERE account_id = ?1 ORDER BY panel_id");
  panels.bind(1, row.integer(0));
  while (panels.step()) summary.panels.push_back(panels.text(0));
  return summary;
}

std::optional<AccountRow> read_account(storage::SqliteDatabase& database,
                                       std::string_view normal_name, panel::UtcInstant now) {
  storage::SqliteStatement row = database.prepare("SELECT " + std::string(kAccountColumns) +
                                                  " FROM accounts WHERE user_name = ?1");
  row.bind(1, normal_name);
  if (!row.step()) return std::nullopt;
  AccountRow account;
  account.id = row.integer(0);
  account.summary = read_summary(database, row, now);
  account.password_hash = row.text(9);
  return account;
}

std::int64_t end_account_sessions(storage::SqliteDatabase& database, std::int64_t account_id,
                                  std::string_view keep_hash) {
  database.prepare("DELETE FROM sessions WHERE account_id = ?1 AND token_hash <> ?2")
      .bind(1, account_id)
      .bind(2, keep_hash)
      .run();
  return database.changes();
}

void throw_unknown_account(std::string_view user_name) {
  throw OfficeError(OfficeError::Code::bad_input,
                    "no console account is named '" + std::string(user_name) +
                        "': check the spelling against the list of accounts");
}

}  // namespace panelpack::office::console
