#pragma once
// An exclusive lock on a file (flock), held for the life of the object: two runs of a command
// that must not overlap (packing one sitting, a tick) take the same lock file.

#include <filesystem>

namespace panelpack::cli {

class FileLock {
 public:
  // Creates the lock file if needed and waits for the lock when `wait`; otherwise throws
  // CommandFailure (busy) saying another run holds it.
  FileLock(const std::filesystem::path& path, bool wait);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// The lock file for work on `target`: ".NAME.lock" beside it.
std::filesystem::path lock_path_beside(const std::filesystem::path& target);

}  // namespace panelpack::cli
