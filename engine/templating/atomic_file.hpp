#pragma once
// Writing files so that a crash leaves the old content or the new, never half.

#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string_view>
#include <system_error>
#include <vector>

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

// Many files written atomically and flushed to disk together, for a batch of outputs: each file
// goes to a temporary beside its target as it comes; then (every `group_size` files, and at
// finish()) one syncfs per file system flushes the whole group, each file is renamed over its
// target, and each folder is flushed once. Two fsyncs per file cost more than rendering it.
// A crash leaves every target old or new, never half. write() may be called from any thread.
class AtomicFileBatch {
 public:
  // A file written whole but not put in place (its target untouched), and why.
  struct Failure {
    std::size_t id;
    std::filesystem::path path;
    std::error_code error;
  };

  // 256 files at a time keeps the open temporaries (each locked, see leftovers.hpp) well
  // under the usual limit of 1,024 open files.
  explicit AtomicFileBatch(std::size_t group_size = 256);
  // Removes the temporaries of files not yet put in place; their targets stay as they were.
  ~AtomicFileBatch();
  AtomicFileBatch(const AtomicFileBatch&) = delete;
  AtomicFileBatch& operator=(const AtomicFileBatch&) = delete;

  // Writes `bytes` to a temporary file beside `path` (whose folder must exist); `id` names the
  // file in finish()'s failures. Throws std::system_error naming the path when the temporary
  // cannot be made or written; `path` is then untouched.
  void write(std::size_t id, const std::filesystem::path& path, std::string_view bytes);
  // Puts every file written in place; returns those that could not be (in no set order).
  std::vector<Failure> finish();

 private:
  struct Pending;
  void put_in_place(std::vector<Pending>& group);

  std::size_t group_size_;
  unsigned umask_;
  std::mutex mutex_;  // guards the three below
  std::vector<Pending> pending_;
  std::vector<Failure> failures_;
  std::set<std::filesystem::path> checked_folders_;
};

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
