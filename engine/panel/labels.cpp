#include "panel/labels.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "panel/code_list_schemas.hpp"

namespace panelpack::panel {

namespace {

// The schema files' text, parsed once, by file name.
const std::map<std::string, nlohmann::json, std::less<>>& schemas() {
  static const auto parsed = [] {
    std::map<std::string, nlohmann::json, std::less<>> files;
    for (const auto& file : embedded_schemas()) {
      files.emplace(std::string(file.name), nlohmann::json::parse(file.text));
    }
    return files;
  }();
  return parsed;
}

// The words "x-labels" gives `code` at `pointer` in schema `file`; the code itself when it has
// none, so nothing prints empty.
std::string look_up(std::string_view file, const char* pointer, std::string_view code) {
  const auto& document = schemas().find(file)->second;
  const nlohmann::json::json_pointer at(std::string(pointer) + "/x-labels");
  if (!document.contains(at)) return std::string(code);
  const auto& labels = document.at(at);
  const auto found = labels.find(std::string(code));
  return found != labels.end() && found->is_string() ? found->get<std::string>()
                                                     : std::string(code);
}

constexpr std::string_view kCommon = "common.schema.json";
constexpr std::string_view kDecision = "decision.schema.json";

}  // namespace

std::string outcome_label(std::string_view code) {
  return look_up(kDecision, "/properties/outcome", code);
}

std::vector<std::string> outcome_codes() {
  const auto& document = schemas().find(kDecision)->second;
  const nlohmann::json::json_pointer at("/properties/outcome/enum");
  std::vector<std::string> codes;
  if (!document.contains(at)) return codes;
  for (const auto& code : document.at(at)) {
    if (code.is_string()) codes.push_back(code.get<std::string>());
  }
  return codes;
}

std::string monitoring_label(std::string_view code) {
  return look_up(kDecision, "/properties/monitoring", code);
}

std::string permanence_option_label(std::string_view code) {
  return look_up(kCommon, "/$defs/PermanenceOption", code);
}

std::string referral_reason_label(std::string_view code) {
  return look_up(kCommon, "/$defs/ReferralReason", code);
}

std::string paper_type_label(std::string_view code) {
  return look_up(kCommon, "/$defs/PaperType", code);
}

std::string panel_type_label(std::string_view code) {
  return look_up(kCommon, "/$defs/PanelType", code);
}

std::string legal_status_label(std::string_view code) {
  return look_up(kCommon, "/$defs/LegalStatus", code);
}

}  // namespace panelpack::panel
