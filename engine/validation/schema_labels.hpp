#pragma once
// The words a schema gives the codes of a field ("x-labels": {"C1": "Interim care order (s38)"}
// beside its "enum"), added to data so that a template prints words without knowing the table.
// The words belong to the field's own schema node, so the same code can read differently in
// two fields ("sgo" the permanence option, "sgo" the assessment).

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "validation/schema_set.hpp"

namespace panelpack::validation {

// The suffix of the field added beside a coded value ("status" -> "statusLabel") and beside a
// list of codes ("parallel" -> "parallelLabels").
inline constexpr std::string_view kLabelSuffix = "Label";
inline constexpr std::string_view kLabelsSuffix = "Labels";

// The "x-labels" words of a schema node after its $refs, or null when it has none.
const Schema* labels_of(const SchemaSet& schemas, SchemaNode node);

// The words for `code` in `labels` (an "x-labels" object); the code itself when it has none,
// so nothing prints empty.
std::string label_for(const Schema& labels, std::string_view code);

// Adds, throughout `data` (a document of schema `document`), "<name>Label" beside every coded
// string and "<name>Labels" (the words, in order) beside every list of codes. A key the data
// already has is left as it is; a value the schema does not describe is left alone.
void add_labels(const SchemaSet& schemas, std::string_view document, nlohmann::json& data);

}  // namespace panelpack::validation
