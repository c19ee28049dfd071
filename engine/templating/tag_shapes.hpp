#pragma once
// Recognising the shape of a mistyped tag ({{child. name}}, {{child.dob date}}, an AutoCorrect
// dash for '|', three braces) and writing advice for it with the tag as it should be. Internal
// to the engine: the lexer asks for advice when a tag does not read.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace panelpack::templating {

struct TagAdvice {
  std::string message;  // what is wrong, in the shape it was typed
  std::string hint;     // what to do, with the fix written out
  std::string fix;      // the whole tag as it should be, delimiters included
};

// True when `body` (the text between the delimiters) reads as a sound tag.
using SoundBody = std::function<bool(std::string_view body)>;

// True when `name` (read as a field name) holds an AutoCorrect dash glued to a known filter's
// name: "child.dob\u2013date" is {{child.dob | date}} with its '|' turned into a dash.
bool is_filter_behind_glued_dash(std::string_view name);

// Advice for a tag whose `body` did not read, or nullopt when its shape is not one we know.
// `open` and `close` are the delimiters it was typed with.
std::optional<TagAdvice> advise_tag(std::string_view body, std::string_view open,
                                    std::string_view close, const SoundBody& is_sound);

}  // namespace panelpack::templating
