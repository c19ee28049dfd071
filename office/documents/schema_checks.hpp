#pragma once
// `check --schema`: the template's tags against the fields a schema describes.

#include <string>
#include <vector>

#include "templating/template.hpp"
#include "validation/field_catalogue.hpp"

namespace panelpack::office {

// For every value and section tag: `unknown_field` (error) when its name resolves to no field of
// the schema, with the nearest field as the hint; `section_not_list` (warning) when a section is
// over a single value (text, a date, a number) rather than a list, a group or a yes/no field.
// `kind` names the schema in messages ("case").
std::vector<templating::Diagnostic> schema_diagnostics(const std::vector<templating::TagInfo>& tags,
                                                       const validation::FieldCatalogue& catalogue,
                                                       const std::string& kind);

}  // namespace panelpack::office
