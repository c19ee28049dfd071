// Connections opened at the same moment on one new database file, as two people assigning a
// paper at once open the outbox: every one opens it and writes, none is told it is locked.

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite_database.hpp"
#include "support/temporary_folder.hpp"

namespace panelpack {
namespace {

[[noreturn]] void throw_runtime_error(const std::string& file, const std::string& message) {
  throw std::runtime_error(file + ": " + message);
}

const storage::DatabaseErrors kErrors{"the test database", throw_runtime_error};

TEST(SqliteThreads, ConnectionsOpeningANewFileAtOnceAllOpenItAndWrite) {
  for (int round = 0; round < 200; ++round) {
    testing::TemporaryFolder folder("panelpack-sqlite");
    const auto file = folder.path() / "shared.db";
    // Half the rounds on a file that exists already (written and closed, as an office's is).
    if (round % 2 == 1) {
      storage::SqliteDatabase first(file, kErrors);
      first.execute("CREATE TABLE IF NOT EXISTS people (person INTEGER)");
    }
    constexpr int kPeople = 6;
    std::atomic<int> ready{0};
    std::vector<std::string> failures(kPeople);
    std::vector<std::thread> people;
    for (int person = 0; person < kPeople; ++person) {
      people.emplace_back([&, person] {
        ++ready;
        while (ready.load() < kPeople) std::this_thread::yield();
        try {
          storage::SqliteDatabase database(file, kErrors);
          storage::SqliteTransaction transaction(database);
          database.execute("CREATE TABLE IF NOT EXISTS people (person INTEGER)");
          database.prepare("INSERT INTO people VALUES (?1)").bind(1, std::int64_t{person}).run();
          transaction.commit();
        } catch (const std::exception& error) {
          failures[static_cast<std::size_t>(person)] = error.what();
        }
      });
    }
    for (std::thread& person : people) person.join();
    for (const std::string& failure : failures) EXPECT_EQ(failure, "") << "round " << round;
    storage::SqliteDatabase database(file, kErrors);
    storage::SqliteStatement count = database.prepare("SELECT COUNT(*) FROM people");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), kPeople) << "round " << round;
  }
}

}  // namespace
}  // namespace panelpack
