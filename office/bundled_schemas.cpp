#include "office/bundled_schemas.hpp"

#include "office/embedded_schemas.hpp"
#include "office/error.hpp"

namespace panelpack::office {

const validation::SchemaSet& bundled_schemas() {
  static const validation::SchemaSet schemas = [] {
    validation::SchemaSet set;
    for (const auto& file : embedded_schemas()) {
      set.add(std::string(file.name), validation::Schema::parse(file.text));
    }
    return set;
  }();
  return schemas;
}

const std::vector<std::string>& schema_kinds() {
  static const std::vector<std::string> kinds = {"case",   "bookings",  "decision", "agenda",
                                                 "office", "decisions", "report"};
  return kinds;
}

std::string schema_file_for(std::string_view kind) {
  for (const auto& known : schema_kinds()) {
    if (known == kind) return known + ".schema.json";
  }
  throw OfficeError(OfficeError::Code::bad_argument,
                    "no schema called '" + std::string(kind) +
                        "': use case, bookings, decision, agenda, office, decisions or report");
}

std::string guess_schema_kind(const nlohmann::json& document) {
  if (!document.is_object()) return "";
  if (document.contains("outcome") || document.contains("rationale")) return "decision";
  if (document.contains("decisions") && document.contains("panel")) return "decisions";
  if (document.contains("measures") && document.contains("quarter")) return "report";
  if (document.contains("panels") || document.contains("authority")) return "office";
  if (document.contains("items") && document.contains("panel")) {
    return document["panel"].is_object() ? "agenda" : "bookings";
  }
  if (document.contains("child") || document.contains("caseRef") || document.contains("legal")) {
    return "case";
  }
  if (document.contains("items")) return "bookings";
  return "";
}

}  // namespace panelpack::office
