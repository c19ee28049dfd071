// `panelpack validate`: checks case, bookings, decision, agenda and office files against the
// schemas and lists every problem as FILE:LINE: POINTER: message.

#include <array>
#include <iostream>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "office/bundled_schemas.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"
#include "office/sitting/office_checks.hpp"
#include "office/validated_json.hpp"
#include "uses_office.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 3> validate_options = {{
    {"schema", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
}};

// One problem in one file, ready to print either way.
struct Problem {
  int line = 0;
  int column = 0;  // only for JSON that could not be read
  std::string pointer;
  std::string code;     // the schema keyword, or malformed_json / unreadable / unknown_schema
  std::string message;  // quotes the file's own values: this output goes to its owner only
  std::string expected;
  std::string suggestion;
};

struct FileReport {
  std::string file;
  std::string schema;  // the kind validated against; empty when it never got that far
  std::vector<Problem> problems;
  ExitCode code = ExitCode::success;
};

// The message of a JsonInputError without its "SOURCE:LINE:COLUMN: " prefix.
std::string bare_message(const JsonInputError& error, const std::string& source) {
  const std::string prefix = source + ":" + std::to_string(error.position().line) + ":" +
                             std::to_string(error.position().column) + ": ";
  const std::string text = error.what();
  return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

FileReport validate_file(const std::string& path, const std::optional<std::string>& forced_kind) {
  FileReport report;
  report.file = display_name(path);
  std::string text;
  try {
    text = read_input(path);
  } catch (const OfficeError& failure) {
    report.problems.push_back({0, 0, "", "unreadable", failure.what(), "", ""});
    report.code = exit_code_of(failure);
    return report;
  }
  nlohmann::json document;
  try {
    document = parse_json_document(text, report.file);
  } catch (const JsonInputError& error) {
    report.problems.push_back({error.position().line, error.position().column, error.pointer(),
                               error.code(), bare_message(error, report.file), "", ""});
    report.code = ExitCode::bad_input;
    return report;
  }
  report.schema = forced_kind ? *forced_kind : guess_schema_kind(document);
  if (report.schema.empty()) {
    report.problems.push_back({1, 0, "", "unknown_schema", "cannot tell which kind of file this is",
                               "name it with --schema case, bookings, decision, agenda or office",
                               ""});
    report.code = ExitCode::bad_input;
    return report;
  }
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
  // An office the schema accepts may still be one every command refuses: check it as they do.
  if (report.problems.empty() && report.schema == "office") {
    std::vector<validation::ValidationError> found;
    for (const OfficeProblem& problem : office_problems(document, path)) {
      found.push_back({problem.pointer, 0, problem.code, problem.message, "", "", ""});
    }
    validation::locate(found, text);
    for (const auto& error : found) {
      report.problems.push_back(
          {error.line, 0, error.pointer, error.keyword, error.problem, "", ""});
    }
  }
  if (!report.problems.empty()) report.code = ExitCode::bad_input;
  return report;
}

// "14: /legal/status: "C9" is not a legal status; expected one of V2, ..."
std::string describe(const Problem& problem) {
  std::string text = problem.message;
  if (!problem.suggestion.empty()) text += "; did you mean \"" + problem.suggestion + "\"?";
  if (!problem.expected.empty()) {
    text += problem.code == "required" || problem.code == "unknown_schema"
                ? "; " + problem.expected
                : "; expected " + problem.expected;
  }
  return text;
}

void print_text(const FileReport& report) {
  for (const auto& problem : report.problems) {
    if (problem.code == "unreadable") {
      std::cout << problem.message << '\n';  // already names the file
      continue;
    }
    std::cout << report.file;
    if (problem.line > 0) std::cout << ':' << problem.line;
    if (problem.column > 0) std::cout << ':' << problem.column;
    std::cout << ": ";
    // A JSON reading error (it has a column) names its pointer in its message already.
    if (problem.column == 0 && problem.code != "unknown_schema") {
      std::cout << (problem.pointer.empty() ? "(top level)" : problem.pointer) << ": ";
    }
    std::cout << describe(problem) << '\n';
  }
  if (report.problems.empty()) {
    std::cout << report.file << ": valid (" << report.schema << ")\n";
  } else if (!report.schema.empty() && report.code == ExitCode::bad_input &&
             report.problems.front().code != "unknown_schema") {
    const auto count = report.problems.size();
    std::cout << report.file << ": " << count << (count == 1 ? " problem" : " problems")
              << " against the " << report.schema << " schema\n";
  }
}

nlohmann::ordered_json to_json(const FileReport& report) {
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (const auto& problem : report.problems) {
    nlohmann::ordered_json entry = {{"code", problem.code},
                                    {"line", problem.line},
                                    {"pointer", problem.pointer},
                                    {"message", problem.message},
                                    {"expected", problem.expected}};
    if (problem.column > 0) entry["column"] = problem.column;
    if (!problem.suggestion.empty()) entry["suggestion"] = problem.suggestion;
    problems.push_back(std::move(entry));
  }
  return {{"file", report.file},
          {"schema", report.schema},
          {"valid", report.problems.empty()},
          {"errors", std::move(problems)}};
}

}  // namespace

ExitCode run_validate(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, validate_options);
  if (arguments.positionals().empty()) throw UsageError("validate takes at least one FILE");
  std::optional<std::string> kind = arguments.value("schema");
  if (kind) schema_file_for(*kind);  // refuses an unknown name before any file is read
  const bool as_json = arguments.has("json");

  ExitCode worst = ExitCode::success;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& path : arguments.positionals()) {
    const FileReport report = validate_file(path, kind);
    if (to_int(report.code) > to_int(worst)) worst = report.code;
    if (as_json) {
      files.push_back(to_json(report));
    } else {
      print_text(report);
    }
  }
  if (as_json) {
    const nlohmann::ordered_json output = {{"files", std::move(files)}};
    std::cout << output.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return worst;
}

}  // namespace panelpack::cli
