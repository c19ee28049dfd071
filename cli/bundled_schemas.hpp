#pragma once
// The case, bookings and decision schemas the command validates against and lists fields from.

#include <string>
#include <string_view>
#include <vector>

#include "validation/schema_set.hpp"

namespace panelpack::cli {

// Every embedded schema file, parsed once.
const validation::SchemaSet& bundled_schemas();

// The kinds of document a schema describes: "case", "bookings", "decision".
const std::vector<std::string>& schema_kinds();

// "case" -> "case.schema.json"; "agenda" is another name for "bookings" (the agenda is filled
// from a sitting's bookings). Throws UsageError naming the kinds for an unknown name.
std::string schema_file_for(std::string_view kind);

// The kind a document's top-level keys suggest, or empty when they suggest none.
std::string guess_schema_kind(const nlohmann::json& document);

}  // namespace panelpack::cli
