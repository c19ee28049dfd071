#include "templating/tag_shapes.hpp"

#include <algorithm>
#include <array>

#include "templating/filters.hpp"

namespace panelpack::templating {
namespace {

// Characters Word's AutoCorrect (or a keyboard) puts where a '|' was meant.
struct Dash {
  std::string_view bytes;
  std::string_view name;
};
constexpr std::array<Dash, 3> kDashes = {{{"\xE2\x80\x93", "an en dash '\xE2\x80\x93'"},
                                          {"\xE2\x80\x94", "an em dash '\xE2\x80\x94'"},
                                          {"\xC2\xA6", "a broken bar '\xC2\xA6'"}}};

constexpr std::array<std::string_view, 6> kQuotes = {
    "\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99"};

bool is_space(char ch) {
  return ch == ' ' || ch == '\t';
}

// The part of the body before any quoted argument: names and filter names live there, so
// the repairs below never touch what is inside quotes ("d. MMMM").
std::size_t unquoted_length(std::string_view body) {
  std::size_t first = body.size();
  for (auto quote : kQuotes) first = std::min(first, body.find(quote));
  return first;
}

std::string trim_copy(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string tag_of(std::string_view open, std::string_view body, std::string_view close) {
  return std::string(open) + trim_copy(body) + std::string(close);
}

bool is_filter_name(std::string_view word) {
  for (const auto& name : known_filter_names()) {
    if (word == name) return true;
  }
  return false;
}

// {{child. ethnicity}}: spaces beside a dot go.
std::optional<std::string> without_spaces_by_dots(std::string_view body) {
  const std::size_t head = unquoted_length(body);
  std::string repaired;
  bool changed = false;
  for (std::size_t i = 0; i < head; ++i) {
    if (is_space(body[i])) {
      std::size_t j = i;
      while (j < head && is_space(body[j])) ++j;
      const bool after_dot = !repaired.empty() && repaired.back() == '.';
      const bool before_dot = j < head && body[j] == '.';
      if (after_dot || before_dot) {
        changed = true;
        i = j - 1;
        continue;
      }
    }
    repaired += body[i];
  }
  if (!changed) return std::nullopt;
  return repaired + std::string(body.substr(head));
}

// {{child.dob date}} or {{child.dob date:"d MMMM yyyy"}}: a known filter after a space.
std::optional<std::string> with_missing_pipe(std::string_view body) {
  const std::size_t head = std::min(unquoted_length(body), body.find('|'));
  std::size_t start = 0;
  while (start < head && is_space(body[start])) ++start;
  const std::size_t space = body.find_first_of(" \t", start);
  if (space == std::string_view::npos || space >= head) return std::nullopt;
  std::size_t word = space;
  while (word < head && is_space(body[word])) ++word;
  std::size_t word_end = word;
  while (word_end < body.size() && !is_space(body[word_end]) && body[word_end] != ':' &&
         body[word_end] != '|') {
    ++word_end;
  }
  if (!is_filter_name(body.substr(word, word_end - word))) return std::nullopt;
  return std::string(body.substr(0, space)) + " | " + std::string(body.substr(word));
}

// {{child.dob – date}}: AutoCorrect turned " | " into a dash (or it was typed as '¦').
std::optional<std::string> with_dashes_as_pipes(std::string_view body, std::string_view& which) {
  const std::size_t head = unquoted_length(body);
  std::string repaired;
  bool changed = false;
  for (std::size_t i = 0; i < head;) {
    bool matched = false;
    for (const Dash& dash : kDashes) {
      if (body.substr(i, dash.bytes.size()) == dash.bytes && i + dash.bytes.size() <= head) {
        while (!repaired.empty() && is_space(repaired.back())) repaired.pop_back();
        repaired += " | ";
        i += dash.bytes.size();
        while (i < head && is_space(body[i])) ++i;
        if (!changed) which = dash.name;
        changed = matched = true;
        break;
      }
    }
    if (!matched) repaired += body[i++];
  }
  if (!changed) return std::nullopt;
  return repaired + std::string(body.substr(head));
}

}  // namespace

bool is_filter_behind_glued_dash(std::string_view name) {
  for (const Dash& dash : kDashes) {
    const std::size_t at = name.find(dash.bytes);
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view after = name.substr(at + dash.bytes.size());
    if (is_filter_name(after.substr(0, after.find(dash.bytes)))) return true;
  }
  return false;
}

std::optional<TagAdvice> advise_tag(std::string_view body, std::string_view open,
                                    std::string_view close, const SoundBody& is_sound) {
  // Three braces: {{{child.name}}} (or {{{child.name}}) is two braces too many, not a wish
  // for raw XML. Only with the standard delimiters.
  if (open == "{{" && !body.empty() && body.front() == '{') {
    std::string_view inner = body.substr(1);
    if (!inner.empty() && inner.back() == '}') inner.remove_suffix(1);
    if (is_sound(inner) && inner.find_first_of("{}") == std::string_view::npos) {
      const std::string fix = tag_of(open, inner, close);
      return TagAdvice{"three braces were typed: a tag has two on each side",
                       "use two braces: " + fix, fix};
    }
    return std::nullopt;
  }
  std::string_view dash;
  if (auto repaired = with_dashes_as_pipes(body, dash)) {
    // The dash may hide a missing-space mistake as well: repair that too when it helps.
    std::optional<std::string> sound;
    if (is_sound(*repaired)) {
      sound = repaired;
    } else if (auto both = without_spaces_by_dots(*repaired); both && is_sound(*both)) {
      sound = both;
    }
    if (sound) {
      const std::string fix = tag_of(open, *sound, close);
      return TagAdvice{"Word turned the '|' into " + std::string(dash) +
                           " (AutoCorrect), so the filter is not read",
                       "type '|' (Shift and the key left of Z): write " + fix, fix};
    }
  }
  if (auto repaired = without_spaces_by_dots(body); repaired && is_sound(*repaired)) {
    const std::string fix = tag_of(open, *repaired, close);
    return TagAdvice{"there is a space beside a dot in the field's name",
                     "remove the space: " + fix, fix};
  }
  if (auto repaired = with_missing_pipe(body); repaired && is_sound(*repaired)) {
    const std::string fix = tag_of(open, *repaired, close);
    return TagAdvice{"the filter has no '|' before it, so it is read as part of the name",
                     "a filter follows a '|': write " + fix, fix};
  }
  return std::nullopt;
}

}  // namespace panelpack::templating
