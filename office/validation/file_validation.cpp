#include "office/validation/file_validation.hpp"

#include <nlohmann/json.hpp>

#include "office/bundled_schemas.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"
#include "office/sitting/office_checks.hpp"
#include "office/validated_json.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::office {
namespace {

// The message of a JsonInputError without its "SOURCE:LINE:COLUMN: " prefix.
std::string bare_message(const JsonInputError& error, const std::string& source) {
  const std::string prefix = source + ":" + std::to_string(error.position().line) + ":" +
                             std::to_string(error.position().column) + ": ";
  const std::string text = error.what();
  return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

void add_schema_problems(FileValidation& report, const nlohmann::json& document,
                         const std::string& text) {
  const validation::Validator validator(bundled_schemas(), schema_file_for(report.schema));
  auto errors = validator.validate(document);
  explain_refused_secrets(errors, report.schema);
  validation::locate(errors, text);
  for (const auto& error : errors) {
    validation::ValidationError without_expectation = error;
    without_expectation.expected.clear();
    without_expectation.suggestion.clear();
    report.problems.push_back({error.line, 0, error.pointer, error.keyword,
                               validation::describe(without_expectation, true), error.expected,
                               error.suggestion});
  }
}

// An office the schema accepts may still be one every command refuses: check it as they do.
void add_office_problems(FileValidation& report, const nlohmann::json& document,
                         const std::string& text, const std::string& path) {
  std::vector<validation::ValidationError> found;
  for (const OfficeProblem& problem : office_problems(document, path)) {
    found.push_back({problem.pointer, 0, problem.code, problem.message, "", "", ""});
  }
  validation::locate(found, text);
  for (const auto& error : found) {
    report.problems.push_back({error.line, 0, error.pointer, error.keyword, error.problem, "", ""});
  }
}

}  // namespace

namespace {

// The checks of a file read as `text`, into `report` (whose file is already named).
void check_text(FileValidation& report, const std::string& text, const std::string& path,
                const std::optional<std::string>& kind) {
  nlohmann::json document;
  try {
    document = parse_json_document(text, report.file);
  } catch (const JsonInputError& error) {
    report.problems.push_back({error.position().line, error.position().column, error.pointer(),
                               error.code(), bare_message(error, report.file), "", ""});
    report.failure = OfficeError::Code::bad_input;
    return;
  }
  report.schema = kind ? *kind : guess_schema_kind(document);
  if (report.schema.empty()) {
    report.problems.push_back({1, 0, "", "unknown_schema", "cannot tell which kind of file this is",
                               "name it with --schema case, bookings, decision, agenda or office",
                               ""});
    report.failure = OfficeError::Code::bad_input;
    return;
  }
  add_schema_problems(report, document, text);
  if (report.problems.empty() && report.schema == "office") {
    add_office_problems(report, document, text, path);
  }
  if (!report.problems.empty()) report.failure = OfficeError::Code::bad_input;
}

}  // namespace

FileValidation validate_office_file(const std::string& path,
                                    const std::optional<std::string>& kind) {
  if (kind) schema_file_for(*kind);  // refuses an unknown name before the file is read
  FileValidation report;
  report.file = display_name(path);
  std::string text;
  try {
    text = read_input(path);
  } catch (const OfficeError& failure) {
    report.problems.push_back({0, 0, "", "unreadable", failure.what(), "", ""});
    report.failure = failure.code();
    return report;
  }
  check_text(report, text, path, kind);
  return report;
}

FileValidation validate_office_text(const std::string& text,
                                    const std::filesystem::path& office_json) {
  FileValidation report;
  report.file = display_name(office_json.string());
  check_text(report, text, office_json.string(), std::string("office"));
  return report;
}

}  // namespace panelpack::office
