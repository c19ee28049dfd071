#pragma once
// What the engine says about a template or a render: stable codes with a location a person can act
// on.

#include <stdexcept>
#include <string>
#include <vector>

namespace panelpack::templating {

enum class Severity { error, warning };

// Where something is, in the words a Word user sees on the page (never XML part names). Every
// field is empty or 0 when it does not apply: a paragraph of the main text outside any table
// has only `heading` (if a heading stands above it) and `order`.
struct Location {
  // The kind of place, when it is not the main text: "footnote 1", "endnote 2", "comment 3",
  // "the header of section 2", "the first-page footer of section 1", "the header of page style
  // 'Default Page Style'" (ODT), "document properties". Empty for the main text.
  std::string container;
  bool in_text_box = false;  // inside a text box (or frame) in that container
  // The text of the nearest heading above, in the same part (Word's Heading styles, ODT's
  // text:h), shortened. Empty when no heading stands above.
  std::string heading;
  // The table's name: the text of its first row's first cell, shortened. Empty outside tables.
  std::string table;
  int row = 0;            // 1-based row of that table
  std::string row_label;  // the row's first cell's text, shortened
  int cell = 0;           // 1-based cell in its row
  int cells_in_row = 0;   // so 2 of 2 can be said "right-hand cell"
  // Position in the whole document, for sorting across parts: main text first in reading
  // order, then headers and footers by section, then footnotes and endnotes, then properties.
  long order = 0;
};

// One problem found in a template (or, for render warnings, in the data it was given).
struct Diagnostic {
  std::string code;  // stable identifier, e.g. "unclosed_section"
  Severity severity = Severity::error;
  std::string part;     // file name inside the package, e.g. "word/header1.xml"
  int paragraph = 0;    // 1-based among the part's paragraphs; 0 when not tied to one
  std::string excerpt;  // the paragraph's text, shortened
  std::string tag;      // the tag as typed, delimiters included
  std::string message;  // what is wrong
  std::string hint;     // what to do about it
  Location location;    // where, in Word's terms
  // A name the person probably meant ("child.name"): close to what was typed, never equal to
  // it, and a field at that point of the template. Empty when there is no good guess.
  std::string suggestion;
  // The tag written out as it should be ("{{child.dob | date}}"), when the fix is certain
  // enough to copy. Empty otherwise.
  std::string fix;
};

// "word/document.xml, paragraph 12 ("Name: {{child.nmae}}"): tag {{x}}: message. hint"
std::string describe(const Diagnostic& diagnostic);

// The location in a Word user's words: "under 'Legal status', table 'Legal status', row
// 'Interpreter required', right-hand cell" or "footnote 1". Empty when nothing is known.
std::string describe_location(const Location& location);

const char* to_string(Severity severity);

// Sorts by location.order, keeping the order of equals: for lists merged from several sources
// (the engine's and the schema checks'), so they read top to bottom like the document.
void sort_in_document_order(std::vector<Diagnostic>& diagnostics);

// The template could not be compiled: every error found, thrown together.
class TemplateError : public std::runtime_error {
 public:
  explicit TemplateError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// The file is not a package the engine can safely open (not a zip, unsafe entry names,
// a zip bomb, malformed or DTD-bearing XML). `code` is stable, `where` names the entry.
class PackageError : public std::runtime_error {
 public:
  PackageError(std::string code, std::string where, const std::string& message);
  const std::string& code() const noexcept { return code_; }
  const std::string& where() const noexcept { return where_; }

 private:
  std::string code_;
  std::string where_;
};

// Rendering refused (strict mode: fields missing from the data). Nothing was produced.
class RenderError : public std::runtime_error {
 public:
  explicit RenderError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace panelpack::templating
