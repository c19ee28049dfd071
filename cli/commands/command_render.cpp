#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "arguments/render_request.hpp"
#include "arguments/template_options.hpp"
#include "commands/commands.hpp"
#include "office/bundled_schemas.hpp"
#include "office/documents/diagnostic_output.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/documents/output_pattern.hpp"
#include "office/documents/schema_refusal.hpp"
#include "office/documents/template_loading.hpp"
#include "office/documents/unchanged_output.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 7> render_options = {{
    {"output", 'o', true},
    {"each", '\0', true},
    {"jobs", 'j', true},
    {"strict", '\0', false},
    {"schema", '\0', true},
    {"delimiters", '\0', true},
    {"help", 'h', false},
}};

RenderRequest read_request(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, render_options);
  RenderRequest request;
  request.compile = compile_options_from(arguments);
  request.render.strict = arguments.has("strict");
  request.each = arguments.has("each");
  if (const auto schema = arguments.value("schema")) {
    office::schema_file_for(*schema);  // an unknown kind is refused before anything is read
    request.schema_kind = *schema;
  }

  const auto& positionals = arguments.positionals();
  const std::size_t expected = request.each ? 1 : 2;
  if (positionals.size() != expected) {
    throw UsageError(request.each ? "render --each takes one TEMPLATE and no DATA file"
                                  : "render takes a TEMPLATE and a DATA file");
  }
  request.template_path = positionals[0];
  request.data_path = request.each ? *arguments.value("each") : positionals[1];
  if (request.template_path == "-") throw UsageError("the TEMPLATE must be a file, not stdin");

  const auto output = arguments.value("output");
  if (!output) throw UsageError("render needs -o OUTPUT");
  request.output_pattern = *output;
  if (request.each && request.output_pattern.find("{{") == std::string::npos) {
    throw UsageError(
        "with --each, -o must name each document from its record, e.g. "
        "-o 'out/{{case_ref}}.docx'");
  }

  const unsigned every_core = std::max(1U, std::thread::hardware_concurrency());
  if (request.each) request.jobs = every_core;  // records are independent: use the machine
  if (const auto jobs = arguments.value("jobs")) {
    if (!request.each) throw UsageError("-j applies only to render --each");
    request.jobs = parse_count("-j", *jobs);
    if (request.jobs == 0) request.jobs = every_core;
  }
  return request;
}

// The data for one document, or nothing after printing why not.
std::optional<nlohmann::json> read_data(const std::string& path) {
  const std::string source = office::display_name(path);
  const std::string text = office::read_input(path);
  try {
    auto data = office::parse_json_document(text, source);
    if (data.is_object()) return data;
    std::cerr << source << ": the data must be one JSON object ({...}); for many records use "
              << "render --each\n";
  } catch (const office::JsonInputError& error) {
    std::cerr << error.what() << '\n';
  }
  return std::nullopt;
}

}  // namespace

void refuse_schema_errors(const templating::Template& compiled, const RenderRequest& request,
                          const std::string& schema_kind) {
  const auto errors = office::schema_errors(compiled, schema_kind);
  if (errors.empty()) return;
  office::print_diagnostics(std::cerr, request.template_path, errors);
  throw CommandFailure(ExitCode::bad_input,
                       office::schema_refusal_advice(request.template_path, schema_kind));
}

ExitCode render_one(const RenderRequest& request) {
  office::OutputPattern pattern(request.output_pattern);
  const std::string source = office::display_name(request.data_path);

  // Template and data are both checked before giving up, so one run shows every problem.
  const auto compiled = office::compile_template(request.template_path, request.compile, std::cerr);
  auto data = read_data(request.data_path);
  // --schema says what the data is; without it, a valid case file is known to be a case.
  const std::string schema_kind = !request.schema_kind.empty()
                                      ? request.schema_kind
                                      : (data ? office::recognised_schema_kind(*data) : "");
  if (data)
    office::add_code_labels_for_guessed_kind(*data);  // words beside codes, for any template
  if (compiled && !schema_kind.empty()) refuse_schema_errors(*compiled, request, schema_kind);
  if (!compiled || !data) {
    // Without data, only a fixed -o names the file that was left as it was.
    const bool fixed_name = request.output_pattern.find("{{") == std::string::npos;
    throw CommandFailure(
        ExitCode::bad_input,
        fixed_name ? office::unchanged_output_note(request.output_pattern) : "nothing written");
  }

  std::filesystem::path output;
  try {
    output = pattern.path_for(*data);
  } catch (const office::OutputNameError& error) {
    throw CommandFailure(ExitCode::bad_input, source + ": " + error.what() + "; nothing written");
  }
  office::refuse_overwriting_input(output, request.template_path, "template");
  if (request.data_path != "-")
    office::refuse_overwriting_input(output, request.data_path, "data file");

  std::string document;
  templating::RenderReport report;
  try {
    document = compiled->render(*data, request.render, &report);
  } catch (const templating::RenderError& error) {
    office::print_diagnostics(std::cerr, source, error.diagnostics());
    throw CommandFailure(ExitCode::bad_input, office::unchanged_output_note(output));
  }
  office::print_diagnostics(std::cerr, source, report.warnings);
  office::write_output(output, document);
  std::cout << "wrote " << output.string() << '\n';
  return ExitCode::success;
}

ExitCode run_render(std::span<const std::string> words) {
  const RenderRequest request = read_request(words);
  return request.each ? render_each(request) : render_one(request);
}

}  // namespace panelpack::cli
