// `panelpack validate`: checks case, bookings, decision, agenda and office files against the
// schemas (office/validation/file_validation.hpp) and lists every problem as
// FILE:LINE: POINTER: message, or as JSON.

#include <array>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/bundled_schemas.hpp"
#include "office/validation/file_validation.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 3> validate_options = {{
    {"schema", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
}};

// "14: /legal/status: "C9" is not a legal status; expected one of V2, ..."
std::string describe(const office::FileProblem& problem) {
  std::string text = problem.message;
  if (!problem.suggestion.empty()) text += "; did you mean \"" + problem.suggestion + "\"?";
  if (!problem.expected.empty()) {
    text += problem.code == "required" || problem.code == "unknown_schema"
                ? "; " + problem.expected
                : "; expected " + problem.expected;
  }
  return text;
}

void print_text(const office::FileValidation& report) {
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
  } else if (!report.schema.empty() && report.failure == office::OfficeError::Code::bad_input &&
             report.problems.front().code != "unknown_schema") {
    const auto count = report.problems.size();
    std::cout << report.file << ": " << count << (count == 1 ? " problem" : " problems")
              << " against the " << report.schema << " schema\n";
  }
}

nlohmann::ordered_json to_json(const office::FileValidation& report) {
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
  if (kind) office::schema_file_for(*kind);  // refuses an unknown name before any file is read
  const bool as_json = arguments.has("json");

  ExitCode worst = ExitCode::success;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& path : arguments.positionals()) {
    const office::FileValidation report = office::validate_office_file(path, kind);
    const ExitCode code = report.failure ? exit_code_for(*report.failure) : ExitCode::success;
    if (to_int(code) > to_int(worst)) worst = code;
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
