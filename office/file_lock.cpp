#include "office/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "office/error.hpp"

namespace panelpack::office {

FileLock::FileLock(const std::filesystem::path& path) {
  lock(path, true);
}

std::optional<FileLock> FileLock::try_take(const std::filesystem::path& path) {
  FileLock taken;
  if (!taken.lock(path, false)) return std::nullopt;
  return taken;
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

bool FileLock::lock(const std::filesystem::path& path, bool wait) {
  std::error_code ignored;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "cannot open the lock file " + path.string() + ": " + std::strerror(errno),
                      {path.string(), {}});
  }
  while (::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) return false;
    throw OfficeError(OfficeError::Code::machine_failure,
                      "cannot lock " + path.string() + ": " + std::strerror(error),
                      {path.string(), {}});
  }
  return true;
}

std::filesystem::path lock_path_beside(const std::filesystem::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".lock");
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace panelpack::office
