#include "office/documents/schema_checks.hpp"

#include <iterator>
#include <map>
#include <string>
#include <utility>

#include "office/documents/filter_fit.hpp"
#include "office/documents/section_recovery.hpp"

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

// The tag as typed with `name` in place of its name: delimiters, sigil and filters kept.
std::string with_name(const templating::TagInfo& tag, const std::string& name) {
  std::string text = tag.text;
  const std::size_t at = text.find(tag.path);
  if (at == std::string::npos) return "";
  return text.replace(at, tag.path.size(), name);
}

// "{{#child.siblings}}" and "{{/child.siblings}}" in the delimiters the tag was typed with.
std::pair<std::string, std::string> loop_tags(const templating::TagInfo& tag,
                                              const std::string& list) {
  const std::size_t at = tag.text.find(tag.path);
  const std::string open = at == std::string::npos ? "{{" : tag.text.substr(0, at);
  const std::string end = tag.text.size() < 2 ? "}}" : tag.text.substr(tag.text.size() - 2);
  std::string bare_open = open;
  if (!bare_open.empty() && (bare_open.back() == '#' || bare_open.back() == '^'))
    bare_open.pop_back();
  return {bare_open + "#" + list + end, bare_open + "/" + list + end};
}

templating::Diagnostic unknown_field(const templating::TagInfo& tag,
                                     const validation::FieldResolution& resolution,
                                     const std::string& kind) {
  auto diagnostic =
      at_tag(tag, "unknown_field", templating::Severity::error,
             tag.path + " is not a field of the " + kind + " schema",
             resolution.suggestion ? "did you mean " + *resolution.suggestion +
                                         "? ('panelpack fields " + kind + "' lists every field)"
                                   : "check the spelling against 'panelpack fields " + kind + "'");
  if (resolution.suggestion) {
    diagnostic.suggestion = *resolution.suggestion;
    diagnostic.fix = with_name(tag, *resolution.suggestion);
  }
  return diagnostic;
}

templating::Diagnostic outside_its_list(const templating::TagInfo& tag,
                                        const std::vector<validation::ListMember>& members) {
  const validation::ListMember& member = members.front();
  const auto [open, close] = loop_tags(tag, member.list);
  if (tag.path != member.item_name) {  // typed through the list: {{child.siblings.name}}
    auto diagnostic = at_tag(
        tag, "field_outside_its_list", templating::Severity::error,
        member.list + " is a list: " + member.item_name + " is a field of each of its items",
        "write " + open + with_name(tag, member.item_name) + close + " to print it for every item");
    diagnostic.fix = open + with_name(tag, member.item_name) + close;
    return diagnostic;
  }
  std::string lists = member.list;
  for (std::size_t i = 1; i < members.size(); ++i) {
    lists += (i + 1 == members.size() ? " or " : ", ") + members[i].list;
  }
  return at_tag(tag, "field_outside_its_list", templating::Severity::error,
                tag.path + " is a field of each " + lists + " item, not of the whole " + "document",
                members.size() == 1
                    ? "put it between " + open + " and " + close
                    : "put it between the open and close tags of the list you mean (" + open +
                          " and " + close + ", for example)");
}

templating::Diagnostic filter_does_not_fit(const templating::TagInfo& tag,
                                           const validation::Field& field,
                                           const std::string& filter) {
  return at_tag(tag, "filter_does_not_fit", templating::Severity::warning,
                validation::display_path(field) + " is " +
                    std::string(validation::kind_label(field.kind)) + ", but | " + filter +
                    " reads " + what_filter_reads(filter) +
                    ": it prints the value as it is, with a warning",
                "remove | " + filter + ", or name the field you meant");
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

// What is wrong with one tag if it stands in `scope`; nothing when it fits there.
std::vector<templating::Diagnostic> judge(const templating::TagInfo& tag,
                                          const std::vector<std::string>& scope,
                                          const validation::FieldCatalogue& catalogue,
                                          const std::string& kind) {
  const auto resolution = catalogue.resolve(tag.path, scope);
  if (!resolution.found) {
    const auto members = catalogue.lists_holding(tag.path, scope);
    if (!members.empty()) return {outside_its_list(tag, members)};
    return {unknown_field(tag, resolution, kind)};
  }
  const validation::Field* field = resolution.field;
  if (field == nullptr) return {};
  using validation::FieldKind;
  if (tag.kind == templating::TagInfo::Kind::value) {
    if (field->kind == FieldKind::list || field->kind == FieldKind::object) {
      return {value_not_text(tag, *field)};
    }
    if (field->kind == FieldKind::yes_no && tag.filters.empty()) {
      return {yes_no_as_true_false(tag)};
    }
    if (const auto filter = filter_that_does_not_fit(*field, tag.filters)) {
      return {filter_does_not_fit(tag, *field, *filter)};
    }
    return {};
  }
  if (tag.kind != templating::TagInfo::Kind::section) return {};
  if (field->kind != FieldKind::list && field->kind != FieldKind::object &&
      field->kind != FieldKind::yes_no && field->kind != FieldKind::any) {
    return {section_not_list(tag, *field)};
  }
  return {};
}

struct Findings {
  std::vector<templating::Diagnostic> diagnostics;
  // For an unclosed section (its tag's index): the last later tag that fits only inside it,
  // where the author's loop most likely ends.
  std::map<std::size_t, std::size_t> meant_ends;
};

Findings find(const std::vector<templating::TagInfo>& tags,
              const validation::FieldCatalogue& catalogue, const std::string& kind) {
  Findings findings;
  const auto unclosed = unclosed_sections(tags);
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const templating::TagInfo& tag = tags[i];
    if (!is_checked(tag)) continue;
    const auto own_scope = scope_without_unclosed(tags, i, unclosed);
    auto found = judge(tag, own_scope, catalogue, kind);
    if (!found.empty() && own_scope != tag.scope &&
        judge(tag, tag.scope, catalogue, kind).empty()) {
      // It fits inside the section left open: the author meant it there, and the unclosed
      // section is the one message.
      for (const UnclosedSection& section : unclosed) {
        if (section.tag < i && i < section.end) findings.meant_ends[section.tag] = i;
      }
      continue;
    }
    findings.diagnostics.insert(findings.diagnostics.end(), std::make_move_iterator(found.begin()),
                                std::make_move_iterator(found.end()));
  }
  return findings;
}

}  // namespace

std::vector<templating::Diagnostic> schema_diagnostics(const std::vector<templating::TagInfo>& tags,
                                                       const validation::FieldCatalogue& catalogue,
                                                       const std::string& kind) {
  return find(tags, catalogue, kind).diagnostics;
}

void add_schema_diagnostics(templating::CheckReport& report,
                            const validation::FieldCatalogue& catalogue, const std::string& kind) {
  name_lists_missing_their_hash(report, catalogue);
  Findings findings = find(report.tags, catalogue, kind);
  for (const auto& [opener_index, last_index] : findings.meant_ends) {
    const templating::TagInfo& opener = report.tags[opener_index];
    const templating::TagInfo& last = report.tags[last_index];
    for (templating::Diagnostic& diagnostic : report.diagnostics) {
      if (diagnostic.code != "unclosed_section" || diagnostic.part != opener.part ||
          diagnostic.paragraph != opener.paragraph || diagnostic.tag != opener.text) {
        continue;
      }
      const std::string close =
          diagnostic.fix.empty() ? loop_tags(opener, opener.path).second : diagnostic.fix;
      diagnostic.fix = close;
      diagnostic.hint = "add " + close + " after " + last.text + " (in \"" + last.excerpt +
                        "\"), the last tag that belongs inside " + opener.text +
                        "; a section cannot continue into another header, footer or the body";
    }
  }
  report.diagnostics.insert(report.diagnostics.end(),
                            std::make_move_iterator(findings.diagnostics.begin()),
                            std::make_move_iterator(findings.diagnostics.end()));
}

}  // namespace panelpack::office
