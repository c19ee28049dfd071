#pragma once
// The one RAII wrapper around SQLite's C API, shared by the outbox (mailer/) and the console's
// store (office/console/). sqlite3.h stays out of this header, so it stays out of theirs.
// A failure names the file and what SQLite said, and is thrown as the layer's own error:
// DatabaseErrors carries the words for the database and the function that throws.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace panelpack::storage {

// Throws the calling layer's error for `file`; must not return.
using RaiseError = void (*)(const std::string& file, const std::string& message);

struct DatabaseErrors {
  std::string what;  // the database in words: "the outbox database"
  RaiseError raise = nullptr;
};

// sqlite3_close_v2 for the connection, sqlite3_finalize for a statement.
struct CloseDatabase {
  void operator()(sqlite3* database) const noexcept;
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const noexcept;
};

class SqliteStatement;

// One connection to a database file: created if absent (owner-only: it holds personal data),
// WAL journal, synchronous FULL (a committed row survives power loss), foreign keys on, and a
// busy timeout so another process's short transaction waits instead of failing.
class SqliteDatabase {
 public:
  SqliteDatabase(const std::filesystem::path& file, DatabaseErrors errors);
  // Opens an existing database only to read it: nothing is created, no pragma is written. When
  // the disk is full even a read-only WAL reader fails (it must size the -shm file); then, if
  // no WAL holds uncheckpointed pages, the file is read as immutable, which writes nothing at
  // all (no writer can commit on a full disk either).
  static SqliteDatabase open_read_only(const std::filesystem::path& file, DatabaseErrors errors);
  // Runs statements that return no rows.
  void execute(std::string_view sql);
  SqliteStatement prepare(std::string_view sql);
  std::int64_t last_insert_id() const noexcept;
  std::int64_t changes() const noexcept;
  // Throws the layer's error: `doing` and SQLite's last message.
  [[noreturn]] void fail(const std::string& doing) const;
  const std::string& path() const noexcept { return path_; }

 private:
  SqliteDatabase(std::string path, const std::string& uri, DatabaseErrors errors);
  [[noreturn]] void raise(const std::string& message) const;
  void switch_to_write_ahead_log();
  std::unique_ptr<sqlite3, CloseDatabase> handle_;
  std::string path_;
  DatabaseErrors errors_;
};

// A prepared statement; parameters are 1-based, columns 0-based.
class SqliteStatement {
 public:
  SqliteStatement(std::unique_ptr<sqlite3_stmt, FinalizeStatement> handle,
                  const SqliteDatabase& database);
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view value);
  SqliteStatement& bind_null(int index);
  // True when a row is ready to read; false when the statement is done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  void reset();

 private:
  std::unique_ptr<sqlite3_stmt, FinalizeStatement> handle_;
  const SqliteDatabase* database_;
};

// BEGIN IMMEDIATE (the write lock taken at once, so a read-then-write never races another
// process) ... COMMIT; rolled back if commit() was not reached.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDatabase& database);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteDatabase& database_;
  bool open_ = true;
};

}  // namespace panelpack::storage
