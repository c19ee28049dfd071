#include "labelled_data.hpp"

#include "bundled_schemas.hpp"
#include "validation/schema_labels.hpp"

namespace panelpack::cli {

void add_code_labels(nlohmann::json& data, std::string_view kind) {
  validation::add_labels(bundled_schemas(), schema_file_for(kind), data);
}

void add_code_labels_for_guessed_kind(nlohmann::json& data) {
  const std::string kind = guess_schema_kind(data);
  if (!kind.empty()) add_code_labels(data, kind);
}

nlohmann::json case_data_for_sitting(const nlohmann::json& case_data,
                                     const nlohmann::json& agenda) {
  nlohmann::json data = case_data;
  add_code_labels(data, "case");
  nlohmann::json sitting = nlohmann::json::object();
  if (const auto panel = agenda.find("panel"); panel != agenda.end() && panel->is_object()) {
    nlohmann::json& named = sitting["panel"] = nlohmann::json::object();
    for (const char* key : {"id", "name", "type", "typeLabel", "venue"}) {
      if (panel->contains(key)) named[key] = (*panel)[key];
    }
  }
  for (const char* key : {"date", "weekday", "startTime"}) {
    if (agenda.contains(key)) sitting[key] = agenda[key];
  }
  if (const auto due = agenda.find("papersDue"); due != agenda.end() && due->is_object()) {
    nlohmann::json& papers_due = sitting["papersDue"] = nlohmann::json::object();
    for (const char* key : {"date", "time", "dateTime", "onWorkingDay"}) {
      if (due->contains(key)) papers_due[key] = (*due)[key];
    }
  }
  data["sitting"] = std::move(sitting);
  return data;
}

}  // namespace panelpack::cli
