#include "templating/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <utility>

#include "templating/leftovers.hpp"

namespace panelpack::templating {
namespace {

[[noreturn]] void throw_errno(int error, const std::string& what) {
  throw std::system_error(std::error_code(error, std::generic_category()), what);
}

// Owns a file descriptor; closes it (ignoring errors) unless release()d.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const noexcept { return fd_; }
  int release() noexcept { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Unlinks the temporary file unless the rename succeeded.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  ~TemporaryFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const noexcept { return path_; }
  void keep() noexcept { path_.clear(); }

 private:
  std::string path_;
};

// The process umask without changing it (umask() itself is a racy read-modify-write).
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Umask:", 0) == 0)
      return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
  }
  return 022;
}

// mkstemp creates 0600: give the new file the mode an ordinary create would, or keep the old
// one less what the umask forbids (panelpack's umask 077 makes an old 0644 file 0600).
mode_t mode_for(const std::string& path, mode_t umask) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) return existing.st_mode & 07777 & ~umask;
  return 0666 & ~umask;
}

void write_all(int fd, std::string_view bytes, const std::string& what) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw_errno(errno, what);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// A temporary file beside the one it will replace, with that file's mode: written, flushed,
// then put in place by one rename. Removed if it is never put in place.
std::filesystem::path parent_of(const std::filesystem::path& path) {
  return path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
}

// Refuses a missing folder with a message that says what to do, and removes what a killed run
// left in it (once per folder per process).
void check_folder(const std::filesystem::path& path, const std::filesystem::path& parent) {
  std::error_code status_error;
  if (!std::filesystem::is_directory(parent, status_error)) {
    throw_errno(ENOENT, "cannot write " + path.string() + " (folder " + parent.string() +
                            " does not exist: create it first)");
  }
  remove_abandoned_temporaries(parent);
}

class ReplacementFile {
 public:
  explicit ReplacementFile(const std::filesystem::path& path)
      : ReplacementFile(path, create_beside(path, true), current_umask()) {}
  // For a batch: the folder was checked already and the umask read once.
  ReplacementFile(const std::filesystem::path& path, mode_t umask)
      : ReplacementFile(path, create_beside(path, false), umask) {}

  const std::string& what() const noexcept { return what_; }
  int fd() const noexcept { return fd_.get(); }
  const std::filesystem::path& target() const noexcept { return path_; }

  // Flushes what was written to fd() to disk, closes it and renames the file over the target.
  void put_in_place() {
    if (::fsync(fd_.get()) != 0) throw_errno(errno, what_ + " (flushing to disk failed)");
    rename_over_target();
    // Makes the rename itself durable; best-effort, the new content is already in place.
    FileDescriptor directory{::open(parent_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (directory.get() >= 0) ::fsync(directory.get());
  }

  // Closes the file and renames it over the target; the caller has flushed it to disk.
  void rename_over_target() {
    if (::close(fd_.release()) != 0) throw_errno(errno, what_);
    if (::rename(temporary_.path().c_str(), path_.c_str()) != 0) throw_errno(errno, what_);
    temporary_.keep();
  }

 private:
  struct Created {
    int fd;
    std::string name;
  };

  static Created create_beside(const std::filesystem::path& path, bool check_the_folder) {
    const std::string what = "cannot write " + path.string();
    if (!path.has_filename()) throw_errno(EISDIR, what + " (it names a folder, not a file)");
    const std::filesystem::path parent = parent_of(path);
    // What a killed run left in this folder goes first; the new file says whose it is.
    if (check_the_folder) check_folder(path, parent);
    const std::string prefix = "." + path.filename().string() + ".tmp-";
    std::string pattern = (parent / (prefix + owner_tag() + "XXXXXX")).string();
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) throw_errno(errno, what + " (cannot create a temporary file beside it)");
    mark_in_use(fd);
    return {fd, std::move(pattern)};
  }

  ReplacementFile(const std::filesystem::path& path, Created created, mode_t umask)
      : fd_(created.fd),
        temporary_(std::move(created.name)),
        path_(path),
        what_("cannot write " + path.string()) {
    if (::fchmod(fd_.get(), mode_for(path.string(), umask)) != 0) throw_errno(errno, what_);
  }

  FileDescriptor fd_;
  TemporaryFile temporary_;
  std::filesystem::path path_;
  std::string what_;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  ReplacementFile file(path);
  write_all(file.fd(), bytes, file.what());
  file.put_in_place();
}

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::FILE*)>& write_content) {
  ReplacementFile file(path);
  // A duplicate for the stream, so the file stays open for put_in_place's fsync.
  const int stream_fd = ::fcntl(file.fd(), F_DUPFD_CLOEXEC, 0);
  if (stream_fd < 0) throw_errno(errno, file.what());
  std::FILE* stream = ::fdopen(stream_fd, "wb");
  if (stream == nullptr) {
    const int error = errno;
    ::close(stream_fd);
    throw_errno(error, file.what());
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(stream, &std::fclose);
  write_content(stream);
  if (std::fflush(stream) != 0) throw_errno(errno, file.what());
  if (std::fclose(owned.release()) != 0) throw_errno(errno, file.what());
  file.put_in_place();
}

struct AtomicFileBatch::Pending {
  std::size_t id;
  std::unique_ptr<ReplacementFile> file;
};

AtomicFileBatch::AtomicFileBatch(std::size_t group_size)
    : group_size_(std::max<std::size_t>(group_size, 1)), umask_(current_umask()) {}

AtomicFileBatch::~AtomicFileBatch() = default;

void AtomicFileBatch::write(std::size_t id, const std::filesystem::path& path,
                            std::string_view bytes) {
  const std::filesystem::path parent = parent_of(path);
  {
    std::unique_lock lock(mutex_);
    if (!checked_folders_.contains(parent)) {
      lock.unlock();
      check_folder(path, parent);
      lock.lock();
      checked_folders_.insert(parent);
    }
  }
  auto file = std::make_unique<ReplacementFile>(path, static_cast<mode_t>(umask_));
  write_all(file->fd(), bytes, file->what());
  std::vector<Pending> full;
  {
    const std::lock_guard lock(mutex_);
    pending_.push_back({id, std::move(file)});
    if (pending_.size() >= group_size_) full.swap(pending_);
  }
  if (!full.empty()) put_in_place(full);
}

std::vector<AtomicFileBatch::Failure> AtomicFileBatch::finish() {
  std::vector<Pending> rest;
  {
    const std::lock_guard lock(mutex_);
    rest.swap(pending_);
  }
  if (!rest.empty()) put_in_place(rest);
  const std::lock_guard lock(mutex_);
  return std::exchange(failures_, {});
}

void AtomicFileBatch::put_in_place(std::vector<Pending>& group) {
  std::vector<Failure> failed;
  // The group's folders, each opened once: to find its file system, then to flush its entries.
  std::map<std::filesystem::path, FileDescriptor> folders;
  std::map<std::filesystem::path, std::error_code> unusable;  // a folder that cannot be flushed
  std::set<dev_t> flushed;
  for (const Pending& pending : group) {
    const std::filesystem::path parent = parent_of(pending.file->target());
    if (folders.contains(parent) || unusable.contains(parent)) continue;
    FileDescriptor folder{::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    struct stat info {};
    if (folder.get() < 0 || ::fstat(folder.get(), &info) != 0) {
      unusable.emplace(parent, std::error_code(errno, std::generic_category()));
      continue;
    }
    // One syncfs flushes every temporary of the group on that file system, data and entries.
    if (!flushed.contains(info.st_dev)) {
      if (::syncfs(folder.get()) != 0) {
        unusable.emplace(parent, std::error_code(errno, std::generic_category()));
        continue;
      }
      flushed.insert(info.st_dev);
    }
    folders.emplace(parent, std::move(folder));
  }
  for (Pending& pending : group) {
    const std::filesystem::path& target = pending.file->target();
    if (const auto bad = unusable.find(parent_of(target)); bad != unusable.end()) {
      failed.push_back({pending.id, target, bad->second});
      continue;
    }
    try {
      pending.file->rename_over_target();
    } catch (const std::system_error& error) {
      failed.push_back({pending.id, target, error.code()});
    }
  }
  // Makes the renames durable; best-effort, as for one file: the new content is in place.
  for (const auto& [parent, folder] : folders) ::fsync(folder.get());
  group.clear();  // removes the temporaries of the files that failed
  if (failed.empty()) return;
  const std::lock_guard lock(mutex_);
  failures_.insert(failures_.end(), failed.begin(), failed.end());
}

namespace {

void sync_path(const std::filesystem::path& path, int flags, const std::string& what) {
  FileDescriptor fd{::open(path.c_str(), flags | O_CLOEXEC)};
  if (fd.get() < 0 || ::fsync(fd.get()) != 0)
    throw_errno(errno, what + " (flushing to disk failed)");
}

std::string staging_prefix(const std::filesystem::path& target) {
  return "." + target.filename().string() + ".tmp-";
}

}  // namespace

StagedFolder::StagedFolder(std::filesystem::path target) : target_(std::move(target)) {
  const std::string what = "cannot build " + target_.string();
  if (!target_.has_filename()) throw_errno(EINVAL, what + " (it names no folder)");
  const std::filesystem::path parent =
      target_.parent_path().empty() ? std::filesystem::path(".") : target_.parent_path();
  std::error_code created;
  std::filesystem::create_directories(parent, created);
  if (created) throw std::system_error(created, what + " (cannot create " + parent.string() + ")");
  remove_abandoned(parent, staging_prefix(target_));
  std::string pattern = (parent / (staging_prefix(target_) + owner_tag() + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw_errno(errno, what + " (cannot create a temporary folder beside it)");
  }
  staged_ = pattern;
  in_use_ = ::open(staged_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (in_use_ >= 0) mark_in_use(in_use_);
}

StagedFolder::~StagedFolder() {
  if (in_use_ >= 0) ::close(in_use_);
  if (published_ || staged_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(staged_, ignored);
}

void StagedFolder::write(const std::string& name, std::string_view bytes) const {
  const std::filesystem::path path = staged_ / name;
  const std::string what = "cannot write " + path.string();
  FileDescriptor fd{::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)};
  if (fd.get() < 0) throw_errno(errno, what);
  write_all(fd.get(), bytes, what);
  if (::close(fd.release()) != 0) throw_errno(errno, what);
}

void StagedFolder::publish() {
  const std::string what = "cannot put " + target_.string() + " in place";
  // One syncfs flushes every file of the folder (and its entries) in one go: forty fsyncs one
  // after another cost more than the whole pack's rendering on a virtual disk.
  {
    FileDescriptor folder{::open(staged_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (folder.get() < 0 || ::syncfs(folder.get()) != 0) {
      throw_errno(errno, what + " (flushing to disk failed)");
    }
  }
  const std::filesystem::path parent =
      target_.parent_path().empty() ? std::filesystem::path(".") : target_.parent_path();
  // RENAME_EXCHANGE swaps the two names in one step, so `target` never goes missing; the old
  // folder is then under the staging name and removed.
  if (::renameat2(AT_FDCWD, staged_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
    published_ = true;
    sync_path(parent, O_RDONLY | O_DIRECTORY, what);
    std::error_code ignored;
    std::filesystem::remove_all(staged_, ignored);
    return;
  }
  if (errno != ENOENT) throw_errno(errno, what);
  if (::renameat2(AT_FDCWD, staged_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
    throw_errno(errno, what);
  }
  published_ = true;
  sync_path(parent, O_RDONLY | O_DIRECTORY, what);
}

void remove_stale_staging(const std::filesystem::path& target) {
  const std::filesystem::path parent =
      target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
  const std::string prefix = staging_prefix(target);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(parent, error)) {
    if (entry.path().filename().string().starts_with(prefix)) {
      std::error_code ignored;
      std::filesystem::remove_all(entry.path(), ignored);
    }
  }
}

std::string read_file(const std::filesystem::path& path) {
  const std::string what = "cannot read " + path.string();
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
  FileDescriptor fd{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (fd.get() < 0) throw_errno(errno, what);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw_errno(errno, what);
  // A device such as /dev/zero never ends: only regular files are read.
  if (!S_ISREG(info.st_mode)) throw_errno(EINVAL, what + " (not a regular file)");
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw_errno(errno, what);
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return bytes;
}

}  // namespace panelpack::templating
