#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <new>
#include <set>
#include <system_error>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "office/documents/labelled_data.hpp"
#include "office/documents/template_loading.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"
#include "output_pattern.hpp"
#include "progress.hpp"
#include "render_request.hpp"
#include "templating/atomic_file.hpp"
#include "uses_office.hpp"

namespace panelpack::cli {
namespace {

namespace fs = std::filesystem;

// One record's document: where it goes and how it went.
struct Job {
  const Record* record = nullptr;
  std::string location;  // "cases.jsonl:3" or "cases.json: record 3", for messages
  fs::path output;
  ExitCode outcome = ExitCode::success;
  std::vector<std::string> messages;  // errors and warnings, printed in record order

  void fail(ExitCode code, const std::string& message) {
    outcome = code;
    messages.push_back(message);
  }
};

std::string location_of(const RecordBatch& batch, const Record& record, const std::string& source) {
  if (batch.is_folder) return record.file;
  return batch.is_array ? source + ": record " + std::to_string(record.number)
                        : source + ":" + std::to_string(record.number);
}

// Names compare as a Windows share would compare them: outputs are often copied to one.
std::string collision_key(const fs::path& output) {
  std::string key = output.lexically_normal().string();
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

std::string describe_line(const Job& job, const templating::Diagnostic& diagnostic) {
  return job.location + ": " + templating::describe(diagnostic);
}

// The template and the records file, looked up once: an output that is one of them is refused
// with one stat per record instead of four (as refuse_overwriting_input would do).
class Inputs {
 public:
  explicit Inputs(const RenderRequest& request) {
    add(request.template_path, "template");
    if (request.data_path != "-") add(request.data_path, "records file");
  }

  void refuse_overwriting(const fs::path& output) const {
    struct stat info {};
    if (::stat(output.c_str(), &info) != 0) return;  // a new file is none of them
    for (const Input& input : inputs_) {
      if (input.device == info.st_dev && input.inode == info.st_ino) {
        throw CommandFailure(ExitCode::bad_input, "the output " + output.string() + " is the " +
                                                      input.what + " itself; choose another name");
      }
    }
  }

 private:
  struct Input {
    dev_t device;
    ino_t inode;
    std::string what;
  };
  void add(const std::string& path, const std::string& what) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) inputs_.push_back({info.st_dev, info.st_ino, what});
  }
  std::vector<Input> inputs_;
};

// Phase one, on one thread: every record's output name, refusing empty and duplicate ones.
std::vector<Job> plan_jobs(const RecordBatch& batch, OutputPattern& pattern,
                           const RenderRequest& request) {
  const Inputs inputs(request);
  const std::string source = display_name(request.data_path);
  std::vector<Job> jobs;
  std::map<std::string, std::string> taken;  // collision key -> location of its first record
  for (const Record& record : batch.records) {
    Job& job = jobs.emplace_back();
    job.record = &record;
    job.location = location_of(batch, record, source);
    if (!record.error.empty()) {
      job.fail(ExitCode::bad_input, record.error);
      continue;
    }
    try {
      job.output = pattern.path_for(record.data);
      inputs.refuse_overwriting(job.output);
    } catch (const OutputNameError& error) {
      job.fail(ExitCode::bad_input, job.location + ": " + error.what());
      continue;
    } catch (const OfficeError& failure) {
      job.fail(exit_code_of(failure), job.location + ": " + failure.what());
      continue;
    }
    const auto [first, inserted] = taken.emplace(collision_key(job.output), job.location);
    if (!inserted) {
      job.fail(ExitCode::bad_input, job.location + ": the output name " + job.output.string() +
                                        " is already used by " + first->second +
                                        " (each record needs its own name)");
    }
  }
  return jobs;
}

// Where phase two writes: every document to a temporary beside its output, flushed to disk
// and renamed in place together (AtomicFileBatch); missing folders made once each.
class Outputs {
 public:
  void write(std::size_t id, const fs::path& path, std::string_view document) {
    try {
      make_folder(path.parent_path());
      batch_.write(id, path, document);
    } catch (const std::system_error& failure) {
      throw CommandFailure(ExitCode::machine_failure,
                           "cannot write " + path.string() + ": " + failure.code().message());
    }
  }
  std::vector<templating::AtomicFileBatch::Failure> finish() { return batch_.finish(); }

 private:
  void make_folder(const fs::path& folder) {
    if (folder.empty()) return;
    const std::lock_guard lock(mutex_);
    if (made_.contains(folder)) return;
    fs::create_directories(folder);
    made_.insert(folder);
  }

  templating::AtomicFileBatch batch_;
  std::mutex mutex_;  // guards made_
  std::set<fs::path> made_;
};

// Phase two, on any thread: render one document and write it to its temporary.
void run_job(std::size_t id, Job& job, const templating::Template& compiled,
             const RenderRequest& request, Outputs& outputs) {
  try {
    templating::RenderReport report;
    const std::string document = compiled.render(job.record->data, request.render, &report);
    for (const auto& warning : report.warnings) job.messages.push_back(describe_line(job, warning));
    outputs.write(id, job.output, document);
  } catch (const templating::RenderError& error) {
    job.outcome = ExitCode::bad_input;
    for (const auto& diagnostic : error.diagnostics()) {
      job.messages.push_back(describe_line(job, diagnostic));
    }
  } catch (const OfficeError& failure) {
    job.fail(exit_code_of(failure), job.location + ": " + failure.what());
  } catch (const std::bad_alloc&) {
    job.fail(ExitCode::machine_failure, job.location + ": out of memory");
  } catch (const std::exception& error) {
    job.fail(ExitCode::machine_failure, job.location + ": internal error: " + error.what());
  }
}

void run_jobs(std::vector<Job*>& pending, const templating::Template& compiled,
              const RenderRequest& request, Outputs& outputs) {
  Progress progress("rendered", pending.size(), stderr_is_terminal());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < pending.size(); i = next++) {
      run_job(i, *pending[i], compiled, request, outputs);
      progress.advance();
    }
  };
  const std::size_t threads = std::min<std::size_t>(request.jobs, pending.size());
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> workers;
    workers.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) workers.emplace_back(work);
  }
  progress.finish();
}

std::string summary(const std::vector<Job>& jobs, const RecordBatch& batch,
                    const fs::path& directory) {
  std::vector<int> failed;
  std::vector<std::string> failed_files;
  for (const Job& job : jobs) {
    if (job.outcome != ExitCode::success) {
      failed.push_back(job.record->number);
      failed_files.push_back(fs::path(job.record->file).filename().string());
    }
  }
  std::string line = "rendered " + std::to_string(jobs.size() - failed.size()) + " of " +
                     std::to_string(jobs.size()) + " documents into " + directory.string();
  if (failed.empty()) return line;

  constexpr std::size_t listed = 20;
  line += " (" + std::to_string(failed.size()) + " failed: ";
  if (!batch.is_folder) {
    line += batch.is_array ? (failed.size() == 1 ? "record " : "records ")
                           : (failed.size() == 1 ? "line " : "lines ");
  }
  for (std::size_t i = 0; i < std::min(failed.size(), listed); ++i) {
    line += (i == 0 ? "" : ", ") + (batch.is_folder ? failed_files[i] : std::to_string(failed[i]));
  }
  if (failed.size() > listed) line += " and " + std::to_string(failed.size() - listed) + " more";
  return line + ")";
}

}  // namespace

ExitCode render_each(const RenderRequest& request) {
  OutputPattern pattern(request.output_pattern);
  const auto compiled = compile_template(request.template_path, request.compile, std::cerr);
  if (!compiled) throw CommandFailure(ExitCode::bad_input, "nothing rendered");

  RecordBatch batch;
  try {
    batch = request.data_path != "-" && fs::is_directory(request.data_path)
                ? read_record_folder(request.data_path)
                : read_records(read_input(request.data_path), display_name(request.data_path));
  } catch (const JsonInputError& error) {
    std::cerr << error.what() << '\n';
    throw CommandFailure(ExitCode::bad_input, "nothing rendered");
  }

  for (Record& record : batch.records) {
    if (record.error.empty()) add_code_labels_for_guessed_kind(record.data);
  }
  std::vector<Job> jobs = plan_jobs(batch, pattern, request);
  std::vector<Job*> pending;
  for (Job& job : jobs) {
    if (job.outcome == ExitCode::success) pending.push_back(&job);
  }
  {
    Outputs outputs;
    run_jobs(pending, *compiled, request, outputs);
    for (const auto& failure : outputs.finish()) {
      Job& job = *pending[failure.id];
      job.fail(ExitCode::machine_failure, job.location + ": cannot write " + failure.path.string() +
                                              ": " + failure.error.message());
    }
  }

  ExitCode result = ExitCode::success;
  for (const Job& job : jobs) {
    for (const auto& message : job.messages) std::cerr << message << '\n';
    if (job.outcome == ExitCode::machine_failure) result = ExitCode::machine_failure;
    if (job.outcome == ExitCode::bad_input && result == ExitCode::success) {
      result = ExitCode::bad_input;
    }
  }
  std::cout << summary(jobs, batch, pattern.base_directory()) << '\n';
  return result;
}

}  // namespace panelpack::cli
