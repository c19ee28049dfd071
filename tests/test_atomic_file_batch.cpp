#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "templating/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::templating::AtomicFileBatch;
using panelpack::templating::read_file;

class AtomicFileBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("pp-batch-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // The temporary files (".NAME.tmp-...") left in the folder.
  int temporaries() const {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(root_)) {
      if (entry.path().filename().string().starts_with(".")) ++count;
    }
    return count;
  }

  fs::path file(int i) const { return root_ / ("doc" + std::to_string(i) + ".docx"); }

  fs::path root_;
};

TEST_F(AtomicFileBatchTest, EveryFileIsInPlaceAfterFinishAndNoneBefore) {
  AtomicFileBatch batch(4);
  for (int i = 0; i < 3; ++i)
    batch.write(static_cast<std::size_t>(i), file(i), "doc " + std::to_string(i));
  // Fewer than a group: nothing is in place until finish().
  EXPECT_FALSE(fs::exists(file(0)));
  EXPECT_EQ(temporaries(), 3);
  EXPECT_TRUE(batch.finish().empty());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(read_file(file(i)), "doc " + std::to_string(i));
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileBatchTest, AFullGroupIsPutInPlaceAtOnce) {
  AtomicFileBatch batch(2);
  batch.write(0, file(0), "a");
  batch.write(1, file(1), "b");  // fills the group
  batch.write(2, file(2), "c");
  EXPECT_EQ(read_file(file(1)), "b");
  EXPECT_FALSE(fs::exists(file(2)));
  EXPECT_TRUE(batch.finish().empty());
  EXPECT_EQ(read_file(file(2)), "c");
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileBatchTest, AnExistingFileIsReplacedWholeAndKeepsItsMode) {
  std::ofstream(file(0)) << std::string(100000, 'o');
  fs::permissions(file(0), fs::perms(0640));
  const mode_t old_umask = ::umask(022);
  {
    AtomicFileBatch batch;
    batch.write(0, file(0), "new");
    EXPECT_TRUE(batch.finish().empty());
  }
  ::umask(old_umask);
  EXPECT_EQ(read_file(file(0)), "new");
  struct stat info {};
  ASSERT_EQ(::stat(file(0).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
}

TEST_F(AtomicFileBatchTest, ABatchDroppedBeforeFinishLeavesTargetsAsTheyWere) {
  std::ofstream(file(0)) << "old";
  {
    AtomicFileBatch batch;
    batch.write(0, file(0), "new");
    batch.write(1, file(1), "new");
  }
  EXPECT_EQ(read_file(file(0)), "old");
  EXPECT_FALSE(fs::exists(file(1)));
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileBatchTest, AMissingFolderIsRefusedAtWriteAndTheOthersLand) {
  AtomicFileBatch batch;
  batch.write(0, file(0), "a");
  try {
    batch.write(1, root_ / "missing" / "doc.docx", "b");
    FAIL() << "a missing folder must be refused";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
  }
  EXPECT_TRUE(batch.finish().empty());
  EXPECT_EQ(read_file(file(0)), "a");
  EXPECT_FALSE(fs::exists(root_ / "missing"));
}

TEST_F(AtomicFileBatchTest, AFileThatCannotBeRenamedIsReportedByItsId) {
  fs::create_directories(file(1) / "inside");  // a non-empty folder where file 1 goes
  AtomicFileBatch batch;
  for (int i = 0; i < 3; ++i) batch.write(static_cast<std::size_t>(10 + i), file(i), "x");
  const auto failures = batch.finish();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].id, 11u);
  EXPECT_EQ(failures[0].path, file(1));
  EXPECT_TRUE(failures[0].error);
  EXPECT_TRUE(fs::is_directory(file(1) / "inside"));
  EXPECT_EQ(read_file(file(0)), "x");
  EXPECT_EQ(read_file(file(2)), "x");
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileBatchTest, ManyThreadsWriteOneBatch) {
  AtomicFileBatch batch(7);
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < 100; i += 4) {
        batch.write(static_cast<std::size_t>(i), file(i), std::to_string(i * i));
      }
    });
  }
  threads.clear();  // joins
  EXPECT_TRUE(batch.finish().empty());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(read_file(file(i)), std::to_string(i * i));
  EXPECT_EQ(temporaries(), 0);
}

}  // namespace
