#include "templating/diagnostics.hpp"

#include <algorithm>
#include <utility>

namespace panelpack::templating {
namespace {

std::string summarise(const std::vector<Diagnostic>& diagnostics, const char* what) {
  std::string text = std::to_string(diagnostics.size()) + " " + what;
  if (!diagnostics.empty()) text += ": " + describe(diagnostics.front());
  if (diagnostics.size() > 1) text += " (and " + std::to_string(diagnostics.size() - 1) + " more)";
  return text;
}

}  // namespace

const char* to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::string describe(const Diagnostic& d) {
  std::string text = d.part;
  if (d.paragraph > 0) text += ", paragraph " + std::to_string(d.paragraph);
  if (!d.excerpt.empty()) text += " (\"" + d.excerpt + "\")";
  if (!text.empty()) text += ": ";
  text += to_string(d.severity);
  text += " [" + d.code + "]";
  if (!d.tag.empty()) text += " " + d.tag;
  text += ": " + d.message;
  if (!d.hint.empty()) text += " \xE2\x80\x94 " + d.hint;  // an em dash before what to do
  return text;
}

std::string describe_location(const Location& where) {
  std::vector<std::string> pieces;
  if (!where.container.empty()) pieces.push_back(where.container);
  if (!where.heading.empty()) pieces.push_back("under '" + where.heading + "'");
  if (where.in_text_box) pieces.push_back("in a text box");
  if (!where.table.empty() || where.row > 0) {
    pieces.push_back(where.table.empty() ? "a table" : "table '" + where.table + "'");
    if (where.row > 0) {
      pieces.push_back(where.row_label.empty() ? "row " + std::to_string(where.row)
                                               : "row '" + where.row_label + "'");
    }
    if (where.cell > 0) {
      if (where.cells_in_row == 2) {
        pieces.push_back(where.cell == 1 ? "left-hand cell" : "right-hand cell");
      } else if (where.cells_in_row > 2) {
        pieces.push_back("cell " + std::to_string(where.cell) + " of " +
                         std::to_string(where.cells_in_row));
      }
    }
  }
  std::string text;
  for (const std::string& piece : pieces) text += (text.empty() ? "" : ", ") + piece;
  return text;
}

void sort_in_document_order(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.location.order < b.location.order; });
}

TemplateError::TemplateError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics, "template error(s)")),
      diagnostics_(std::move(diagnostics)) {}

PackageError::PackageError(std::string code, std::string where, const std::string& message)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      code_(std::move(code)),
      where_(std::move(where)) {}

RenderError::RenderError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics, "render error(s)")),
      diagnostics_(std::move(diagnostics)) {}

}  // namespace panelpack::templating
