#pragma once
// Parsing JSON as nlohmann does, but refusing what it accepts silently or reports without a
// place: a key given twice in one object (nlohmann keeps the last), a number too large for a
// double (an exception without a position), and a string too large to fill a document with.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace panelpack::office {

// The most text one string value may hold, and the most line breaks and tabs it may hold
// (each becomes markup in a document: ten million tabs made an 839 MB document).
inline constexpr std::size_t max_value_bytes = 1U << 20;
inline constexpr std::size_t max_value_breaks = 10'000;

// Why the text was refused, and where (byte offsets into the text parsed).
struct JsonFault {
  enum class Kind { syntax, number_too_large, duplicate_key, value_too_large };
  Kind kind = Kind::syntax;
  std::size_t offset = 0;
  std::string syntax_error;      // for Kind::syntax: nlohmann's message (it may quote the text)
  std::string pointer;           // the value at fault (the repeated member, for a key)
  std::size_t first_offset = 0;  // for Kind::duplicate_key: the key's first occurrence
  std::string problem;           // for Kind::value_too_large: what is too large
};

struct StrictParse {
  nlohmann::json document;
  std::optional<JsonFault> fault;  // set when the text was refused; document is then null
};

// Parses one JSON text (UTF-8 already checked by the caller).
StrictParse parse_strict_json(std::string_view text);

}  // namespace panelpack::office
