#pragma once
// One document per record from one compiled template (`render --each`): every output named by
// a pattern over its record, rendered on several threads, and written as one durable batch
// (every output whole or untouched). Each record's outcome is a value; nothing is printed.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/documents/output_pattern.hpp"
#include "office/error.hpp"
#include "office/json_input.hpp"
#include "office/progress.hpp"
#include "templating/template.hpp"

namespace panelpack::office {

struct BatchRenderRequest {
  std::string template_path;  // refused as an output, like the records file
  std::string records_path;   // the records file or folder; "-" = stdin (refused as nothing)
  unsigned jobs = 1;          // threads
  templating::RenderOptions render;
};

// One record's document: where it went and how it went.
struct BatchDocument {
  const Record* record = nullptr;  // in the RecordBatch given to render_batch
  std::string location;            // "cases.jsonl:3" or "cases.json: record 3", for messages
  std::filesystem::path output;
  std::optional<OfficeError::Code> failure;  // none when the document was written
  std::vector<std::string> messages;         // errors and warnings, each located, in order

  void fail(OfficeError::Code code, const std::string& message) {
    failure = code;
    messages.push_back(message);
  }
};

// Adds the code labels to every readable record (labelled_data.hpp), names each output with
// `pattern` (refusing empty, clashing and input-overwriting names), renders the others on
// `request.jobs` threads reporting a "rendered" stage to `progress`, then publishes them all
// at once. Returns one entry per record of `batch`, in its order. Throws nothing for a record
// that fails: its entry says why.
std::vector<BatchDocument> render_batch(const templating::Template& compiled, RecordBatch& batch,
                                        OutputPattern& pattern, const BatchRenderRequest& request,
                                        ProgressSink& progress);

}  // namespace panelpack::office
