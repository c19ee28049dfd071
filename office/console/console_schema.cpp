#include "office/console/console_schema.hpp"

#include <array>
#include <string>
#include <string_view>

#include "office/error.hpp"

namespace panelpack::office::console {
namespace {

// Migration N (1-based) takes the file from version N-1 to N. Never edit one that shipped:
// add the next.
constexpr std::array<std::string_view, 2> kMigrations{{
    R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('administrator', 'chair', 'member', 'viewer')),
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at TEXT NOT NULL
);
CREATE TABLE account_panels (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  panel_id TEXT NOT NULL,
  PRIMARY KEY (account_id, panel_id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  client TEXT NOT NULL
);
CREATE INDEX sessions_of_account ON sessions(account_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  client TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only: its rows cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only: its rows cannot be deleted'); END;
)sql",
    // 2: what a change changed, "key: old → new" (a setting's old and new value; never a
    // secret or case content).
    R"sql(
ALTER TABLE audit ADD COLUMN detail TEXT NOT NULL DEFAULT '';
)sql",
}};

int stored_version(storage::SqliteDatabase& database) {
  database.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  storage::SqliteStatement read = database.prepare("SELECT MAX(version) FROM schema_version");
  read.step();
  return read.is_null(0) ? 0 : static_cast<int>(read.integer(0));
}

}  // namespace

int console_schema_version() {
  return static_cast<int>(kMigrations.size());
}

void migrate(storage::SqliteDatabase& database) {
  for (;;) {
    storage::SqliteTransaction transaction(database);
    const int version = stored_version(database);
    if (version > console_schema_version()) {
      throw OfficeError(OfficeError::Code::machine_failure,
                        database.path() + " has schema version " + std::to_string(version) +
                            " but this panelpack knows up to " +
                            std::to_string(console_schema_version()) +
                            ": a newer panelpack wrote it; run that version",
                        {database.path(), ""});
    }
    if (version == console_schema_version()) return;  // the transaction rolls back: no change
    database.execute(kMigrations[static_cast<std::size_t>(version)]);
    database.prepare("INSERT INTO schema_version (version) VALUES (?1)")
        .bind(1, std::int64_t{version + 1})
        .run();
    transaction.commit();
  }
}

}  // namespace panelpack::office::console
