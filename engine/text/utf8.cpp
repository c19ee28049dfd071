#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace panelpack::text {

Utf8Char decode_utf8(std::string_view text, std::size_t at) noexcept {
  // ICU's U8_NEXT checks every rule of Table 3-7; it counts in int32_t, so read at most the
  // four bytes a character can take.
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data() + at);
  const auto available = static_cast<std::int32_t>(std::min<std::size_t>(text.size() - at, 4));
  std::int32_t next = 0;
  UChar32 code_point = 0;
  U8_NEXT(bytes, next, available, code_point);
  if (code_point < 0) return {};
  return {static_cast<char32_t>(code_point), static_cast<std::size_t>(next)};
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  std::size_t at = 0;
  while (at < text.size()) {
    if (static_cast<unsigned char>(text[at]) < 0x80U) {
      ++at;
      continue;
    }
    const std::size_t length = decode_utf8(text, at).length;
    if (length == 0) return at;
    at += length;
  }
  return std::string_view::npos;
}

std::string replace_invalid_utf8(std::string_view text) {
  static constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
  std::string clean;
  clean.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t bad = find_invalid_utf8(text.substr(at));
    if (bad == std::string_view::npos) {
      clean.append(text.substr(at));
      break;
    }
    clean.append(text.substr(at, bad));
    clean.append(kReplacementCharacter);
    at += bad + 1;
  }
  return clean;
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && is_utf8_continuation(text[cut])) --cut;
  return cut;
}

}  // namespace panelpack::text
