#include "office/templates/template_check.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "office/bundled_schemas.hpp"
#include "office/documents/diagnostic_groups.hpp"
#include "office/documents/schema_checks.hpp"
#include "office/error.hpp"
#include "office/templates/table_cells.hpp"
#include "templating/template.hpp"
#include "templating/zip_archive.hpp"
#include "validation/field_catalogue.hpp"

namespace panelpack::office {
namespace {

std::size_t count(const std::vector<templating::Diagnostic>& diagnostics,
                  templating::Severity severity) {
  return static_cast<std::size_t>(std::count_if(
      diagnostics.begin(), diagnostics.end(),
      [severity](const auto& diagnostic) { return diagnostic.severity == severity; }));
}

// Which of the diagnostics' paragraphs are in table cells, part by part.
void mark_table_cells(const std::string& bytes, TemplateCheck& result) {
  std::set<std::string> parts;
  for (const auto& diagnostic : result.diagnostics) {
    if (diagnostic.paragraph > 0) parts.insert(diagnostic.part);
  }
  if (parts.empty()) return;
  try {
    const templating::ZipReader zip{std::string(bytes)};
    for (const auto& part : parts) {
      if (!zip.find(part)) continue;
      for (const int paragraph : paragraphs_in_table_cells(zip.read(part))) {
        result.table_cell_paragraphs.emplace(part, paragraph);
      }
    }
  } catch (const std::exception&) {
    // The engine opened it; should a part not read here, its mistakes are placed without cells.
  }
}

}  // namespace

std::optional<TemplateFormat> template_format(std::string_view bytes) {
  if (!bytes.starts_with("PK\x03\x04")) return std::nullopt;
  try {
    const templating::ZipReader zip{std::string(bytes)};
    // An ODF package names its type in a "mimetype" entry; a Word package has a main part.
    if (zip.find("mimetype")) {
      if (zip.read("mimetype") == "application/vnd.oasis.opendocument.text") {
        return TemplateFormat::odt;
      }
      return std::nullopt;
    }
    if (zip.find("[Content_Types].xml") && zip.find("word/document.xml")) {
      const std::string types = zip.read("[Content_Types].xml");
      if (types.find("wordprocessingml.document.main+xml") != std::string::npos) {
        return TemplateFormat::docx;
      }
    }
  } catch (const std::exception&) {
    // Not a zip, or one the reader refuses: no template either way.
  }
  return std::nullopt;
}

std::string_view extension_of(TemplateFormat format) {
  return format == TemplateFormat::docx ? ".docx" : ".odt";
}

std::string_view format_words(TemplateFormat format) {
  return format == TemplateFormat::docx ? "DOCX" : "ODT";
}

std::string schema_kind_of_template(std::string_view template_kind) {
  if (template_kind == "referral" || template_kind == "matching" ||
      template_kind == "finance-request") {
    return "case";
  }
  if (template_kind == "agenda") return "agenda";
  if (template_kind == "decision-record") return "decision";
  if (template_kind == "report") return "report";
  return "";
}

std::string place_words(std::string_view part) {
  return part_words(std::string(part));
}

std::size_t TemplateCheck::errors() const {
  return count(diagnostics, templating::Severity::error);
}

std::size_t TemplateCheck::warnings() const {
  return count(diagnostics, templating::Severity::warning);
}

TemplateCheck check_template(std::string bytes, std::string_view template_kind) {
  const std::string schema_kind = schema_kind_of_template(template_kind);
  if (schema_kind.empty()) {
    throw OfficeError(OfficeError::Code::bad_argument,
                      "there is no kind of template called '" + std::string(template_kind) + "'");
  }
  TemplateCheck result;
  result.format = template_format(bytes);
  if (!result.format) return result;
  templating::CheckReport report;
  try {
    report = templating::check(bytes);
  } catch (const templating::PackageError& error) {
    result.not_a_template = error.what();
    return result;
  }
  const auto catalogue = validation::FieldCatalogue::from_schema(office::bundled_schemas(),
                                                                 schema_file_for(schema_kind));
  add_schema_diagnostics(report, catalogue, schema_kind);
  result.diagnostics = std::move(report.diagnostics);
  put_in_document_order(result.diagnostics);
  mark_table_cells(bytes, result);
  return result;
}

}  // namespace panelpack::office
