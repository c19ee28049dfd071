#include "templating/leftovers.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <system_error>

namespace panelpack::templating {
namespace {

// A temporary name of an older panelpack (no process id) is left alone this long: its writer
// may still be running, and no conversion or render takes an hour.
constexpr std::chrono::hours kUnownedGrace{1};

// The process id after the prefix ("1234-..."), or nothing for an older name.
std::optional<pid_t> owner_of(std::string_view rest) {
  const auto dash = rest.find('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + dash, pid);
  if (error != std::errc{} || end != rest.data() + dash || pid <= 0) return std::nullopt;
  return pid;
}

bool process_is_gone(pid_t pid) {
  if (pid == ::getpid()) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;  // EPERM: alive, another user's
}

bool is_old(const struct stat& info) {
  const auto modified = std::chrono::system_clock::from_time_t(info.st_mtime);
  return std::chrono::system_clock::now() - modified > kUnownedGrace;
}

// Nobody holds the lock a live writer keeps (tested by taking it for a moment).
bool nobody_holds_it(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}

bool is_abandoned(const std::filesystem::path& path, std::string_view rest) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || info.st_uid != ::geteuid()) return false;
  if (!S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) return false;
  if (const auto owner = owner_of(rest)) {
    if (!process_is_gone(*owner)) return false;
  } else if (!is_old(info)) {
    return false;
  }
  return nobody_holds_it(path);
}

}  // namespace

std::string owner_tag() {
  return std::to_string(::getpid()) + "-";
}

bool mark_in_use(int fd) noexcept {
  return ::flock(fd, LOCK_EX | LOCK_NB) == 0;
}

void remove_abandoned(const std::filesystem::path& folder, std::string_view prefix) noexcept {
  try {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      const std::string name = entry.path().filename().string();
      if (!name.starts_with(prefix)) continue;
      if (!is_abandoned(entry.path(), std::string_view(name).substr(prefix.size()))) continue;
      std::error_code ignored;  // another run may be removing it too
      std::filesystem::remove_all(entry.path(), ignored);
    }
  } catch (...) {
    // Cleaning up is a courtesy: it never stops the run that does it.
  }
}

void remove_abandoned_temporaries(const std::filesystem::path& folder) noexcept {
  static std::mutex mutex;
  static std::set<std::string> swept;
  try {
    {
      const std::lock_guard lock(mutex);
      if (!swept.insert(std::filesystem::absolute(folder).string()).second) return;
    }
    constexpr std::string_view marker = ".tmp-";
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      const std::string name = entry.path().filename().string();
      const auto at = name.rfind(marker);
      if (!name.starts_with('.') || at == std::string::npos) continue;
      const std::string_view rest = std::string_view(name).substr(at + marker.size());
      if (!owner_of(rest) || !is_abandoned(entry.path(), rest)) continue;
      std::error_code ignored;
      std::filesystem::remove_all(entry.path(), ignored);
    }
  } catch (...) {
    // As above: a courtesy that never stops the run.
  }
}

}  // namespace panelpack::templating
