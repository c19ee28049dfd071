#include "arguments/arguments.hpp"

#include <algorithm>
#include <charconv>

#include "exit_codes.hpp"

namespace panelpack::cli {
namespace {

const OptionSpec* find_long(std::span<const OptionSpec> options, const std::string& name) {
  const auto found = std::find_if(options.begin(), options.end(),
                                  [&](const OptionSpec& spec) { return spec.name == name; });
  return found == options.end() ? nullptr : &*found;
}

const OptionSpec* find_short(std::span<const OptionSpec> options, char name) {
  const auto found = std::find_if(options.begin(), options.end(), [&](const OptionSpec& spec) {
    return spec.short_name != '\0' && spec.short_name == name;
  });
  return found == options.end() ? nullptr : &*found;
}

}  // namespace

Arguments Arguments::parse(std::span<const std::string> words,
                           std::span<const OptionSpec> options) {
  Arguments parsed;
  bool options_ended = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    // A lone "-" is a positional argument: standard input.
    if (options_ended || word.size() < 2 || word[0] != '-') {
      parsed.positionals_.push_back(word);
      continue;
    }
    if (word == "--") {
      options_ended = true;
      continue;
    }

    const OptionSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    std::string shown = word;
    if (word.starts_with("--")) {
      std::string name = word.substr(2);
      if (const auto equals = name.find('='); equals != std::string::npos) {
        inline_value = name.substr(equals + 1);
        name.resize(equals);
        shown = "--" + name;
      }
      spec = find_long(options, name);
    } else {
      // "-j4" is "-j 4".
      spec = find_short(options, word[1]);
      shown = word.substr(0, 2);
      if (word.size() > 2) inline_value = word.substr(2);
    }
    if (spec == nullptr) throw UsageError("unknown option " + shown);
    if (parsed.options_.contains(spec->name) && !spec->repeatable) {
      throw UsageError("option --" + spec->name + " is given more than once");
    }

    if (!spec->takes_value) {
      if (inline_value) throw UsageError("option " + shown + " takes no value");
      parsed.options_[spec->name] = "";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= words.size()) throw UsageError("option " + shown + " needs a value");
      inline_value = words[++i];
    }
    parsed.options_[spec->name] = *inline_value;
    parsed.repeated_[spec->name].push_back(*inline_value);
  }
  return parsed;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  const auto found = options_.find(name);
  if (found == options_.end()) return std::nullopt;
  return found->second;
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  const auto found = repeated_.find(name);
  if (found == repeated_.end()) return {};
  return found->second;
}

unsigned parse_count(const std::string& option, const std::string& text) {
  unsigned count = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, count);
  if (text.empty() || error != std::errc{} || stop != end) {
    throw UsageError("option " + option + " needs a whole number, not '" + text + "'");
  }
  return count;
}

}  // namespace panelpack::cli
