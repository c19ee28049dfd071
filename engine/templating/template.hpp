#pragma once
// The public face of the engine: compile a DOCX package once, render it many times.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "templating/diagnostics.hpp"

namespace panelpack::templating {

// The tag delimiters a part starts with; `{{=<% %>=}}` may change them inside a part.
struct Delimiters {
  std::string open = "{{";
  std::string close = "}}";
};

struct CompileOptions {
  Delimiters delimiters;
};

struct RenderOptions {
  // A missing field is an error naming its path, and nothing is produced.
  bool strict = false;
};

// A tag found in the template, for `check` and for schema checks.
struct TagInfo {
  enum class Kind { value, section, inverted_section, close, comment, set_delimiters };
  Kind kind = Kind::value;
  std::string text;  // as typed, delimiters included
  std::string path;  // dotted name ("child.name", "." or "@index"); empty for comments
  std::vector<std::string> scope;  // names of the sections it sits in, outermost first
  std::vector<std::string> filters;
  std::string part;
  int paragraph = 0;
  std::string excerpt;  // the paragraph's text, shortened, for messages about this tag
  Location location;    // where, in Word's terms (diagnostics.hpp)
};

// What a render noticed without refusing: values a filter could not read, for example.
struct RenderReport {
  std::vector<Diagnostic> warnings;
};

struct CompiledTemplate;  // the parts' programs; defined in template.cpp

class Template {
 public:
  // Opens and compiles a package held in memory. Throws PackageError or TemplateError
  // (every template error at once).
  static Template compile(std::string package_bytes, const CompileOptions& options = {});
  static Template compile_file(const std::filesystem::path& path,
                               const CompileOptions& options = {});

  // Renders a new package (zip bytes). Const and thread-safe: many threads may render one
  // Template at once. Throws RenderError under strict mode when fields are missing.
  std::string render(const nlohmann::json& data, const RenderOptions& options = {},
                     RenderReport* report = nullptr) const;

  const std::vector<Diagnostic>& warnings() const;
  const std::vector<TagInfo>& tags() const;

 private:
  explicit Template(std::shared_ptr<const CompiledTemplate> compiled);
  std::shared_ptr<const CompiledTemplate> compiled_;
};

// The report `panelpack check` prints: every tag, every error and warning. Never throws a
// TemplateError (errors are in the report); throws PackageError for an unusable file.
struct CheckReport {
  std::vector<TagInfo> tags;
  std::vector<Diagnostic> diagnostics;
  bool has_errors() const;
};
CheckReport check(std::string package_bytes, const CompileOptions& options = {});

}  // namespace panelpack::templating
