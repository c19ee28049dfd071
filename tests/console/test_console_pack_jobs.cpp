// The console's registry of pack builds (console/server/pack_jobs.hpp): one build at a time per
// sitting, its progress and end read while it runs, and wait_all() (what ConsoleServer::stop
// calls) returning only once every build has ended, so a stop never cuts a pack being written.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "console/server/pack_jobs.hpp"

namespace {

using panelpack::console::PackJobEnd;
using panelpack::console::PackJobs;
using panelpack::console::PackJobState;

TEST(PackJobs, RunsOneBuildPerSittingAtATimeAndKeepsHowItEnded) {
  PackJobs jobs;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> begun;
  ASSERT_TRUE(
      jobs.start("permanence/2026-12-15", "ada", [&](panelpack::office::ProgressSink& sink) {
        sink.begin("packing", 3);
        sink.advance();
        begun.set_value();
        released.wait();
        return PackJobEnd{PackJobState::done, "3 documents packed"};
      }));
  begun.get_future().wait();
  EXPECT_FALSE(jobs.start("permanence/2026-12-15", "bob",
                          [](panelpack::office::ProgressSink&) { return PackJobEnd{}; }));
  auto running = jobs.status("permanence/2026-12-15");
  ASSERT_TRUE(running.has_value());
  EXPECT_EQ(running->state, PackJobState::running);
  EXPECT_EQ(running->started_by, "ada");
  EXPECT_EQ(running->progress.stage, "packing");
  EXPECT_EQ(running->progress.done, 1U);
  EXPECT_EQ(running->progress.total, 3U);
  EXPECT_FALSE(jobs.status("aep/2027-01-11").has_value());

  release.set_value();
  jobs.wait_all();
  const auto ended = jobs.status("permanence/2026-12-15");
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(ended->state, PackJobState::done);
  EXPECT_EQ(ended->message, "3 documents packed");
}

TEST(PackJobs, AnErrorEndsTheBuildAsFailedWithItsMessageAndAnotherMayStart) {
  PackJobs jobs;
  ASSERT_TRUE(
      jobs.start("aep/2027-01-11", "ada", [](panelpack::office::ProgressSink&) -> PackJobEnd {
        throw std::runtime_error("LibreOffice is not installed");
      }));
  jobs.wait_all();
  auto failed = jobs.status("aep/2027-01-11");
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->state, PackJobState::failed);
  EXPECT_EQ(failed->message, "LibreOffice is not installed");
  ASSERT_TRUE(jobs.start("aep/2027-01-11", "ada", [](panelpack::office::ProgressSink&) {
    return PackJobEnd{PackJobState::busy, "another run holds it"};
  }));
  jobs.wait_all();
  EXPECT_EQ(jobs.status("aep/2027-01-11")->state, PackJobState::busy);
}

TEST(PackJobs, WaitAllReturnsOnlyWhenEveryBuildHasEnded) {
  bool written = false;
  {
    PackJobs jobs;
    std::promise<void> begun;
    ASSERT_TRUE(jobs.start("permanence/2026-12-15", "ada", [&](panelpack::office::ProgressSink&) {
      begun.set_value();
      // Work the stop must not cut, still going when wait_all() is called.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      written = true;
      return PackJobEnd{};
    }));
    begun.get_future().wait();
    jobs.wait_all();
    EXPECT_TRUE(written);
  }
  EXPECT_TRUE(written);
}

}  // namespace
