#include "office/documents/labelled_data.hpp"

#include <initializer_list>

#include "office/bundled_schemas.hpp"
#include "validation/schema_labels.hpp"

namespace panelpack::office {

void add_code_labels(nlohmann::json& data, std::string_view kind) {
  validation::add_labels(bundled_schemas(), schema_file_for(kind), data);
}

void add_code_labels_for_guessed_kind(nlohmann::json& data) {
  const std::string kind = guess_schema_kind(data);
  if (!kind.empty()) add_code_labels(data, kind);
}

namespace {

// The members of `from` named in `keys`, those it has.
nlohmann::json picked(const nlohmann::json& from, std::initializer_list<const char*> keys) {
  nlohmann::json kept = nlohmann::json::object();
  for (const char* key : keys) {
    if (const auto found = from.find(key); found != from.end()) kept[key] = *found;
  }
  return kept;
}

}  // namespace

nlohmann::json case_data_for_sitting(const nlohmann::json& case_data,
                                     const nlohmann::json& agenda) {
  nlohmann::json data = case_data;
  add_code_labels(data, "case");
  nlohmann::json sitting = picked(agenda, {"date", "weekday", "startTime"});
  if (const auto panel = agenda.find("panel"); panel != agenda.end() && panel->is_object()) {
    sitting["panel"] = picked(*panel, {"id", "name", "type", "typeLabel", "venue"});
  }
  if (const auto due = agenda.find("papersDue"); due != agenda.end() && due->is_object()) {
    sitting["papersDue"] = picked(*due, {"date", "time", "dateTime", "onWorkingDay"});
  }
  data["sitting"] = std::move(sitting);
  return data;
}

}  // namespace panelpack::office
