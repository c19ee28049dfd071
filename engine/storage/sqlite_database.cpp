#include "storage/sqlite_database.hpp"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>

namespace panelpack::storage {

void CloseDatabase::operator()(sqlite3* database) const noexcept {
  sqlite3_close_v2(database);
}

void FinalizeStatement::operator()(sqlite3_stmt* statement) const noexcept {
  sqlite3_finalize(statement);
}

SqliteDatabase::SqliteDatabase(const std::filesystem::path& file, DatabaseErrors errors)
    : path_(file.string()), errors_(std::move(errors)) {
  std::error_code ignored;
  const bool created = !std::filesystem::exists(file, ignored);
  sqlite3* raw = nullptr;
  const int opened =
      sqlite3_open_v2(path_.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  // sqlite3_open_v2 may return a handle even on failure: it must still be closed.
  handle_.reset(raw);
  if (opened != SQLITE_OK) {
    raise("cannot open " + errors_.what + ": " +
          (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(opened)));
  }
  // A new database holds personal data: owner only (SQLite gives -wal and -shm the same mode).
  if (created) {
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ignored);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10'000);
  // WAL: readers never block the writer; FULL: a committed row survives power loss (the
  // outbox's "sent" is what keeps a message from being sent twice).
  switch_to_write_ahead_log();
  execute("PRAGMA synchronous = FULL");
  execute("PRAGMA foreign_keys = ON");
}

namespace {

// A file: URI for `path` (RFC 3986 percent-encoding of everything but unreserved and '/').
std::string file_uri(const std::filesystem::path& path, std::string_view query) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char c : std::filesystem::absolute(path).string()) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0xf];
    }
  }
  return uri + "?" + std::string(query);
}

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, const std::string& uri, DatabaseErrors errors)
    : path_(std::move(path)), errors_(std::move(errors)) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(
      uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  handle_.reset(raw);
  if (opened != SQLITE_OK) {
    raise("cannot open " + errors_.what +
          " to read it: " + (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(opened)) +
          "; check that the file is there and that panelpack's user can read it and the folder "
          "it is in");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10'000);
  // Reading the schema version is the first read: it fails here if the -shm cannot be sized.
  SqliteStatement probe = prepare("PRAGMA user_version");
  probe.step();
}

SqliteDatabase SqliteDatabase::open_read_only(const std::filesystem::path& file,
                                              DatabaseErrors errors) {
  try {
    return SqliteDatabase(file.string(), file_uri(file, "mode=ro"), errors);
  } catch (...) {  // the layer's own error type
    std::error_code error;
    const std::uintmax_t wal = std::filesystem::file_size(file.string() + "-wal", error);
    if (!error && wal > 0) throw;
    return SqliteDatabase(file.string(), file_uri(file, "mode=ro&immutable=1"), errors);
  }
}

void SqliteDatabase::raise(const std::string& message) const {
  errors_.raise(path_, message);
  throw std::logic_error("DatabaseErrors::raise returned");  // a layer's mistake, not SQLite's
}

void SqliteDatabase::fail(const std::string& doing) const {
  raise(errors_.what + ": " + doing + ": " + sqlite3_errmsg(handle_.get()));
}

void SqliteDatabase::switch_to_write_ahead_log() {
  // Two connections switching a new file at once both hold SHARED and want EXCLUSIVE: SQLite
  // answers BUSY at once, without the busy handler (it would deadlock), so wait here instead.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (sqlite3_exec(handle_.get(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr) !=
         SQLITE_OK) {
    const int code = sqlite3_errcode(handle_.get()) & 0xff;  // extended codes are on
    if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
        std::chrono::steady_clock::now() > give_up) {
      fail("cannot switch to a write-ahead log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void SqliteDatabase::execute(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(handle_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    raise(errors_.what + " failed: " + why);
  }
}

SqliteStatement SqliteDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(handle_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    fail("cannot prepare a statement");
  }
  return SqliteStatement(std::unique_ptr<sqlite3_stmt, FinalizeStatement>(raw), *this);
}

std::int64_t SqliteDatabase::last_insert_id() const noexcept {
  return sqlite3_last_insert_rowid(handle_.get());
}

std::int64_t SqliteDatabase::changes() const noexcept {
  return sqlite3_changes(handle_.get());
}

SqliteStatement::SqliteStatement(std::unique_ptr<sqlite3_stmt, FinalizeStatement> handle,
                                 const SqliteDatabase& database)
    : handle_(std::move(handle)), database_(&database) {}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(handle_.get(), index, value) != SQLITE_OK) {
    database_->fail("cannot bind a value");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the text, so the caller's string may go away. An empty
  // view may have no data pointer, which SQLite would bind as NULL: it is the empty text.
  const char* data = value.data() != nullptr ? value.data() : "";
  if (sqlite3_bind_text64(handle_.get(), index, data, value.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    database_->fail("cannot bind a value");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  if (sqlite3_bind_null(handle_.get(), index) != SQLITE_OK) database_->fail("cannot bind NULL");
  return *this;
}

bool SqliteStatement::step() {
  const int result = sqlite3_step(handle_.get());
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  database_->fail("a statement failed");
}

void SqliteStatement::run() {
  while (step()) {
  }
}

std::int64_t SqliteStatement::integer(int column) const {
  return sqlite3_column_int64(handle_.get(), column);
}

std::string SqliteStatement::text(int column) const {
  const unsigned char* value = sqlite3_column_text(handle_.get(), column);
  if (value == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(value),
                     static_cast<std::size_t>(sqlite3_column_bytes(handle_.get(), column)));
}

bool SqliteStatement::is_null(int column) const {
  return sqlite3_column_type(handle_.get(), column) == SQLITE_NULL;
}

void SqliteStatement::reset() {
  sqlite3_reset(handle_.get());
  sqlite3_clear_bindings(handle_.get());
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& database) : database_(database) {
  database_.execute("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
  if (!open_) return;
  try {
    database_.execute("ROLLBACK");
  } catch (...) {  // the transaction may already be gone with a failed statement
  }
}

void SqliteTransaction::commit() {
  database_.execute("COMMIT");
  open_ = false;
}

}  // namespace panelpack::storage
