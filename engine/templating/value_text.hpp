#pragma once
// Turning data values into document text that can never break the XML.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace panelpack::templating {

// How a value's string prints: strings as they are, numbers as JSON writes them (97.4),
// booleans true/false, null/missing/objects/arrays as nothing.
std::string value_to_text(const nlohmann::json* value);

// Mustache truthiness: false, null, missing, empty list and empty string are falsy;
// 0 and {} are truthy.
bool is_truthy(const nlohmann::json* value);

// The markup a line break and a tab become where the value lands (format data).
struct TextEscapes {
  std::string_view line_break;  // e.g. "</w:t><w:br/><w:t xml:space=\"preserve\">"
  std::string_view tab;         // e.g. "</w:t><w:tab/><w:t xml:space=\"preserve\">"
  // Where the format collapses runs of spaces (ODF), each space after a space is written
  // as this ("<text:s/>"); empty: spaces are written as they are.
  std::string_view repeated_space = {};
};

// Appends `text` to `out` escaped for XML character data: & < > " ' as entities, "\r\n",
// "\r" and "\n" as one line_break each, "\t" as tab, characters XML 1.0 forbids dropped
// (C0 controls, U+FFFE, U+FFFF, and any byte sequence that is not valid UTF-8). An embedded
// NUL is dropped, never cuts the value short.
// `starts_paragraph`: the value is the first text of its paragraph, where ODF would drop a
// leading space, so that one is written as repeated_space too.
void append_xml_escaped(std::string& out, std::string_view text, const TextEscapes& escapes,
                        bool starts_paragraph = false);

}  // namespace panelpack::templating
