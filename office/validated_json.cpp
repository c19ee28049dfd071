#include "office/validated_json.hpp"

#include "office/bundled_schemas.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"
#include "panel/mail_config.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::office {

std::vector<std::string> schema_problems(const nlohmann::json& document, std::string_view text,
                                         std::string_view kind, const std::string& source) {
  const validation::Validator validator(bundled_schemas(), schema_file_for(kind));
  auto errors = validator.validate(document);
  explain_refused_secrets(errors, kind);
  std::vector<std::string> problems;
  if (errors.empty()) return problems;  // finding lines costs a scan of the text: only for errors
  validation::locate(errors, text);
  for (const auto& error : errors) {
    std::string line = source + ":" + std::to_string(error.line) + ": " +
                       (error.pointer.empty() ? "(top level)" : error.pointer) + ": " +
                       validation::describe(error, false);
    if (!error.suggestion.empty()) line += "; did you mean \"" + error.suggestion + "\"?";
    problems.push_back(std::move(line));
  }
  return problems;
}

void explain_refused_secrets(std::vector<validation::ValidationError>& errors,
                             std::string_view kind) {
  if (kind != "office") return;
  for (auto& error : errors) {
    const bool password_field = error.pointer.ends_with("/password");
    if (error.keyword != "additionalProperties" || !password_field) continue;
    error.keyword = "secret_in_configuration";
    error.problem = "is a password: " + panel::secret_in_configuration_message();
    error.suggestion.clear();
  }
}

std::string problems_message(const std::vector<std::string>& problems) {
  std::string message;
  for (const auto& problem : problems) message += (message.empty() ? "" : "\n") + problem;
  if (problems.size() > 1) message += "\n(" + std::to_string(problems.size()) + " problems)";
  return message;
}

nlohmann::json read_validated(const std::filesystem::path& path, std::string_view kind) {
  const std::string source = path.string();
  const std::string text = read_input(source);
  nlohmann::json document;
  try {
    document = parse_json_document(text, source);
  } catch (const JsonInputError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  const auto problems = schema_problems(document, text, kind, source);
  if (!problems.empty())
    throw OfficeError(OfficeError::Code::bad_input, problems_message(problems));
  return document;
}

}  // namespace panelpack::office
