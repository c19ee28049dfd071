#pragma once
// An exclusive lock on a file (flock), held for the life of the object: two runs of a command
// that must not overlap (packing one sitting, a tick) take the same lock file.

#include <filesystem>
#include <optional>

namespace panelpack::office {

class FileLock {
 public:
  // Creates the lock file if needed and waits for the lock. Throws OfficeError
  // (machine_failure) when the file cannot be opened or locked.
  explicit FileLock(const std::filesystem::path& path);
  // The lock now, or nothing when another run holds it: being busy is an answer, not an error.
  static std::optional<FileLock> try_take(const std::filesystem::path& path);
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  FileLock() = default;
  // Locks `path`; false when another run holds it and `wait` is false.
  bool lock(const std::filesystem::path& path, bool wait);

  int fd_ = -1;
};

// The lock file for work on `target`: ".NAME.lock" beside it.
std::filesystem::path lock_path_beside(const std::filesystem::path& target);

}  // namespace panelpack::office
