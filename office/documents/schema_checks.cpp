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

templating::Diagnostic value_not_text(const templating::TagInfo& tag,
                                      const validation::Field& field) {
  templating::Diagnostic diagnostic = located(tag);
  diagnostic.code = "value_not_text";
  diagnostic.severity = templating::Severity::warning;
  diagnostic.message = validation::display_path(field) + " is a " +
                       std::string(validation::kind_label(field.kind)) +
                       ", which prints nothing as a value";
  diagnostic.hint =
      "name one of its fields ('panelpack fields' lists them), or repeat over it "
      "with {{#" +
      tag.path + "}}…{{/" + tag.path + "}}";
  return diagnostic;
}

templating::Diagnostic yes_no_as_true_false(const templating::TagInfo& tag) {
  templating::Diagnostic diagnostic = located(tag);
  diagnostic.code = "yes_no_prints_true_false";
  diagnostic.severity = templating::Severity::warning;
  diagnostic.message = tag.path + " is a yes/no field: on its own it prints true or false";
  diagnostic.hint = "add | yesno (Yes/No) or | checkbox (a ticked or empty box)";
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
    if (field == nullptr) continue;
    using validation::FieldKind;
    if (tag.kind == templating::TagInfo::Kind::value) {
      if (field->kind == FieldKind::list || field->kind == FieldKind::object) {
        diagnostics.push_back(value_not_text(tag, *field));
      } else if (field->kind == FieldKind::yes_no && tag.filters.empty()) {
        diagnostics.push_back(yes_no_as_true_false(tag));
      }
      continue;
    }
    if (tag.kind != templating::TagInfo::Kind::section) continue;
    if (field->kind != FieldKind::list && field->kind != FieldKind::object &&
        field->kind != FieldKind::yes_no && field->kind != FieldKind::any) {
      diagnostics.push_back(section_not_list(tag, *field));
    }
  }
  return diagnostics;
}

}  // namespace panelpack::cli
