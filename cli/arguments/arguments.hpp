#pragma once
// A small command-line parser: long and short options, `--name=value`, `--` ends options.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace panelpack::cli {

// One option a command accepts.
struct OptionSpec {
  std::string name;        // long name without dashes, e.g. "delimiters"
  char short_name = '\0';  // e.g. 'o'; '\0' when there is none
  bool takes_value = false;
  bool repeatable = false;  // may be given more than once (--panel a --panel b): see values()
};

// The command line split into options and positional arguments.
class Arguments {
 public:
  // Throws UsageError for an unknown option, a missing value or an option given twice.
  static Arguments parse(std::span<const std::string> words, std::span<const OptionSpec> options);

  bool has(const std::string& name) const { return options_.contains(name); }
  // The value of an option that takes one, if given.
  std::optional<std::string> value(const std::string& name) const;
  // Every value of a repeatable option, in the order given.
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::string> options_;
  std::map<std::string, std::vector<std::string>> repeated_;
  std::vector<std::string> positionals_;
};

// Parses a count such as `-j 4`; throws UsageError naming the option when it is not one.
unsigned parse_count(const std::string& option, const std::string& text);

}  // namespace panelpack::cli
