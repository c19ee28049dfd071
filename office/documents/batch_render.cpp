#include "office/documents/batch_render.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <new>
#include <set>
#include <system_error>
#include <thread>

#include "office/documents/labelled_data.hpp"
#include "office/files.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::office {
namespace {

namespace fs = std::filesystem;

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

// One line per problem, so each record's lines stay together in a batch's output; the place is
// said in Word's terms when the engine knows it, else as part and paragraph.
std::string describe_line(const BatchDocument& document, const templating::Diagnostic& diagnostic) {
  const std::string where = templating::describe_location(diagnostic.location);
  if (where.empty()) return document.location + ": " + templating::describe(diagnostic);
  std::string line = document.location + ": " + where + ": " +
                     templating::to_string(diagnostic.severity) + " [" + diagnostic.code + "]";
  if (!diagnostic.tag.empty()) line += " " + diagnostic.tag;
  line += ": " + diagnostic.message;
  if (!diagnostic.hint.empty()) line += " \xE2\x80\x94 " + diagnostic.hint;  // em dash
  return line;
}

// The template and the records file, looked up once: an output that is one of them is refused
// with one stat per record instead of four (as refuse_overwriting_input would do).
class Inputs {
 public:
  explicit Inputs(const BatchRenderRequest& request) {
    add(request.template_path, "template");
    if (request.records_path != "-") add(request.records_path, "records file");
  }

  void refuse_overwriting(const fs::path& output) const {
    struct stat info {};
    if (::stat(output.c_str(), &info) != 0) return;  // a new file is none of them
    for (const Input& input : inputs_) {
      if (input.device == info.st_dev && input.inode == info.st_ino) {
        throw OfficeError(OfficeError::Code::bad_input, "the output " + output.string() +
                                                            " is the " + input.what +
                                                            " itself; choose another name");
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
std::vector<BatchDocument> plan(const RecordBatch& batch, OutputPattern& pattern,
                                const BatchRenderRequest& request) {
  const Inputs inputs(request);
  const std::string source = display_name(request.records_path);
  std::vector<BatchDocument> documents;
  std::map<std::string, std::string> taken;  // collision key -> location of its first record
  for (const Record& record : batch.records) {
    BatchDocument& document = documents.emplace_back();
    document.record = &record;
    document.location = location_of(batch, record, source);
    if (!record.error.empty()) {
      document.fail(OfficeError::Code::bad_input, record.error);
      continue;
    }
    try {
      document.output = pattern.path_for(record.data);
      inputs.refuse_overwriting(document.output);
    } catch (const OutputNameError& error) {
      document.fail(OfficeError::Code::bad_input, document.location + ": " + error.what());
      continue;
    } catch (const OfficeError& failure) {
      document.fail(failure.code(), document.location + ": " + failure.what());
      continue;
    }
    const auto [first, inserted] = taken.emplace(collision_key(document.output), document.location);
    if (!inserted) {
      document.fail(OfficeError::Code::bad_input, document.location + ": the output name " +
                                                      document.output.string() +
                                                      " is already used by " + first->second +
                                                      " (each record needs its own name)");
    }
  }
  return documents;
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
      throw OfficeError(OfficeError::Code::machine_failure,
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
void render_one(std::size_t id, BatchDocument& document, const templating::Template& compiled,
                const BatchRenderRequest& request, Outputs& outputs) {
  try {
    templating::RenderReport report;
    const std::string bytes = compiled.render(document.record->data, request.render, &report);
    for (const auto& warning : report.warnings) {
      document.messages.push_back(describe_line(document, warning));
    }
    outputs.write(id, document.output, bytes);
  } catch (const templating::RenderError& error) {
    document.failure = OfficeError::Code::bad_input;
    for (const auto& diagnostic : error.diagnostics()) {
      document.messages.push_back(describe_line(document, diagnostic));
    }
  } catch (const OfficeError& failure) {
    document.fail(failure.code(), document.location + ": " + failure.what());
  } catch (const std::bad_alloc&) {
    document.fail(OfficeError::Code::machine_failure, document.location + ": out of memory");
  } catch (const std::exception& error) {
    document.fail(OfficeError::Code::machine_failure,
                  document.location + ": internal error: " + error.what());
  }
}

void render_all(std::vector<BatchDocument*>& pending, const templating::Template& compiled,
                const BatchRenderRequest& request, Outputs& outputs, ProgressSink& progress) {
  ProgressStage stage(progress, "rendered", pending.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < pending.size(); i = next++) {
      render_one(i, *pending[i], compiled, request, outputs);
      stage.advance();
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
}

}  // namespace

std::vector<BatchDocument> render_batch(const templating::Template& compiled, RecordBatch& batch,
                                        OutputPattern& pattern, const BatchRenderRequest& request,
                                        ProgressSink& progress) {
  for (Record& record : batch.records) {
    if (record.error.empty()) add_code_labels_for_guessed_kind(record.data);
  }
  std::vector<BatchDocument> documents = plan(batch, pattern, request);
  std::vector<BatchDocument*> pending;
  for (BatchDocument& document : documents) {
    if (!document.failure) pending.push_back(&document);
  }
  Outputs outputs;
  render_all(pending, compiled, request, outputs, progress);
  for (const auto& failure : outputs.finish()) {
    BatchDocument& document = *pending[failure.id];
    document.fail(OfficeError::Code::machine_failure, document.location + ": cannot write " +
                                                          failure.path.string() + ": " +
                                                          failure.error.message());
  }
  return documents;
}

}  // namespace panelpack::office
