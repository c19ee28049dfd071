#pragma once
// The options `render` and `check` share: the default delimiters.

#include <string>

#include "arguments/arguments.hpp"
#include "templating/template.hpp"

namespace panelpack::cli {

// "{ }" -> open "{", close "}": one argument, the two delimiters separated by a space.
// Throws UsageError for anything else.
templating::Delimiters parse_delimiters(const std::string& text);

// Compile options from `--delimiters`, when given.
templating::CompileOptions compile_options_from(const Arguments& arguments);

}  // namespace panelpack::cli
