// `panelpack render TEMPLATE --each RECORDS -o PATTERN`: reads the records, has the office
// render one document per record as one batch (office/documents/batch_render.hpp), and prints
// each record's problems in record order, then one summary line.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <utility>
#include <vector>

#include "arguments/render_request.hpp"
#include "office/documents/batch_render.hpp"
#include "office/documents/output_pattern.hpp"
#include "office/documents/template_loading.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"
#include "output/progress.hpp"

namespace panelpack::cli {
namespace {

namespace fs = std::filesystem;

std::string summary(const std::vector<office::BatchDocument>& documents,
                    const office::RecordBatch& batch, const fs::path& directory) {
  std::vector<int> failed;
  std::vector<std::string> failed_files;
  for (const office::BatchDocument& document : documents) {
    if (document.failure) {
      failed.push_back(document.record->number);
      failed_files.push_back(fs::path(document.record->file).filename().string());
    }
  }
  std::string line = "rendered " + std::to_string(documents.size() - failed.size()) + " of " +
                     std::to_string(documents.size()) + " documents into " + directory.string();
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

// Keeps `value` unfreed until the process ends: the batch is the last thing the process does,
// and freeing every parsed record node by node would only delay the exit (the system takes the
// memory back at once). Reachable from a static, so leak checkers do not report it.
template <typename T>
void keep_until_exit(T value) {
  static auto* const kept = new std::vector<std::shared_ptr<void>>;  // never destroyed
  kept->push_back(std::make_shared<T>(std::move(value)));
}

office::RecordBatch read_batch(const std::string& path, unsigned threads) {
  try {
    return path != "-" && fs::is_directory(path)
               ? office::read_record_folder(path)
               : office::read_records(office::read_input(path), office::display_name(path),
                                      threads);
  } catch (const office::JsonInputError& error) {
    std::cerr << error.what() << '\n';
    throw CommandFailure(ExitCode::bad_input, "nothing rendered");
  }
}

}  // namespace

ExitCode render_each(const RenderRequest& request) {
  office::OutputPattern pattern(request.output_pattern);
  auto compiled = office::compile_template(request.template_path, request.compile, std::cerr);
  if (!compiled) throw CommandFailure(ExitCode::bad_input, "nothing rendered");
  if (!request.schema_kind.empty()) refuse_schema_errors(*compiled, request, request.schema_kind);
  office::RecordBatch batch = read_batch(request.data_path, request.jobs);

  TerminalProgress progress(stderr_is_terminal());
  auto documents = office::render_batch(
      *compiled, batch, pattern,
      {request.template_path, request.data_path, request.jobs, request.render}, progress);

  ExitCode result = ExitCode::success;
  for (const office::BatchDocument& document : documents) {
    for (const auto& message : document.messages) std::cerr << message << '\n';
    if (!document.failure) continue;
    const ExitCode code = exit_code_for(*document.failure);
    if (code == ExitCode::machine_failure) result = ExitCode::machine_failure;
    if (code == ExitCode::bad_input && result == ExitCode::success) result = ExitCode::bad_input;
  }
  std::cout << summary(documents, batch, pattern.base_directory()) << '\n';
  // Every output is durable and in place by now (render_batch synced and renamed them).
  keep_until_exit(std::move(documents));
  keep_until_exit(std::move(batch));
  keep_until_exit(std::move(compiled));
  return result;
}

}  // namespace panelpack::cli
