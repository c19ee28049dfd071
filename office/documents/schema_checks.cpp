#include "office/documents/schema_checks.hpp"

#include <string>
#include <utility>

namespace panelpack::office {
namespace {

bool is_checked(const templating::TagInfo& tag) {
  using Kind = templating::TagInfo::Kind;
  return (tag.kind == Kind::value || tag.kind == Kind::section ||
          tag.kind == Kind::inverted_section) &&
         !tag.path.empty();
}

// A diagnostic at the tag's place in the template.
templating::Diagnostic at_tag(const templating::TagInfo& tag, std::string code,
                              templating::Severity severity, std::string message,
                              std::string hint) {
  templating::Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.severity = severity;
  diagnostic.part = tag.part;
  diagnostic.paragraph = tag.paragraph;
  diagnostic.tag = tag.text;
  diagnostic.excerpt = tag.excerpt;
  diagnostic.location = tag.location;
  diagnostic.message = std::move(message);
  diagnostic.hint = std::move(hint);
  return diagnostic;
}

templating::Diagnostic unknown_field(const templating::TagInfo& tag,
                                     const validation::FieldResolution& resolution,
                                     const std::string& kind) {
  return at_tag(tag, "unknown_field", templating::Severity::error,
                tag.path + " is not a field of the " + kind + " schema",
                resolution.suggestion
                    ? "did you mean " + *resolution.suggestion + "? ('panelpack fields " + kind +
                          "' lists every field)"
                    : "check the spelling against 'panelpack fields " + kind + "'");
}

templating::Diagnostic section_not_list(const templating::TagInfo& tag,
                                        const validation::Field& field) {
  return at_tag(tag, "section_not_list", templating::Severity::warning,
                "this section is over " + validation::display_path(field) + " (" +
                    std::string(validation::kind_label(field.kind)) +
                    "), not a list: it shows its contents once, when the field has a value",
                "sections repeat over lists; keep it only if you mean 'when there is a value'");
}

templating::Diagnostic value_not_text(const templating::TagInfo& tag,
                                      const validation::Field& field) {
  return at_tag(tag, "value_not_text", templating::Severity::warning,
                validation::display_path(field) + " is a " +
                    std::string(validation::kind_label(field.kind)) +
                    ", which prints nothing as a value",
                "name one of its fields ('panelpack fields' lists them), or repeat over it "
                "with {{#" +
                    tag.path + "}}…{{/" + tag.path + "}}");
}

templating::Diagnostic yes_no_as_true_false(const templating::TagInfo& tag) {
  return at_tag(tag, "yes_no_prints_true_false", templating::Severity::warning,
                tag.path + " is a yes/no field: on its own it prints true or false",
                "add | yesno (Yes/No) or | checkbox (a ticked or empty box)");
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

}  // namespace panelpack::office
