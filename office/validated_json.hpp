#pragma once
// Reading a workspace file (office.json, a case file, a sitting's bookings) that must meet its
// schema: every problem is reported as FILE:LINE: POINTER: message, without quoting the data.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/schema_validator.hpp"

namespace panelpack::office {

// The file's JSON when it is well formed and meets the schema of `kind` ("office", "case",
// "bookings"...). Otherwise throws OfficeError (bad_input) whose message lists every
// problem, one per line; a file that cannot be read throws as read_input does.
nlohmann::json read_validated(const std::filesystem::path& path, std::string_view kind);

// The problems of `document` (parsed from `text`) against the schema of `kind`, each as
// "SOURCE:LINE: POINTER: message"; empty when it is valid.
std::vector<std::string> schema_problems(const nlohmann::json& document, std::string_view text,
                                         std::string_view kind, const std::string& source);

// In office.json, a "password" field is not merely unknown: say where a password goes instead.
void explain_refused_secrets(std::vector<validation::ValidationError>& errors,
                             std::string_view kind);

// Joins problems into one message, with a count when there are several.
std::string problems_message(const std::vector<std::string>& problems);

}  // namespace panelpack::office
