#pragma once
// Writing a case file from the console: a new case, or a change to one, validated against
// case.schema.json and written atomically under the file's lock, refused when the file changed
// since the form was opened (its SHA-256 is the version the form carries).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::office {

// The version of a case with no file yet.
inline constexpr const char* kNoCaseVersion = "none";

// True for a reference that can name a file: letters, digits, '-' and '_', 1 to 40 of them,
// starting with a letter or digit.
bool is_case_ref(const std::string& case_ref);

// The SHA-256 (hex) of cases/REF.json's bytes, or kNoCaseVersion when there is none.
std::string case_version(const Workspace& workspace, const std::string& case_ref);

// cases/REF.json as written, its keys in their order. Throws OfficeError (bad_input) when it is
// missing or is not JSON.
nlohmann::ordered_json read_case_document(const Workspace& workspace, const std::string& case_ref);

// Every way `document` breaks case.schema.json (empty when it meets it), without writing.
std::vector<validation::ValidationError> case_problems(const nlohmann::ordered_json& document);

enum class CaseSaveOutcome {
  saved,
  invalid,  // `errors` says why; nothing written
  stale,    // the file changed since `version`; nothing written
  exists,   // a new case whose reference is taken; nothing written
};

struct CaseSaveResult {
  CaseSaveOutcome outcome = CaseSaveOutcome::saved;
  std::vector<validation::ValidationError> errors;  // for invalid
};

// Writes `document` as cases/REF.json when it meets the schema, its caseRef is `case_ref` and
// the file's version is still `version` (kNoCaseVersion: a new case, which must not exist).
// Throws OfficeError (bad_argument) for a reference is_case_ref refuses, (machine_failure) when
// the file cannot be written.
CaseSaveResult save_case(const Workspace& workspace, const std::string& case_ref,
                         const nlohmann::ordered_json& document, const std::string& version);

}  // namespace panelpack::office
