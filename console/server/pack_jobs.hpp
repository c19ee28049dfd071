#pragma once
// The console's pack builds running in the background: at most one per sitting, each reporting
// its progress into a record the progress page reads. ConsoleServer owns the one registry and
// waits for every build before it stops, so a SIGTERM never cuts a pack being written.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "office/progress_record.hpp"

namespace panelpack::console {

enum class PackJobState { running, done, busy, failed };

// What a build came to, for the progress page: a sentence for a person (never case content).
struct PackJobEnd {
  PackJobState state = PackJobState::done;
  std::string message;
};

struct PackJobStatus {
  PackJobState state = PackJobState::running;
  office::ProgressSnapshot progress;
  std::string message;     // set once it ended
  std::string started_by;  // the account that started it
};

class PackJobs {
 public:
  using Work = std::function<PackJobEnd(office::ProgressSink&)>;

  PackJobs() = default;
  ~PackJobs();  // waits, as wait_all() does
  PackJobs(const PackJobs&) = delete;
  PackJobs& operator=(const PackJobs&) = delete;

  // Starts `work` on its own thread under `key` ("permanence/2026-12-15"); false (nothing
  // started) when a build of that key is still running.
  bool start(const std::string& key, const std::string& started_by, Work work);

  // The last build of `key`, running or ended; nothing when none was started.
  std::optional<PackJobStatus> status(const std::string& key) const;

  // Waits for every build started so far to end.
  void wait_all();

 private:
  struct Job;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
};

}  // namespace panelpack::console
