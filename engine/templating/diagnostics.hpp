#pragma once
// What the engine says about a template or a render: stable codes with a location a person can act
// on.

#include <stdexcept>
#include <string>
#include <vector>

namespace panelpack::templating {

enum class Severity { error, warning };

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
};

// "word/document.xml, paragraph 12 ("Name: {{child.nmae}}"): tag {{x}}: message. hint"
std::string describe(const Diagnostic& diagnostic);

const char* to_string(Severity severity);

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
