#pragma once
// The schemas the command validates against and lists fields from: case, bookings, decision,
// agenda (what the agenda template is filled from), office (office.json), decisions (a
// sitting's decisions as recorded) and report (what the quarterly report is filled from).

#include <string>
#include <string_view>
#include <vector>

#include "validation/schema_set.hpp"

namespace panelpack::office {

// Every embedded schema file, parsed once.
const validation::SchemaSet& bundled_schemas();

// The kinds of document a schema describes: "case", "bookings", "decision", "agenda", "office",
// "decisions", "report".
const std::vector<std::string>& schema_kinds();

// "case" -> "case.schema.json". Throws OfficeError (bad_argument) naming the kinds for an unknown
// name.
std::string schema_file_for(std::string_view kind);

// The kind a document's top-level keys suggest, or empty when they suggest none.
std::string guess_schema_kind(const nlohmann::json& document);

}  // namespace panelpack::office
