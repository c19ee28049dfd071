#pragma once
// UTF-8 as the Unicode Standard defines it (Table 3-7): one decoder for the whole project.
// A byte that starts no well-formed sequence (a stray continuation byte, an overlong form, a
// surrogate, past U+10FFFF, cut short) is one bad byte; what follows it is read afresh.

#include <cstddef>
#include <string>
#include <string_view>

namespace panelpack::text {

// True for 10xxxxxx, a byte that continues a sequence and never starts a character.
constexpr bool is_utf8_continuation(char byte) noexcept {
  return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

// One character read from UTF-8 text.
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;  // bytes; 0 when text[at] starts no well-formed sequence
};

// The character that starts at text[at] (`at` < text.size()); length 0 when the byte is bad.
Utf8Char decode_utf8(std::string_view text, std::size_t at) noexcept;

// The offset of the first bad byte, or std::string_view::npos when `text` is all valid UTF-8.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

// `text` with every bad byte replaced by U+FFFD, so that it is valid UTF-8.
std::string replace_invalid_utf8(std::string_view text);

// The length of the longest prefix of `text` of at most `max_bytes` bytes that does not cut a
// character in two.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept;

}  // namespace panelpack::text
