#include <array>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "arguments/template_options.hpp"
#include "commands/commands.hpp"
#include "office/bundled_schemas.hpp"
#include "office/documents/diagnostic_groups.hpp"
#include "office/documents/diagnostic_json.hpp"
#include "office/documents/diagnostic_output.hpp"
#include "office/documents/schema_checks.hpp"
#include "office/files.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 4> check_options = {{
    {"json", '\0', false},
    {"schema", '\0', true},
    {"delimiters", '\0', true},
    {"help", 'h', false},
}};

// Tag texts as typed, each once, in the order first seen.
std::vector<std::string> unique_tag_texts(const std::vector<templating::TagInfo>& tags) {
  std::vector<std::string> texts;
  std::set<std::string> seen;
  for (const auto& tag : tags) {
    if (seen.insert(tag.text).second) texts.push_back(tag.text);
  }
  return texts;
}

// {"summary", "tags", "errors"}: each entry of "errors" is one mistake with its count and places.
void print_json(const std::vector<std::string>& tags,
                const std::vector<templating::Diagnostic>& diagnostics) {
  const auto groups = office::group_diagnostics(diagnostics);
  const nlohmann::ordered_json report = {{"summary", office::to_json(office::summarise(groups))},
                                         {"tags", tags},
                                         {"errors", office::to_json(groups)}};
  std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

// The summary line first, then each mistake, then the tags the template uses.
void print_text(const std::string& source, const std::vector<std::string>& tags,
                const std::vector<templating::Diagnostic>& diagnostics) {
  if (diagnostics.empty()) std::cout << source << ": no mistakes\n";
  office::print_diagnostics(std::cout, source, diagnostics);
  if (!diagnostics.empty()) std::cout << '\n';
  std::cout << source << ": " << tags.size() << (tags.size() == 1 ? " tag" : " tags") << '\n';
  for (const auto& tag : tags) std::cout << "  " << tag << '\n';
}

// A file the engine cannot open is reported like any other error, so --json stays parseable.
templating::Diagnostic diagnostic_from(const templating::PackageError& error) {
  templating::Diagnostic diagnostic;
  diagnostic.code = error.code();
  diagnostic.part = error.where();
  diagnostic.message = error.what();
  diagnostic.hint = "Open the file in Word and save it again as a .docx document.";
  return diagnostic;
}

}  // namespace

ExitCode run_check(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, check_options);
  if (arguments.positionals().size() != 1) throw UsageError("check takes one TEMPLATE");
  const std::string& path = arguments.positionals()[0];
  if (path == "-") throw UsageError("the TEMPLATE must be a file, not stdin");
  const templating::CompileOptions options = compile_options_from(arguments);
  const bool as_json = arguments.has("json");
  const std::optional<std::string> schema_kind = arguments.value("schema");
  const std::string schema_file = schema_kind ? office::schema_file_for(*schema_kind) : "";

  std::string package = office::read_template_input(path);
  templating::CheckReport report;
  try {
    report = templating::check(package, options);
  } catch (const templating::PackageError& error) {
    if (!as_json)
      throw CommandFailure(ExitCode::bad_input, office::describe_package_error(path, error));
    print_json({}, {diagnostic_from(error)});
    return ExitCode::bad_input;
  }

  if (schema_kind) {
    const auto catalogue =
        validation::FieldCatalogue::from_schema(office::bundled_schemas(), schema_file);
    office::add_schema_diagnostics(report, catalogue, *schema_kind);
    templating::sort_in_document_order(report.diagnostics);  // the schema's among the engine's
  }

  const auto tags = unique_tag_texts(report.tags);
  if (as_json) {
    print_json(tags, report.diagnostics);
  } else {
    print_text(path, tags, report.diagnostics);
  }
  return report.has_errors() ? ExitCode::bad_input : ExitCode::success;
}

}  // namespace panelpack::cli
