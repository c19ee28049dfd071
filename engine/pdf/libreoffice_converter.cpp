#include "pdf/libreoffice_converter.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "pdf/pdf_error.hpp"
#include "templating/leftovers.hpp"

namespace panelpack::pdf {
namespace {

namespace fs = std::filesystem;

bool is_executable_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

// Looks a bare program name up on PATH, as execvp would.
std::optional<fs::path> search_path(const std::string& name) {
  const char* path_variable = std::getenv("PATH");
  if (path_variable == nullptr) return std::nullopt;
  std::string_view rest(path_variable);
  while (true) {
    const std::size_t colon = rest.find(':');
    const std::string_view folder = rest.substr(0, colon);
    // An empty PATH entry means the current folder.
    const fs::path candidate = (folder.empty() ? fs::path(".") : fs::path(folder)) / name;
    if (is_executable_file(candidate)) return candidate;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

[[noreturn]] void throw_soffice_missing(const std::string& where, const std::string& what) {
  throw PdfError("soffice_missing", where,
                 what +
                     "; install LibreOffice (apt-get install libreoffice-writer-nogui), or set "
                     "the path to its soffice program");
}

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

// While any conversion runs, this process adopts orphans (Linux's child subreaper), so the
// soffice.bin of a killed group is reaped here even where PID 1 reaps nothing (containers).
class SubreaperScope {
 public:
  SubreaperScope() {
#ifdef __linux__
    const std::lock_guard lock(mutex_);
    if (users_++ == 0) {
      int previous = 0;
      was_subreaper_ = ::prctl(PR_GET_CHILD_SUBREAPER, &previous) == 0 && previous != 0;
      if (!was_subreaper_) ::prctl(PR_SET_CHILD_SUBREAPER, 1UL);
    }
#endif
  }
  ~SubreaperScope() {
#ifdef __linux__
    const std::lock_guard lock(mutex_);
    if (--users_ == 0 && !was_subreaper_) ::prctl(PR_SET_CHILD_SUBREAPER, 0UL);
#endif
  }
  SubreaperScope(const SubreaperScope&) = delete;
  SubreaperScope& operator=(const SubreaperScope&) = delete;

 private:
  // Process-wide state shared by concurrent convert_to_pdf calls.
  static inline std::mutex mutex_;
  static inline int users_ = 0;
  static inline bool was_subreaper_ = false;
};

// The scratch folder: the configured one (kept), or a fresh one under the temp folder that is
// removed when the conversion ends.
class ScratchFolder {
 public:
  explicit ScratchFolder(const fs::path& configured) {
    if (!configured.empty()) {
      fs::create_directories(configured);
      path_ = fs::absolute(configured);
      return;
    }
    // The converted PDFs of a killed run go first; this one says whose it is (leftovers.hpp).
    const fs::path temporary = fs::temp_directory_path();
    templating::remove_abandoned(temporary, kScratchPrefix);
    std::string pattern =
        (temporary / (std::string(kScratchPrefix) + templating::owner_tag() + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(),
                              "cannot make a scratch folder in " + temporary.string());
    }
    path_ = pattern;
    owned_ = true;
    in_use_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (in_use_ >= 0) templating::mark_in_use(in_use_);
  }
  ~ScratchFolder() {
    if (in_use_ >= 0) ::close(in_use_);
    if (!owned_) return;
    std::error_code ignored;  // a leftover temp folder is not worth failing a conversion for
    fs::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const fs::path& path() const noexcept { return path_; }

 private:
  static constexpr std::string_view kScratchPrefix = "panelpack-pdf-";
  fs::path path_;
  bool owned_ = false;
  int in_use_ = -1;  // held while converting, so another run never takes it for a leftover
};

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

// The folders one worker uses; its profile is kept from one document to the next.
struct WorkerFolders {
  fs::path profile;
  fs::path output;
  fs::path stderr_log;
};

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

// The PDF soffice wrote in `folder` ("<stem>.pdf"), if it is there and starts like a PDF.
std::optional<fs::path> written_pdf(const fs::path& folder) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() != ".pdf" || !entry.is_regular_file(error)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    char header[5] = {};
    if (in.read(header, sizeof header) && std::string_view(header, sizeof header) == "%PDF-") {
      return entry.path();
    }
  }
  return std::nullopt;
}

// rename, or when the output is on another file system a copy beside it that is then renamed,
// so output_pdf is never seen half written.
void move_file(const fs::path& from, const fs::path& to) {
  std::error_code error;
  fs::rename(from, to, error);
  if (!error) return;
  if (error != std::errc::cross_device_link) {
    throw std::system_error(error, "cannot move the PDF to " + to.string());
  }
  fs::path beside = to;
  beside += ".part";
  try {
    fs::copy_file(from, beside, fs::copy_options::overwrite_existing);
  } catch (...) {
    fs::remove(beside, error);
    throw;
  }
  fs::rename(beside, to, error);
  if (error) {
    fs::remove(beside, error);
    throw std::system_error(error, "cannot move the PDF to " + to.string());
  }
  fs::remove(from, error);
}

ConversionResult failed(const fs::path& input, ConversionFailure failure, std::string error) {
  ConversionResult result;
  result.input = input;
  result.failure = failure;
  result.error = std::move(error);
  return result;
}

std::string with_reason(std::string message, const std::string& last_line) {
  if (!last_line.empty()) message += ": " + last_line;
  return message;
}

ConversionResult convert_one(const fs::path& soffice, const ConversionJob& job,
                             const WorkerFolders& folders, std::chrono::seconds timeout) {
  std::error_code error;
  if (!fs::exists(job.input, error)) {
    return failed(job.input, ConversionFailure::input_missing, "the input file does not exist");
  }
  // A fresh output folder per document: whatever PDF is in it afterwards is this one's.
  fs::remove_all(folders.output, error);
  fs::create_directories(folders.output);
  fs::create_directories(folders.profile);

  const fs::path input = fs::absolute(job.input);  // never starts with '-', never a URL
  std::vector<std::string> arguments = {soffice.string(),
                                        "-env:UserInstallation=" + file_url(folders.profile),
                                        "--headless",
                                        "--norestore",
                                        "--nologo",
                                        "--convert-to",
                                        "pdf",
                                        "--outdir",
                                        folders.output.string(),
                                        input.string()};
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
  ::posix_spawn_file_actions_addopen(setup.actions(), STDERR_FILENO, folders.stderr_log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // soffice inherits none of the host program's other descriptors (sockets, databases).
  ::posix_spawn_file_actions_addclosefrom_np(setup.actions(), STDERR_FILENO + 1);
#endif

  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, soffice.c_str(), setup.actions(), setup.attributes(),
                                    argv.data(), environ);
  if (spawned != 0) {
    return failed(job.input, ConversionFailure::could_not_start,
                  "cannot start LibreOffice (" + soffice.string() + "): " + std::strerror(spawned));
  }

  ProcessGroup group(pid);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  while (!group.leader_exited()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const int status = group.end();

  if (timed_out) {
    // A killed soffice may leave its profile locked or half written: the next document gets a
    // fresh one.
    fs::remove_all(folders.profile, error);
    return failed(job.input, ConversionFailure::timed_out,
                  "timed out after " + std::to_string(timeout.count()) + " s");
  }
  const std::string last_line = read_last_line(folders.stderr_log);
  if (WIFSIGNALED(status)) {
    return failed(
        job.input, ConversionFailure::exited_with_error,
        with_reason("LibreOffice was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                        strsignal(WTERMSIG(status)) + ")",
                    last_line));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return failed(
        job.input, ConversionFailure::exited_with_error,
        with_reason("LibreOffice exited with status " + std::to_string(WEXITSTATUS(status)),
                    last_line));
  }
  // soffice exits 0 when it could not load the file: only a PDF on disk counts as success.
  const std::optional<fs::path> pdf = written_pdf(folders.output);
  if (!pdf) {
    return failed(job.input, ConversionFailure::no_pdf,
                  with_reason("LibreOffice wrote no PDF (it could not open the file)", last_line));
  }
  try {
    move_file(*pdf, job.output_pdf);
  } catch (const std::exception& move_error) {
    return failed(job.input, ConversionFailure::could_not_move, move_error.what());
  }
  ConversionResult result;
  result.input = job.input;
  result.ok = true;
  return result;
}

}  // namespace

fs::path find_soffice(const fs::path& configured) {
  if (!configured.empty()) {
    // A bare name ("soffice") is looked up on PATH; anything with a slash is a path.
    if (!configured.has_parent_path()) {
      if (std::optional<fs::path> found = search_path(configured.string())) return *found;
      throw_soffice_missing(configured.string(), "no program of this name is on PATH");
    }
    if (is_executable_file(configured)) return configured;
    throw_soffice_missing(configured.string(),
                          "LibreOffice's soffice is not there (or is not an executable file)");
  }
  if (std::optional<fs::path> found = search_path("soffice")) return *found;
  for (const char* fallback : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"}) {
    if (is_executable_file(fallback)) return fallback;
  }
  throw_soffice_missing("soffice",
                        "LibreOffice cannot be found (no soffice on PATH, in /usr/bin or in "
                        "/usr/lib/libreoffice/program)");
}

std::vector<ConversionResult> convert_to_pdf(
    std::span<const ConversionJob> jobs, const ConverterOptions& options,
    const std::function<void(std::size_t, std::size_t)>& on_done) {
  const fs::path soffice = find_soffice(options.soffice);
  std::vector<ConversionResult> results(jobs.size());
  if (jobs.empty()) return results;

  const SubreaperScope adopt_orphans;
  const ScratchFolder scratch(options.scratch);
  const std::size_t worker_count =
      std::min<std::size_t>(std::max(options.workers, 1U), jobs.size());

  std::atomic<std::size_t> next_job{0};
  std::atomic<bool> stop{false};
  std::mutex progress_mutex;  // serialises on_done and guards done and callback_error
  std::size_t done = 0;
  std::exception_ptr callback_error;

  auto work = [&](std::size_t worker) {
    const fs::path folder = scratch.path() / ("worker-" + std::to_string(worker + 1));
    const WorkerFolders folders{folder / "profile", folder / "out", folder / "stderr.log"};
    while (!stop.load()) {
      const std::size_t index = next_job.fetch_add(1);
      if (index >= jobs.size()) break;
      try {
        results[index] = convert_one(soffice, jobs[index], folders, options.timeout_per_document);
      } catch (const std::exception& error) {
        results[index] =
            failed(jobs[index].input, ConversionFailure::could_not_start, error.what());
      }
      const std::lock_guard lock(progress_mutex);
      ++done;
      if (!on_done || callback_error) continue;
      try {
        on_done(done, jobs.size());
      } catch (...) {
        callback_error = std::current_exception();
        stop.store(true);
      }
    }
  };

  std::vector<std::thread> workers;
  workers.reserve(worker_count);
  try {
    for (std::size_t worker = 0; worker < worker_count; ++worker) {
      workers.emplace_back(work, worker);
    }
  } catch (...) {
    // No thread for the rest: the ones started finish the queue between them.
    if (workers.empty()) throw;
  }
  for (std::thread& worker : workers) worker.join();
  if (callback_error) std::rethrow_exception(callback_error);
  return results;
}

}  // namespace panelpack::pdf
