#pragma once
// The console's SQLite file (OFFICE/console/console.sqlite): one connection, opened with the
// folder 0700 and the file 0600, WAL, a busy timeout, and the schema brought up to date by the
// migrations in console_schema.cpp. Internal to office/console/: sqlite3.h stays out of the
// headers a front end includes. Errors are OfficeError (machine_failure) naming the file.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace panelpack::office::console {

class Statement;

class ConsoleDatabase {
 public:
  // Opens `file`, creating it and its folder on first use.
  explicit ConsoleDatabase(const std::filesystem::path& file);
  ~ConsoleDatabase();
  ConsoleDatabase(const ConsoleDatabase&) = delete;
  ConsoleDatabase& operator=(const ConsoleDatabase&) = delete;

  // Runs statements that return no rows.
  void execute(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_id() const noexcept;
  std::int64_t changes() const noexcept;
  [[noreturn]] void fail(const std::string& doing) const;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  sqlite3* handle_ = nullptr;
  std::filesystem::path path_;
};

// A prepared statement; parameters are 1-based, columns 0-based.
class Statement {
 public:
  Statement(sqlite3_stmt* handle, const ConsoleDatabase& database);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);
  // True when a row is ready to read; false when the statement is done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3_stmt* handle_;
  const ConsoleDatabase* database_;
};

// BEGIN IMMEDIATE ... COMMIT (the write lock taken at once, so a read-then-write never races
// another process); rolled back when commit() was not reached.
class Transaction {
 public:
  explicit Transaction(ConsoleDatabase& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  ConsoleDatabase& database_;
  bool open_ = true;
};

}  // namespace panelpack::office::console
