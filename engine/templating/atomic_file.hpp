#pragma once
// Writing files so that a crash leaves the old content or the new, never half.

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string_view>

namespace panelpack::templating {

// Writes `bytes` to a temporary file beside `path` (".NAME.tmp-PID-XXXXXX", created with the
// umask's mode), flushes it to disk, then renames it over `path`. On any failure the temporary
// file is removed and std::system_error is thrown naming the path; `path` is untouched.
// Temporary files a killed run left in the folder are removed first (leftovers.hpp).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// The same for content a library writes to a stdio stream as it goes: `write_content` gets
// the temporary file's stream (it must not close it). An exception from it propagates as it
// is, after the temporary file is removed; `path` is untouched.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::FILE*)>& write_content);

// A folder built beside `target` under a temporary name (".NAME.tmp-PID-XXXXXX"), then put in
// place in one step: readers, and a crash at any moment, see the old folder or the new one,
// never a mix and never half. Destroying it unpublished removes what was built; what a killed
// run left is removed by the next StagedFolder for the same target.
class StagedFolder {
 public:
  // Creates the temporary folder (and target's parent). Throws std::system_error.
  explicit StagedFolder(std::filesystem::path target);
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  const std::filesystem::path& path() const noexcept { return staged_; }
  const std::filesystem::path& target() const noexcept { return target_; }
  // Writes one file inside the folder (not yet durable; publish() flushes everything).
  void write(const std::string& name, std::string_view bytes) const;
  // Flushes every file and the folder to disk, then swaps it with `target` (renameat2
  // RENAME_EXCHANGE) or renames it there, and removes the old folder. Throws
  // std::system_error; on failure `target` is as it was.
  void publish();

 private:
  std::filesystem::path target_;
  std::filesystem::path staged_;
  bool published_ = false;
  int in_use_ = -1;  // the staged folder, locked while this run builds it (see leftovers.hpp)
};

// Removes the temporary folders and files a killed run left beside `target`
// (".NAME.tmp-*"); call it only while holding the lock that keeps other runs out.
void remove_stale_staging(const std::filesystem::path& target);

// Reads a whole regular file (anything else is refused with EINVAL: a FIFO or a device may
// block or never end); throws std::system_error naming the path.
std::string read_file(const std::filesystem::path& path);

}  // namespace panelpack::templating
