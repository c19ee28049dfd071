#pragma once
// Before a template is filled from data of a known schema (a case, an agenda), its tags are
// checked against that schema as `check --schema` checks them, so a misspelt field is refused
// instead of printing blank (or printing its `default:` in place of information that is there).

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "templating/template.hpp"

namespace panelpack::office {

// The errors `check --schema KIND` reports for the template's tags (unknown fields, list fields
// outside their loop), with the same codes and messages; warnings are left out. `schema_kind`
// is one of schema_kinds() ("case").
std::vector<templating::Diagnostic> schema_errors(const templating::Template& compiled,
                                                  const std::string& schema_kind);

// "case" when `data` is a case file: its keys say so and the case schema accepts it whole (a
// case that fails validation is not known to be one). Empty otherwise: render fills any JSON.
std::string recognised_schema_kind(const nlohmann::json& data);

// One line saying what to do, after the errors are printed: "…: the template names fields the
// case schema does not have; fix them (panelpack check --schema case T.docx) and run again".
std::string schema_refusal_advice(const std::string& template_path, const std::string& schema_kind);

}  // namespace panelpack::office
