#pragma once
// The console's store: the office's accounts, sessions and audit in one SQLite file,
// OFFICE/console/console.sqlite (docs/console.md, "Accounts, sessions and audit"). One store
// may be shared by every thread of a server: each operation takes its mutex for its SQL only,
// never while hashing a password. Opened only by what needs it (`panelpack users`, the
// server), so no other command pays for it.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "panel/london_time.hpp"

namespace panelpack::office {
class Workspace;
}
namespace panelpack::storage {
class SqliteDatabase;
}

namespace panelpack::office::console {

// What time it is; tests hand in a clock they move.
using Clock = std::function<panel::UtcInstant()>;
panel::UtcInstant system_now();

// The rules of signing in and of sessions.
struct ConsolePolicy {
  int failures_before_lock = 5;  // wrong passwords in a row that lock
  std::chrono::seconds lock_for = std::chrono::minutes(15);
  std::chrono::seconds session_idle = std::chrono::minutes(30);  // sliding: each use renews it
  std::chrono::seconds session_limit = std::chrono::hours(12);   // from sign-in, whatever use
};

// Who did something, for the audit: the user name ("-" for nobody signed in, as the command
// line) and where from (an IP address, or "cli:UNIXUSER").
struct Actor {
  std::string user_name = "-";
  std::string client = "-";
};

// OFFICE/console/console.sqlite.
std::filesystem::path console_file(const std::filesystem::path& office_root);

class ConsoleStore {
 public:
  // The store of `workspace`'s office, knowing its panels (office.json's ids).
  explicit ConsoleStore(const Workspace& workspace, Clock clock = system_now,
                        ConsolePolicy policy = {});
  ConsoleStore(const std::filesystem::path& office_root, std::vector<std::string> panel_ids,
               Clock clock = system_now, ConsolePolicy policy = {});
  ~ConsoleStore();
  ConsoleStore(const ConsoleStore&) = delete;
  ConsoleStore& operator=(const ConsoleStore&) = delete;

  const std::filesystem::path& file() const noexcept { return file_; }
  const std::vector<std::string>& panel_ids() const noexcept { return panel_ids_; }
  const ConsolePolicy& policy() const noexcept { return policy_; }
  panel::UtcInstant now() const { return clock_(); }

  // Runs `work(database)` holding the store's mutex (for office/console/ itself).
  template <typename Work>
  std::invoke_result_t<Work, storage::SqliteDatabase&> locked(Work&& work) {
    const std::lock_guard lock(mutex_);
    return std::forward<Work>(work)(*database_);
  }

 private:
  std::filesystem::path file_;
  std::vector<std::string> panel_ids_;
  Clock clock_;
  ConsolePolicy policy_;
  std::mutex mutex_;
  std::unique_ptr<storage::SqliteDatabase> database_;
};

}  // namespace panelpack::office::console
