#pragma once
// The schema files whose "x-labels" give the words of the panel's codes (common.schema.json,
// decision.schema.json), compiled in by cmake/EmbedFiles.cmake: the words live in one place,
// docs/schema/, for the documents' data and the panel's own messages alike.

#include <span>
#include <string_view>

namespace panelpack::panel {

struct EmbeddedFile {
  std::string_view name;  // the file name, e.g. "common.schema.json"
  std::string_view text;
};

std::span<const EmbeddedFile> embedded_schemas();

}  // namespace panelpack::panel
