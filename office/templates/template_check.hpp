#pragma once
// A template file the administrator offers for one kind of document, checked as
// `panelpack check --schema KIND` checks it: the engine's errors and warnings and the schema's
// (schema_checks.hpp), in document order, each with where it is in the Word user's words.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "templating/diagnostics.hpp"

namespace panelpack::office {

enum class TemplateFormat { docx, odt };

// What the bytes are (a zip holding word/document.xml, or an ODF text document); nothing for
// anything else. Never the file's name.
std::optional<TemplateFormat> template_format(std::string_view bytes);
std::string_view extension_of(TemplateFormat format);  // ".docx", ".odt"
std::string_view format_words(TemplateFormat format);  // "DOCX", "ODT"

// The schema a kind of template is filled from: referral, matching and finance-request from a
// case file ("case"), agenda from the agenda data ("agenda"), decision-record from a decision
// ("decision"), report from the report data ("report"). Empty for a kind panelpack does not know.
std::string schema_kind_of_template(std::string_view template_kind);

// "Main text", "Header", "Footer", "Footnote", "Endnote", "Comment" from the part's name
// ("word/header2.xml"); ODT's styles.xml holds its headers and footers.
std::string place_words(std::string_view part);

struct TemplateCheck {
  std::optional<TemplateFormat> format;  // nothing: not a DOCX or ODT at all
  // Set when the file is no document panelpack can open (not a zip, a damaged package).
  std::optional<std::string> not_a_template;
  std::vector<templating::Diagnostic> diagnostics;  // errors and warnings, in document order
  // (part, paragraph) of the diagnostics' paragraphs that sit in a table cell.
  std::set<std::pair<std::string, int>> table_cell_paragraphs;
  bool in_table_cell(const templating::Diagnostic& diagnostic) const {
    return table_cell_paragraphs.count({diagnostic.part, diagnostic.paragraph}) > 0;
  }
  std::size_t errors() const;
  std::size_t warnings() const;
  bool installable() const { return format && !not_a_template && errors() == 0; }
};

// Checks `bytes` as a template of `template_kind` (a kind of template_kinds.hpp). Throws
// OfficeError (bad_argument) for an unknown kind.
TemplateCheck check_template(std::string bytes, std::string_view template_kind);

}  // namespace panelpack::office
