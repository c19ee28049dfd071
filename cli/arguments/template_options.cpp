#include "arguments/template_options.hpp"

#include <sstream>
#include <vector>

#include "exit_codes.hpp"

namespace panelpack::cli {

templating::Delimiters parse_delimiters(const std::string& text) {
  std::istringstream words(text);
  std::vector<std::string> parts;
  for (std::string word; words >> word;) parts.push_back(word);
  if (parts.size() != 2) {
    throw UsageError(
        "--delimiters takes one argument: the opening and closing delimiters "
        "separated by a space, e.g. --delimiters \"{ }\"");
  }
  if (parts[0] == "=" || parts[1] == "=") {
    throw UsageError("--delimiters: '=' cannot be a delimiter");
  }
  return {parts[0], parts[1]};
}

templating::CompileOptions compile_options_from(const Arguments& arguments) {
  templating::CompileOptions options;
  if (const auto delimiters = arguments.value("delimiters")) {
    options.delimiters = parse_delimiters(*delimiters);
  }
  return options;
}

}  // namespace panelpack::cli
