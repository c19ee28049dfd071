#pragma once
// Reading and changing account rows inside the store's lock, shared by accounts.cpp,
// sign_in.cpp and sessions.cpp (internal to office/console/).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "office/console/accounts.hpp"
#include "office/console/console_database.hpp"

namespace panelpack::office::console {

struct AccountRow {
  std::int64_t id = 0;
  AccountSummary summary;
  std::string password_hash;
};

// The account named `normal_name` (normal_user_name's form), as at `now`.
std::optional<AccountRow> read_account(storage::SqliteDatabase& database,
                                       std::string_view normal_name, panel::UtcInstant now);
AccountSummary read_summary(storage::SqliteDatabase& database, storage::SqliteStatement& row,
                            panel::UtcInstant now);
// The columns read_summary reads, in its order, after the id.
inline constexpr std::string_view kAccountColumns =
    "id, user_name, display_name, role, disabled, must_change_password, failed_attempts, "
    "locked_until, created_at, password_hash";

// Ends the account's sessions, all but the one whose token hash is `keep_hash`; how many.
std::int64_t end_account_sessions(storage::SqliteDatabase& database, std::int64_t account_id,
                                  std::string_view keep_hash = {});

// OfficeError bad_input: no account is named `user_name`.
[[noreturn]] void throw_unknown_account(std::string_view user_name);

}  // namespace panelpack::office::console
