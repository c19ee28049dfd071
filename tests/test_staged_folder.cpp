#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "templating/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::templating::read_file;
using panelpack::templating::remove_stale_staging;
using panelpack::templating::StagedFolder;

class StagedFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("pp-staged-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Everything in the parent folder except the target itself.
  int leftovers() const {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(root_ / "packs")) {
      if (entry.path().filename() != "2026-12-15") ++count;
    }
    return count;
  }

  fs::path root_;
};

TEST_F(StagedFolderTest, PublishPutsANewFolderInPlace) {
  const fs::path target = root_ / "packs" / "2026-12-15";
  {
    StagedFolder staged(target);
    staged.write("a.txt", "new a");
    EXPECT_FALSE(fs::exists(target));  // nothing visible before publish
    staged.publish();
  }
  EXPECT_EQ(read_file(target / "a.txt"), "new a");
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(StagedFolderTest, PublishSwapsOutTheOldFolderWhole) {
  const fs::path target = root_ / "packs" / "2026-12-15";
  fs::create_directories(target);
  std::ofstream(target / "old-only.txt") << "old";
  std::ofstream(target / "a.txt") << "old a";
  StagedFolder staged(target);
  staged.write("a.txt", "new a");
  staged.publish();
  EXPECT_EQ(read_file(target / "a.txt"), "new a");
  EXPECT_FALSE(fs::exists(target / "old-only.txt"));  // no mix of old and new
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(StagedFolderTest, AnUnpublishedFolderIsRemovedAndTheOldOneKept) {
  const fs::path target = root_ / "packs" / "2026-12-15";
  fs::create_directories(target);
  std::ofstream(target / "a.txt") << "old a";
  {
    StagedFolder staged(target);
    staged.write("a.txt", "half");
  }
  EXPECT_EQ(read_file(target / "a.txt"), "old a");
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(StagedFolderTest, StaleStagingOfAKilledRunIsRemoved) {
  const fs::path target = root_ / "packs" / "2026-12-15";
  fs::create_directories(root_ / "packs" / ".2026-12-15.tmp-abc123");
  std::ofstream(root_ / "packs" / ".2026-12-15.tmp-abc123" / "x") << "x";
  fs::create_directories(root_ / "packs" / "2026-12-22");
  remove_stale_staging(target);
  EXPECT_FALSE(fs::exists(root_ / "packs" / ".2026-12-15.tmp-abc123"));
  EXPECT_TRUE(fs::exists(root_ / "packs" / "2026-12-22"));  // another sitting's pack stays
}

}  // namespace
