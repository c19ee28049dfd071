#include "office/documents/diagnostic_json.hpp"

namespace panelpack::office {

nlohmann::ordered_json to_json(const templating::Location& location) {
  return {{"container", location.container},
          {"heading", location.heading},
          {"table", location.table},
          {"row", location.row},
          {"rowLabel", location.row_label},
          {"cell", location.cell},
          {"cellsInRow", location.cells_in_row},
          {"inTextBox", location.in_text_box},
          {"words", templating::describe_location(location)}};
}

nlohmann::ordered_json to_json(const DiagnosticPlace& place) {
  return {{"part", place.part},
          {"paragraph", place.paragraph},
          {"excerpt", place.excerpt},
          {"location", to_json(place.location)}};
}

nlohmann::ordered_json to_json(const DiagnosticGroup& group) {
  const templating::Diagnostic& d = group.first;
  nlohmann::ordered_json places = nlohmann::ordered_json::array();
  for (const auto& place : group.places) places.push_back(to_json(place));
  return {{"code", d.code},
          {"severity", templating::to_string(d.severity)},
          {"part", d.part},
          {"paragraph", d.paragraph},
          {"excerpt", d.excerpt},
          {"tag", d.tag},
          {"message", d.message},
          {"hint", d.hint},
          {"suggestion", d.suggestion},
          {"fix", d.fix},
          {"location", to_json(d.location)},
          {"count", group.count},
          {"places", std::move(places)}};
}

nlohmann::ordered_json to_json(const DiagnosticSummary& summary) {
  return {{"mistakes", summary.mistakes},
          {"places", summary.places},
          {"errors", summary.errors},
          {"warnings", summary.warnings}};
}

nlohmann::ordered_json to_json(const std::vector<DiagnosticGroup>& groups) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& group : groups) list.push_back(to_json(group));
  return list;
}

}  // namespace panelpack::office
