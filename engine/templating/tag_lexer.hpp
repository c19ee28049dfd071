#pragma once
// Finding Mustache tags in a paragraph's text and reading what each one says.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "templating/filters.hpp"
#include "templating/template.hpp"

namespace panelpack::templating {

enum class TagKind {
  value,           // {{name | filter}}
  section,         // {{#name}}
  inverted,        // {{^name}}
  close,           // {{/name}} or {{/}}
  comment,         // {{! ... }}
  set_delimiters,  // {{=<% %>=}}
  invalid,         // reported through `problem_code`
};

struct LexedTag {
  TagKind kind = TagKind::invalid;
  std::size_t begin = 0;  // byte offsets in the paragraph's text
  std::size_t end = 0;
  std::string text;  // as typed, delimiters included
  std::string name;  // dotted path, "." or "@index"; empty for {{/}} and comments
  std::vector<FilterCall> filters;
  std::string problem_code;  // for invalid: malformed_tag, raw_output_refused, unopened_tag...
  std::string problem;       // what is wrong
  std::string hint;          // what to do
  std::string fix;           // the tag as it should be, when its shape says so (tag_shapes)
  std::string suggestion;    // for unknown_filter: the filter most likely meant ("date")
  bool unclosed = false;     // invalid because its paragraph ends before its close delimiter
};

// Scans one paragraph's text. `delimiters` is the part's current pair; a set-delimiter tag
// changes it for the rest of the part (the caller keeps it between paragraphs).
std::vector<LexedTag> lex_paragraph(std::string_view text, Delimiters& delimiters);

// Splits "child.name" into its parts; "." stays whole.
std::vector<std::string> split_path(const std::string& name);

}  // namespace panelpack::templating
