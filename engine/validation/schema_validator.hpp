#pragma once
// Validates JSON against a schema of the set, collecting every error (never stopping at the
// first). Supports the subset of JSON Schema 2020-12 that docs/schema/ uses: type (one or a list),
// properties, required, additionalProperties, items, enum, const, $ref, minimum, maximum,
// minLength, maxLength, minItems, maxItems, pattern, and format date, date-time and email.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/schema_set.hpp"

namespace panelpack::validation {

// One way the data breaks the schema.
struct ValidationError {
  std::string pointer;     // RFC 6901 pointer to the value ("/legal/status"; "" = the whole file)
  int line = 0;            // 1-based line where the value starts; 0 until locate() fills it
  std::string keyword;     // the schema keyword that failed: "type", "enum", "required", ...
  std::string problem;     // what is wrong, phrased after the value ("is not a legal status");
                           // never quotes the data
  std::string expected;    // what would be right ("one of V2, V3, C1, ...")
  std::string value;       // the offending value as compact JSON, shortened; empty when the
                           // problem is not about a value (a missing field)
  std::string suggestion;  // for an unknown field: the nearest known field name, if any
};

// "C9" is not a legal status; expected one of V2, ... — the value is quoted only when
// `quote_value` is set (for the person validating their own file); otherwise "the value is ...".
std::string describe(const ValidationError& error, bool quote_value);

class Validator {
 public:
  // Validates against the root of `document` in `schemas`. The set must outlive the validator.
  // Throws SchemaError when the document is not in the set.
  Validator(const SchemaSet& schemas, std::string document);

  // Every error, in schema order; lines are 0 (see locate). Throws SchemaError for a $ref that
  // leads nowhere or an invalid pattern.
  std::vector<ValidationError> validate(const nlohmann::json& instance) const;

 private:
  const SchemaSet* schemas_;
  std::string document_;
};

// Fills each error's line from the JSON text the instance was parsed from (a missing value takes
// the line of its nearest present parent), then sorts the errors by line, keeping their order
// within a line.
void locate(std::vector<ValidationError>& errors, std::string_view text);

}  // namespace panelpack::validation
