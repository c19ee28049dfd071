#include "soffice_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

namespace panelpack::pdf::detail {
namespace {

namespace fs = std::filesystem;

// Process-wide state of SubreaperScope, shared by concurrent convert_to_pdf calls.
std::mutex subreaper_mutex;
int subreaper_users = 0;
bool was_subreaper = false;

// A file: URL for LibreOffice's -env:UserInstallation; every byte but the unreserved ones and
// '/' is percent-encoded, so spaces and quotes in the scratch folder are safe.
std::string file_url(const fs::path& absolute) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const char c : absolute.native()) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                       (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                       c == '~' || c == '/';
    if (plain) {
      url += c;
    } else {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0x0F];
    }
  }
  return url;
}

// posix_spawn's attribute and file-action objects, destroyed on every path.
class SpawnSetup {
 public:
  SpawnSetup() {
    ::posix_spawnattr_init(&attributes_);
    ::posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&actions_);
    ::posix_spawnattr_destroy(&attributes_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  posix_spawnattr_t* attributes() noexcept { return &attributes_; }
  posix_spawn_file_actions_t* actions() noexcept { return &actions_; }

 private:
  posix_spawnattr_t attributes_{};
  posix_spawn_file_actions_t actions_{};
};

// A child that leads its own process group. end() kills whatever is left of the group and
// reaps every member that is this process's child; the destructor does so if nobody did.
class ProcessGroup {
 public:
  explicit ProcessGroup(pid_t leader) noexcept : leader_(leader) {}
  ~ProcessGroup() { end(); }
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  // True once the leader has exited; it stays a zombie (WNOWAIT), so its pid, which is the
  // group's id, cannot be reused before end() signals the group.
  bool leader_exited() const noexcept {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(leader_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == leader_;
  }

  // SIGKILL to the whole group (soffice starts oosplash and soffice.bin), then reaps. Returns
  // the leader's wait status.
  int end() noexcept {
    if (ended_) return leader_status_;
    ended_ = true;
    ::kill(-leader_, SIGKILL);
    for (;;) {
      int status = 0;
      const pid_t reaped = ::waitpid(-leader_, &status, 0);
      if (reaped == leader_) leader_status_ = status;
      if (reaped > 0) continue;
      if (errno == EINTR) continue;
      break;  // ECHILD: no child of ours is left in the group
    }
    return leader_status_;
  }

 private:
  pid_t leader_;
  bool ended_ = false;
  int leader_status_ = 0;
};

std::vector<std::string> arguments_of(const SofficeCall& call) {
  std::vector<std::string> arguments = {call.soffice.string(),
                                        "-env:UserInstallation=" + file_url(call.profile),
                                        "--headless",
                                        "--norestore",
                                        "--nologo",
                                        "--convert-to",
                                        "pdf",
                                        "--outdir",
                                        call.output.string()};
  for (const fs::path& input : call.inputs) arguments.push_back(input.string());
  return arguments;
}

}  // namespace

SubreaperScope::SubreaperScope() {
#ifdef __linux__
  const std::lock_guard lock(subreaper_mutex);
  if (subreaper_users++ == 0) {
    int previous = 0;
    was_subreaper = ::prctl(PR_GET_CHILD_SUBREAPER, &previous) == 0 && previous != 0;
    if (!was_subreaper) ::prctl(PR_SET_CHILD_SUBREAPER, 1UL);
  }
#endif
}

SubreaperScope::~SubreaperScope() {
#ifdef __linux__
  const std::lock_guard lock(subreaper_mutex);
  if (--subreaper_users == 0 && !was_subreaper) ::prctl(PR_SET_CHILD_SUBREAPER, 0UL);
#endif
}

SofficeExit run_soffice(const SofficeCall& call, std::chrono::seconds timeout,
                        const std::function<bool()>& made_progress) {
  std::vector<std::string> arguments = arguments_of(call);
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  SpawnSetup setup;
  // Its own group (pgid = its pid), default signal dispositions and an empty signal mask
  // whatever this thread has, stdin from /dev/null, stderr kept for the error message.
  sigset_t signals;
  sigfillset(&signals);
  ::posix_spawnattr_setsigdefault(setup.attributes(), &signals);
  sigemptyset(&signals);
  ::posix_spawnattr_setsigmask(setup.attributes(), &signals);
  ::posix_spawnattr_setpgroup(setup.attributes(), 0);
  ::posix_spawnattr_setflags(
      setup.attributes(), POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  ::posix_spawn_file_actions_addopen(setup.actions(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(setup.actions(), STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  ::posix_spawn_file_actions_addopen(setup.actions(), STDERR_FILENO, call.stderr_log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // soffice inherits none of the host program's other descriptors (sockets, databases).
  ::posix_spawn_file_actions_addclosefrom_np(setup.actions(), STDERR_FILENO + 1);
#endif

  SofficeExit exit;
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, call.soffice.c_str(), setup.actions(), setup.attributes(),
                                    argv.data(), environ);
  if (spawned != 0) {
    exit.start_error =
        "cannot start LibreOffice (" + call.soffice.string() + "): " + std::strerror(spawned);
    return exit;
  }
  exit.started = true;

  ProcessGroup group(pid);
  constexpr auto kPoll = std::chrono::milliseconds(20);
  constexpr int kPollsPerProgressCheck = 5;  // a look at the output folder every 100 ms
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (int poll = 1; !group.leader_exited(); ++poll) {
    const auto now = std::chrono::steady_clock::now();
    if (made_progress && poll % kPollsPerProgressCheck == 0 && made_progress()) {
      deadline = now + timeout;
    }
    if (now >= deadline) {
      exit.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(kPoll);
  }
  exit.status = group.end();
  return exit;
}

std::string read_last_line(const fs::path& log) {
  std::ifstream in(log);
  std::string line;
  std::string last;
  std::string last_error;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    last = line;
    // soffice prints harmless warnings (javaldx) after its real complaint.
    if (line.rfind("Error", 0) == 0) last_error = line;
  }
  return last_error.empty() ? last : last_error;
}

}  // namespace panelpack::pdf::detail
