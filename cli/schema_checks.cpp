#include "schema_checks.hpp"

namespace panelpack::cli {
namespace {

bool is_checked(const templating::TagInfo& tag) {
  using Kind = templating::TagInfo::Kind;
  return (tag.kind == Kind::value || tag.kind == Kind::section ||
          tag.kind == Kind::inverted_section) &&
         !tag.path.empty();
}

templating::Diagnostic located(const templating::TagInfo& tag) {
  templating::Diagnostic diagnostic;
  diagnostic.part = tag.part;
  diagnostic.paragraph = tag.paragraph;
  diagnostic.tag = tag.text;
  diagnostic.excerpt = tag.excerpt;
  return diagnostic;
}

templating::Diagnostic unknown_field(const templating::TagInfo& tag,
                                     const validation::FieldResolution& resolution,
                                     const std::string& kind) {
  templating::Diagnostic diagnostic = located(tag);
  diagnostic.code = "unknown_field";
  diagnostic.message = tag.path + " is not a field of the " + kind + " schema";
  diagnostic.hint = resolution.suggestion
                        ? "did you mean " + *resolution.suggestion + "? ('panelpack fields " +
                              kind + "' lists every field)"
                        : "check the spelling against 'panelpack fields " + kind + "'";
  return diagnostic;
}

templating::Diagnostic section_not_list(const templating::TagInfo& tag,
                                        const validation::Field& field) {
  templating::Diagnostic diagnostic = located(tag);
  diagnostic.code = "section_not_list";
  diagnostic.severity = templating::Severity::warning;
  diagnostic.message = "this section is over " + validation::display_path(field) + " (" +
                       std::string(validation::kind_label(field.kind)) +
                       "), not a list: it shows its contents once, when the field has a value";
  diagnostic.hint = "sections repeat over lists; keep it only if you mean 'when there is a value'";
  return diagnostic;
}

}  // namespace

std::vector<templating::Diagnostic> schema_diagnostics(const std::vector<templating::TagInfo>& tags,
                                                       const validation::FieldCatalogue& catalogue,
                                                       const std::string& kind) {
  std::vector<templating::Diagnostic> diagnostics;
  for (const auto& tag : tags) {
    if (!is_checked(tag)) continue;
    const auto resolution = catalogue.resolve(tag.path, tag.scope);
    if (!resolution.found) {
      diagnostics.push_back(unknown_field(tag, resolution, kind));
      continue;
    }
    const validation::Field* field = resolution.field;
    if (tag.kind != templating::TagInfo::Kind::section || field == nullptr) continue;
    using validation::FieldKind;
    if (field->kind != FieldKind::list && field->kind != FieldKind::object &&
        field->kind != FieldKind::yes_no && field->kind != FieldKind::any) {
      diagnostics.push_back(section_not_list(tag, *field));
    }
  }
  return diagnostics;
}

}  // namespace panelpack::cli
