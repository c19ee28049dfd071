#include "templating/template.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "templating/atomic_file.hpp"
#include "templating/link_addresses.hpp"
#include "templating/package_parts.hpp"
#include "templating/package_places.hpp"
#include "templating/part_compiler.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {

struct CompiledTemplate {
  explicit CompiledTemplate(std::string bytes) : package(std::move(bytes)) {}
  ZipReader package;
  std::vector<PartProgram> programs;
  std::vector<long> program_of_entry;  // -1: copied as it is
  std::vector<Diagnostic> warnings;
  std::vector<TagInfo> tags;
};

namespace {

struct Compilation {
  std::shared_ptr<CompiledTemplate> compiled;
  std::vector<Diagnostic> diagnostics;  // errors and warnings, part by part
};

Compilation compile_package(std::string bytes, const CompileOptions& options) {
  Compilation result;
  result.compiled = std::make_shared<CompiledTemplate>(std::move(bytes));
  CompiledTemplate& compiled = *result.compiled;
  compiled.program_of_entry.assign(compiled.package.entries().size(), -1);
  const std::vector<TemplatedPart> parts = templated_parts(compiled.package);
  const std::vector<PartPlace> places = part_places(compiled.package, parts);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const TemplatedPart& part = parts[p];
    const std::string xml = compiled.package.read(part.entry);
    const LinkTargets links = tagged_link_targets(compiled.package, part.name);
    PartCompileResult part_result =
        compile_part(xml, part.name, *part.format, options.delimiters, places[p], &links);
    for (auto& diagnostic : part_result.diagnostics) {
      result.diagnostics.push_back(std::move(diagnostic));
    }
    for (auto& tag : part_result.tags) compiled.tags.push_back(std::move(tag));
    if (part_result.program) {
      compiled.program_of_entry[part.entry] = static_cast<long>(compiled.programs.size());
      compiled.programs.push_back(std::move(*part_result.program));
    }
  }
  // Document order across parts: main text, headers and footers, notes, properties.
  sort_in_document_order(result.diagnostics);
  std::stable_sort(compiled.tags.begin(), compiled.tags.end(), [](const auto& a, const auto& b) {
    return a.location.order < b.location.order;
  });
  for (const auto& diagnostic : result.diagnostics) {
    if (diagnostic.severity == Severity::warning) compiled.warnings.push_back(diagnostic);
  }
  return result;
}

bool any_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

// A field missing inside a list is missing once per item: say it once, in document order.
std::vector<Diagnostic> unique_by_place(std::vector<Diagnostic> diagnostics) {
  sort_in_document_order(diagnostics);
  std::set<std::tuple<std::string, int, std::string, std::string>> seen;
  std::vector<Diagnostic> unique;
  for (auto& d : diagnostics) {
    if (seen.emplace(d.part, d.paragraph, d.tag, d.code).second) unique.push_back(std::move(d));
  }
  return unique;
}

}  // namespace

Template::Template(std::shared_ptr<const CompiledTemplate> compiled)
    : compiled_(std::move(compiled)) {}

Template Template::compile(std::string package_bytes, const CompileOptions& options) {
  Compilation compilation = compile_package(std::move(package_bytes), options);
  if (any_error(compilation.diagnostics)) {
    std::vector<Diagnostic> errors;
    for (auto& d : compilation.diagnostics) {
      if (d.severity == Severity::error) errors.push_back(std::move(d));
    }
    throw TemplateError(std::move(errors));
  }
  return Template(std::move(compilation.compiled));
}

Template Template::compile_file(const std::filesystem::path& path, const CompileOptions& options) {
  return compile(read_file(path), options);
}

std::string Template::render(const nlohmann::json& data, const RenderOptions& options,
                             RenderReport* report) const {
  const CompiledTemplate& compiled = *compiled_;
  RenderProblems problems;
  problems.strict = options.strict;
  std::vector<RenderedPart> rendered;
  rendered.reserve(compiled.programs.size());
  for (const PartProgram& program : compiled.programs) {
    rendered.push_back(program.render(data, problems));
  }
  if (!problems.missing.empty()) throw RenderError(unique_by_place(std::move(problems.missing)));
  if (report != nullptr) report->warnings = unique_by_place(std::move(problems.warnings));

  ZipWriter writer;
  const auto& entries = compiled.package.entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const long program = compiled.program_of_entry[i];
    if (program < 0) {
      writer.copy_raw(compiled.package, i);
    } else {
      const RenderedPart& part = rendered[static_cast<std::size_t>(program)];
      if (entries[i].stored) {
        writer.add(entries[i].name, part.text(), ZipWriter::Compression::store);
      } else {
        writer.add_deflated(entries[i].name, part.deflate());
      }
    }
  }
  return writer.finish();
}

const std::vector<Diagnostic>& Template::warnings() const {
  return compiled_->warnings;
}

const std::vector<TagInfo>& Template::tags() const {
  return compiled_->tags;
}

bool CheckReport::has_errors() const {
  return any_error(diagnostics);
}

CheckReport check(std::string package_bytes, const CompileOptions& options) {
  Compilation compilation = compile_package(std::move(package_bytes), options);
  CheckReport report;
  report.tags = compilation.compiled->tags;
  report.diagnostics = std::move(compilation.diagnostics);
  return report;
}

}  // namespace panelpack::templating
