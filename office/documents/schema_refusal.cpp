#include "office/documents/schema_refusal.hpp"

#include <algorithm>

#include "office/bundled_schemas.hpp"
#include "office/documents/schema_checks.hpp"
#include "validation/field_catalogue.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::office {

std::vector<templating::Diagnostic> schema_errors(const templating::Template& compiled,
                                                  const std::string& schema_kind) {
  const auto catalogue =
      validation::FieldCatalogue::from_schema(bundled_schemas(), schema_file_for(schema_kind));
  auto found = schema_diagnostics(compiled.tags(), catalogue, schema_kind);
  found.erase(std::remove_if(found.begin(), found.end(),
                             [](const templating::Diagnostic& diagnostic) {
                               return diagnostic.severity != templating::Severity::error;
                             }),
              found.end());
  return found;
}

std::string recognised_schema_kind(const nlohmann::json& data) {
  if (guess_schema_kind(data) != "case") return "";
  const auto problems = validation::Validator(bundled_schemas(), "case.schema.json").validate(data);
  return problems.empty() ? "case" : "";
}

std::string schema_refusal_advice(const std::string& template_path,
                                  const std::string& schema_kind) {
  return template_path + ": the template names fields the " + schema_kind +
         " schema does not have; fix them (panelpack check --schema " + schema_kind + " " +
         template_path + ") and run again; nothing written";
}

}  // namespace panelpack::office
