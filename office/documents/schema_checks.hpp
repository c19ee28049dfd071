#pragma once
// `check --schema`: the template's tags against the fields a schema describes.

#include <string>
#include <vector>

#include "templating/template.hpp"
#include "validation/field_catalogue.hpp"

namespace panelpack::office {

// For every value and section tag, judged where it stands (inside a list's loop, that list's
// item fields and the outer ones):
// - `unknown_field` (error) when its name resolves to no field of the schema; `suggestion` and
//   `fix` name the nearest field that resolves there, never the name typed;
// - `field_outside_its_list` (error) when the name is a field of a list's items, typed outside
//   that list's loop (or through the list: {{child.siblings.name}});
// - `section_not_list` (warning) when a section is over a single value (text, a date, a number)
//   rather than a list, a group or a yes/no field;
// - `value_not_text`, `yes_no_prints_true_false` (warnings) for values that print badly;
// - `filter_does_not_fit` (warning) when the first filter cannot read the field's kind
//   ({{child.name | date}}).
// A tag after a section that is never closed is judged as if the section had been closed
// before it, and is quiet when it fits inside the section instead: one message per mistake.
// `kind` names the schema in messages ("case").
std::vector<templating::Diagnostic> schema_diagnostics(const std::vector<templating::TagInfo>& tags,
                                                       const validation::FieldCatalogue& catalogue,
                                                       const std::string& kind);

// The schema's diagnostics added to `report`, and each `unclosed_section` the engine reported
// told where its close belongs when the tags say so ("add {{/child.siblings}} after
// {{placedTogether | yesno}}").
void add_schema_diagnostics(templating::CheckReport& report,
                            const validation::FieldCatalogue& catalogue, const std::string& kind);

}  // namespace panelpack::office
