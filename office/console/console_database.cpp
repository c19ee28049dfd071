#include "office/console/console_database.hpp"

#include <sqlite3.h>

#include <system_error>
#include <utility>

#include "office/error.hpp"

namespace panelpack::office::console {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void machine_failure(const fs::path& file, const std::string& what) {
  throw OfficeError(OfficeError::Code::machine_failure, what, {file.string(), ""});
}

// The folder holds the accounts' hashes and the sessions: its owner only, whatever the umask.
void make_private_folder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    machine_failure(folder, "cannot create the console's folder " + folder.string() + ": " +
                                error.message() + "; check the office folder's permissions");
  }
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) {
    machine_failure(folder,
                    "cannot make " + folder.string() + " private (0700): " + error.message());
  }
}

}  // namespace

ConsoleDatabase::ConsoleDatabase(const fs::path& file) : path_(file) {
  make_private_folder(file.parent_path());
  std::error_code ignored;
  const bool created = !fs::exists(file, ignored);
  const int opened =
      sqlite3_open_v2(file.c_str(), &handle_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (opened != SQLITE_OK) {
    const std::string why = handle_ != nullptr ? sqlite3_errmsg(handle_) : sqlite3_errstr(opened);
    sqlite3_close_v2(handle_);  // sqlite3_open_v2 may return a handle even on failure
    handle_ = nullptr;
    machine_failure(file, "cannot open the console's accounts file " + file.string() + ": " + why);
  }
  // Owner only; SQLite gives the -wal and -shm files the database's own mode.
  if (created) {
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    ignored);
  }
  sqlite3_extended_result_codes(handle_, 1);
  // Another process (the CLI beside the server) holding the write lock is waited for.
  sqlite3_busy_timeout(handle_, 10'000);
  execute("PRAGMA journal_mode = WAL");
  execute("PRAGMA synchronous = FULL");
  execute("PRAGMA foreign_keys = ON");
}

ConsoleDatabase::~ConsoleDatabase() {
  sqlite3_close_v2(handle_);
}

void ConsoleDatabase::fail(const std::string& doing) const {
  machine_failure(path_, "the console's accounts file " + path_.string() + ": " + doing + ": " +
                             sqlite3_errmsg(handle_));
}

void ConsoleDatabase::execute(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    machine_failure(path_, "the console's accounts file " + path_.string() + " failed: " + why);
  }
}

Statement ConsoleDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    fail("cannot prepare a statement");
  }
  return Statement(raw, *this);
}

std::int64_t ConsoleDatabase::last_insert_id() const noexcept {
  return sqlite3_last_insert_rowid(handle_);
}

std::int64_t ConsoleDatabase::changes() const noexcept {
  return sqlite3_changes(handle_);
}

Statement::Statement(sqlite3_stmt* handle, const ConsoleDatabase& database)
    : handle_(handle), database_(&database) {}

Statement::~Statement() {
  sqlite3_finalize(handle_);
}

Statement::Statement(Statement&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), database_(other.database_) {}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(handle_, index, value) != SQLITE_OK) database_->fail("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the text, so the caller's string may go away. An empty
  // view may have no data pointer, which SQLite would bind as NULL: it is the empty text.
  const char* data = value.data() != nullptr ? value.data() : "";
  if (sqlite3_bind_text64(handle_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
      SQLITE_OK) {
    database_->fail("cannot bind");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(handle_, index) != SQLITE_OK) database_->fail("cannot bind NULL");
  return *this;
}

bool Statement::step() {
  const int result = sqlite3_step(handle_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  database_->fail("a statement failed");
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(handle_, column);
}

std::string Statement::text(int column) const {
  const unsigned char* value = sqlite3_column_text(handle_, column);
  if (value == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(value),
                     static_cast<std::size_t>(sqlite3_column_bytes(handle_, column)));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(handle_, column) == SQLITE_NULL;
}

Transaction::Transaction(ConsoleDatabase& database) : database_(database) {
  database_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    database_.execute("ROLLBACK");
  } catch (...) {  // the transaction may already be gone with a failed statement
  }
}

void Transaction::commit() {
  database_.execute("COMMIT");
  open_ = false;
}

}  // namespace panelpack::office::console
