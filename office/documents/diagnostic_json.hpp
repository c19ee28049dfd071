#pragma once
// Diagnostics as JSON for `panelpack check --json` and the console: every field of the message
// (location, suggestion, fix) as its own key, repeats grouped with their count and places.

#include <vector>

#include <nlohmann/json.hpp>

#include "office/documents/diagnostic_groups.hpp"

namespace panelpack::office {

// {"container","heading","table","row","rowLabel","cell","cellsInRow","inTextBox","words"}
nlohmann::ordered_json to_json(const templating::Location& location);

// {"part","paragraph","excerpt","location"}
nlohmann::ordered_json to_json(const DiagnosticPlace& place);

// The first diagnostic's "code", "severity", "part", "paragraph", "excerpt", "tag", "message",
// "hint", "suggestion", "fix", "location", then "count" and "places".
nlohmann::ordered_json to_json(const DiagnosticGroup& group);

// {"mistakes","places","errors","warnings"}
nlohmann::ordered_json to_json(const DiagnosticSummary& summary);

nlohmann::ordered_json to_json(const std::vector<DiagnosticGroup>& groups);

}  // namespace panelpack::office
