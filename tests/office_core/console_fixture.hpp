#pragma once
// A console store in a temporary office folder with a clock the test moves, and reading the
// SQLite file directly, for the tests of office/console/.

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "office/console/console_store.hpp"
#include "office/error.hpp"
#include "panel/london_time.hpp"
#include "support/temporary_folder.hpp"

namespace panelpack::testing {

// 5 December 2026, 09:00 UTC, moved only by the test.
class TestClock {
 public:
  panel::UtcInstant now() const { return panel::UtcInstant{std::chrono::seconds(seconds_.load())}; }
  void advance(std::chrono::seconds by) { seconds_ += by.count(); }
  office::console::Clock clock() {
    return [this] { return now(); };
  }

 private:
  std::atomic<std::int64_t> seconds_{1'796'461'200};
};

class ConsoleTest : public ::testing::Test {
 protected:
  ConsoleTest()
      : store_(std::make_unique<office::console::ConsoleStore>(
            root(), std::vector<std::string>{"permanence", "aep", "pptm"}, clock_.clock())) {}

  std::filesystem::path root() const { return folder_.path(); }
  office::console::ConsoleStore& store() { return *store_; }
  TestClock& clock() { return clock_; }

  // One value of the first row `sql` returns, read through a connection of the test's own.
  std::string query(const std::string& sql) const {
    sqlite3* database = nullptr;
    EXPECT_EQ(sqlite3_open_v2(store_->file().c_str(), &database, SQLITE_OPEN_READWRITE, nullptr),
              SQLITE_OK);
    sqlite3_busy_timeout(database, 10'000);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
        << sqlite3_errmsg(database);
    std::string value = "(no row)";
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      value = text == nullptr ? "(null)" : reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(statement);
    sqlite3_close(database);
    return value;
  }

  // Runs `sql` through a connection of the test's own; SQLite's error message, or "" for none.
  std::string execute(const std::string& sql) const {
    sqlite3* database = nullptr;
    sqlite3_open_v2(store_->file().c_str(), &database, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(database, 10'000);
    char* message = nullptr;
    const int result = sqlite3_exec(database, sql.c_str(), nullptr, nullptr, &message);
    std::string error = result == SQLITE_OK ? "" : (message != nullptr ? message : "failed");
    sqlite3_free(message);
    sqlite3_close(database);
    return error;
  }

 private:
  TemporaryFolder folder_{"panelpack-console"};
  TestClock clock_;
  std::unique_ptr<office::console::ConsoleStore> store_;
};

}  // namespace panelpack::testing
