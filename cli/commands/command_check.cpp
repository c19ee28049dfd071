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

// Where, in Word's terms: the same names the console and the output helper use.
nlohmann::ordered_json to_json(const templating::Location& where) {
  return {{"container", where.container},
          {"heading", where.heading},
          {"table", where.table},
          {"row", where.row},
          {"rowLabel", where.row_label},
          {"cell", where.cell},
          {"cellsInRow", where.cells_in_row},
          {"inTextBox", where.in_text_box},
          {"words", templating::describe_location(where)}};
}

nlohmann::ordered_json to_json(const templating::Diagnostic& diagnostic) {
  return {{"code", diagnostic.code},       {"severity", templating::to_string(diagnostic.severity)},
          {"part", diagnostic.part},       {"paragraph", diagnostic.paragraph},
          {"excerpt", diagnostic.excerpt}, {"tag", diagnostic.tag},
          {"hint", diagnostic.hint},       {"location", to_json(diagnostic.location)}};
}

void print_json(const std::vector<std::string>& tags,
                const std::vector<templating::Diagnostic>& diagnostics) {
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const auto& diagnostic : diagnostics) errors.push_back(to_json(diagnostic));
  const nlohmann::ordered_json report = {{"tags", tags}, {"errors", std::move(errors)}};
  std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void print_text(const std::string& source, const std::vector<std::string>& tags,
                const std::vector<templating::Diagnostic>& diagnostics) {
  std::cout << source << ": " << tags.size() << (tags.size() == 1 ? " tag" : " tags") << '\n';
  for (const auto& tag : tags) std::cout << "  " << tag << '\n';
  std::size_t errors = 0;
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.severity == templating::Severity::error) ++errors;
  }
  office::print_diagnostics(std::cout, source, diagnostics);
  std::cout << errors << (errors == 1 ? " error, " : " errors, ") << diagnostics.size() - errors
            << (diagnostics.size() - errors == 1 ? " warning" : " warnings") << '\n';
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
    auto found = office::schema_diagnostics(report.tags, catalogue, *schema_kind);
    report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
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
