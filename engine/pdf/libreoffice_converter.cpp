#include "pdf/libreoffice_converter.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

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
#include "pdf/profile_seed.hpp"
#include "soffice_process.hpp"
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

// The folders one worker uses; its profile is kept from one soffice run to the next.
struct WorkerFolders {
  fs::path profile;
  fs::path inputs;  // a batch's documents, linked under names of their own
  fs::path output;
  fs::path stderr_log;
};

// Removes a folder and makes it again, empty: whatever is in it afterwards is this run's.
void make_fresh(const fs::path& folder) {
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  fs::create_directories(folder);
}

// True when `path` starts like a PDF and ends like one ("%%EOF" in its last 1 KiB), so that a
// PDF a killed soffice left half written is not taken.
bool is_complete_pdf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char header[5] = {};
  if (!in.read(header, sizeof header) || std::string_view(header, sizeof header) != "%PDF-") {
    return false;
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff tail_size = std::min<std::streamoff>(size, 1024);
  std::string tail(static_cast<std::size_t>(tail_size), '\0');
  in.seekg(size - tail_size);
  if (!in.read(tail.data(), tail_size)) return false;
  return tail.find("%%EOF") != std::string::npos;
}

// The PDF a lone soffice run wrote in `folder` ("<stem>.pdf"), if it is there and complete.
std::optional<fs::path> written_pdf(const fs::path& folder) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() != ".pdf" || !entry.is_regular_file(error)) continue;
    if (is_complete_pdf(entry.path())) return entry.path();
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

// A written PDF put at the job's output_pdf: ok, or could_not_move.
ConversionResult moved(const ConversionJob& job, const fs::path& pdf) {
  try {
    move_file(pdf, job.output_pdf);
  } catch (const std::exception& move_error) {
    return failed(job.input, ConversionFailure::could_not_move, move_error.what());
  }
  ConversionResult result;
  result.input = job.input;
  result.ok = true;
  return result;
}

std::string timed_out_message(std::chrono::seconds timeout) {
  return "timed out after " + std::to_string(timeout.count()) + " s";
}

// What the workers share: the jobs, their results, and the progress reported so far.
struct SharedRun {
  SharedRun(std::span<const ConversionJob> jobs_to_convert, fs::path soffice_program,
            std::chrono::seconds timeout_per_document,
            const std::function<void(std::size_t, std::size_t)>& progress)
      : jobs(jobs_to_convert),
        soffice(std::move(soffice_program)),
        profile_version(detail::installed_version(soffice)),
        timeout(timeout_per_document),
        on_done(progress),
        results(jobs_to_convert.size()) {}

  std::span<const ConversionJob> jobs;
  fs::path soffice;
  std::string profile_version;  // recorded in each profile (profile_seed.hpp); "" when unknown
  std::chrono::seconds timeout;
  const std::function<void(std::size_t, std::size_t)>& on_done;
  std::vector<ConversionResult> results;
  std::atomic<bool> stop{false};
  std::mutex progress_mutex;  // serialises on_done and guards done and callback_error
  std::size_t done = 0;
  std::exception_ptr callback_error;

  // One more document is finished: on_done, never from two threads at once. An exception from
  // it stops the workers after their current batch.
  void finished() {
    const std::lock_guard lock(progress_mutex);
    ++done;
    if (!on_done || callback_error) return;
    try {
      on_done(done, jobs.size());
    } catch (...) {
      callback_error = std::current_exception();
      stop.store(true);
    }
  }
};

// One worker: a profile of its own, and soffice runs one after the other.
class Worker {
 public:
  Worker(SharedRun& run, WorkerFolders folders) : run_(run), folders_(std::move(folders)) {}

  // Converts jobs [first, last): together in one soffice run when there are several, then
  // alone each one the run left without a complete PDF.
  void convert(std::size_t first, std::size_t last) {
    std::vector<std::size_t> present;
    for (std::size_t index = first; index < last; ++index) {
      std::error_code error;
      if (fs::exists(run_.jobs[index].input, error)) {
        present.push_back(index);
      } else {
        run_.results[index] = failed(run_.jobs[index].input, ConversionFailure::input_missing,
                                     "the input file does not exist");
        run_.finished();
      }
    }
    if (present.size() == 1) {
      run_.results[present[0]] = convert_alone(run_.jobs[present[0]]);
      run_.finished();
    } else if (present.size() > 1) {
      convert_together(present);
    }
  }

 private:
  // The worker's profile, made if missing and seeded so that soffice skips its self-tests.
  void prepare_profile() const {
    fs::create_directories(folders_.profile);
    try {
      detail::seed_profile(folders_.profile, run_.profile_version);
    } catch (const std::exception&) {
      // Only a slower start: LibreOffice makes the profile itself and converts all the same.
    }
  }

  // One soffice run for one document, its own error reported as it is.
  ConversionResult convert_alone(const ConversionJob& job) {
    try {
      return convert_alone_or_throw(job);
    } catch (const std::exception& error) {
      return failed(job.input, ConversionFailure::could_not_start, error.what());
    }
  }

  ConversionResult convert_alone_or_throw(const ConversionJob& job) {
    std::error_code error;
    if (!fs::exists(job.input, error)) {
      return failed(job.input, ConversionFailure::input_missing, "the input file does not exist");
    }
    make_fresh(folders_.output);
    prepare_profile();
    // The absolute path never starts with '-' and is never taken for a URL.
    const detail::SofficeExit exit = detail::run_soffice({run_.soffice,
                                                          folders_.profile,
                                                          folders_.output,
                                                          folders_.stderr_log,
                                                          {fs::absolute(job.input)}},
                                                         run_.timeout, {});
    if (!exit.started) {
      return failed(job.input, ConversionFailure::could_not_start, exit.start_error);
    }
    if (exit.timed_out) {
      // A killed soffice may leave its profile locked or half written: the next run gets a
      // fresh one.
      fs::remove_all(folders_.profile, error);
      return failed(job.input, ConversionFailure::timed_out, timed_out_message(run_.timeout));
    }
    const std::string last_line = detail::read_last_line(folders_.stderr_log);
    if (WIFSIGNALED(exit.status)) {
      const int signal = WTERMSIG(exit.status);
      return failed(job.input, ConversionFailure::exited_with_error,
                    with_reason("LibreOffice was killed by signal " + std::to_string(signal) +
                                    " (" + strsignal(signal) + ")",
                                last_line));
    }
    if (!WIFEXITED(exit.status) || WEXITSTATUS(exit.status) != 0) {
      return failed(
          job.input, ConversionFailure::exited_with_error,
          with_reason("LibreOffice exited with status " + std::to_string(WEXITSTATUS(exit.status)),
                      last_line));
    }
    // soffice exits 0 when it could not load the file: only a PDF on disk counts as success.
    const std::optional<fs::path> pdf = written_pdf(folders_.output);
    if (!pdf) {
      return failed(
          job.input, ConversionFailure::no_pdf,
          with_reason("LibreOffice wrote no PDF (it could not open the file)", last_line));
    }
    return moved(job, *pdf);
  }

  // The documents as links named "1.docx", "2.odt"…, so that two with the same stem never
  // write the same "<stem>.pdf"; the PDF each one's soffice output will be.
  struct Staged {
    std::vector<fs::path> inputs;
    std::vector<fs::path> pdfs;
  };

  Staged stage(const std::vector<std::size_t>& indices) const {
    make_fresh(folders_.inputs);
    make_fresh(folders_.output);
    prepare_profile();
    Staged staged;
    for (std::size_t k = 0; k < indices.size(); ++k) {
      const ConversionJob& job = run_.jobs[indices[k]];
      const std::string name = std::to_string(k + 1);
      staged.inputs.push_back(folders_.inputs / (name + job.input.extension().string()));
      fs::create_symlink(fs::absolute(job.input), staged.inputs.back());
      staged.pdfs.push_back(folders_.output / (name + ".pdf"));
    }
    return staged;
  }

  void convert_together(const std::vector<std::size_t>& indices) {
    Staged staged;
    try {
      staged = stage(indices);
    } catch (const std::exception&) {
      staged = {};  // no links here: each document goes alone
    }
    std::vector<bool> reported(indices.size(), false);
    std::vector<bool> kept(indices.size(), false);
    if (!staged.inputs.empty()) {
      run_together(indices, staged, reported, kept);
    }
    std::error_code ignored;
    fs::remove_all(folders_.inputs, ignored);
    // One bad document must not cost the others their PDFs: each left without one goes alone,
    // and its own error is the one reported.
    for (std::size_t k = 0; k < indices.size(); ++k) {
      if (kept[k]) continue;
      if (run_.stop.load()) return;
      run_.results[indices[k]] = convert_alone(run_.jobs[indices[k]]);
      if (!reported[k]) run_.finished();
    }
  }

  // One soffice run for every staged document. kept[k]: document k has its result (its PDF
  // moved, or could_not_move); reported[k]: its progress was reported.
  void run_together(const std::vector<std::size_t>& indices, const Staged& staged,
                    std::vector<bool>& reported, std::vector<bool>& kept) {
    std::vector<bool> appeared(indices.size(), false);
    // soffice converts in the order given, so a document whose PDF is followed by the next
    // one's is finished: progress is reported while the run goes on.
    const auto made_progress = [&] {
      bool progressed = false;
      std::size_t latest = 0;
      for (std::size_t k = 0; k < indices.size(); ++k) {
        std::error_code error;
        if (!appeared[k] && fs::exists(staged.pdfs[k], error)) {
          appeared[k] = true;
          progressed = true;
        }
        if (appeared[k]) latest = k;
      }
      for (std::size_t k = 0; k < latest; ++k) {
        if (appeared[k] && !reported[k]) {
          reported[k] = true;
          run_.finished();
        }
      }
      return progressed;
    };
    const detail::SofficeExit exit = detail::run_soffice(
        {run_.soffice, folders_.profile, folders_.output, folders_.stderr_log, staged.inputs},
        run_.timeout, made_progress);
    std::error_code error;
    if (exit.timed_out) fs::remove_all(folders_.profile, error);  // as in convert_alone
    if (!exit.started) return;
    for (std::size_t k = 0; k < indices.size(); ++k) {
      if (!is_complete_pdf(staged.pdfs[k])) continue;
      run_.results[indices[k]] = moved(run_.jobs[indices[k]], staged.pdfs[k]);
      kept[k] = true;
      if (!reported[k]) {
        reported[k] = true;
        run_.finished();
      }
    }
  }

  SharedRun& run_;
  WorkerFolders folders_;
};

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
  SharedRun run(jobs, find_soffice(options.soffice), options.timeout_per_document, on_done);
  if (jobs.empty()) return std::move(run.results);

  const detail::SubreaperScope adopt_orphans;
  const ScratchFolder scratch(options.scratch);
  const std::size_t worker_count =
      std::min<std::size_t>(std::max(options.workers, 1U), jobs.size());
  // Even shares, up to batch_size: each soffice start (about a second) serves as many
  // documents as it can while every worker still gets some.
  const std::size_t share = (jobs.size() + worker_count - 1) / worker_count;
  const std::size_t batch = std::min(share, std::max<std::size_t>(options.batch_size, 1));

  std::atomic<std::size_t> next_job{0};
  auto work = [&](std::size_t number) {
    const fs::path folder = scratch.path() / ("worker-" + std::to_string(number + 1));
    Worker worker(run, {folder / "profile", folder / "in", folder / "out", folder / "stderr.log"});
    while (!run.stop.load()) {
      const std::size_t first = next_job.fetch_add(batch);
      if (first >= jobs.size()) break;
      worker.convert(first, std::min(first + batch, jobs.size()));
    }
  };

  std::vector<std::thread> workers;
  workers.reserve(worker_count);
  try {
    for (std::size_t number = 0; number < worker_count; ++number) {
      workers.emplace_back(work, number);
    }
  } catch (...) {
    // No thread for the rest: the ones started finish the queue between them.
    if (workers.empty()) throw;
  }
  for (std::thread& worker : workers) worker.join();
  if (run.callback_error) std::rethrow_exception(run.callback_error);
  return std::move(run.results);
}

}  // namespace panelpack::pdf
