#include "templating/value_text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

#include "text/utf8.hpp"

namespace panelpack::templating {

std::string value_to_text(const nlohmann::json* value) {
  if (value == nullptr) return {};
  switch (value->type()) {
    case nlohmann::json::value_t::string:
      return value->get_ref<const std::string&>();
    case nlohmann::json::value_t::boolean:
      return value->get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return value->dump();
    default:
      return {};
  }
}

bool is_truthy(const nlohmann::json* value) {
  if (value == nullptr) return false;
  switch (value->type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return false;
    case nlohmann::json::value_t::boolean:
      return value->get<bool>();
    case nlohmann::json::value_t::string:
      return !value->get_ref<const std::string&>().empty();
    case nlohmann::json::value_t::array:
      return !value->empty();
    default:
      return true;
  }
}

namespace {

// Bytes that end a run of text copied as is: markup characters, every C0 control, and the
// first byte of a multi-byte sequence (which must be validated).
constexpr std::array<bool, 256> make_special_bytes() {
  std::array<bool, 256> special{};
  for (std::size_t byte = 0; byte < 0x20; ++byte) special[byte] = true;
  for (std::size_t byte = 0x80; byte < 0x100; ++byte) special[byte] = true;
  for (const unsigned char c : {'&', '<', '>', '"', '\''}) special[c] = true;
  return special;
}

constexpr std::array<bool, 256> kSpecialByte = make_special_bytes();

// Length of the well-formed UTF-8 character at text[pos] that XML 1.0 allows, or 0 when the
// byte starts no such character (invalid, overlong, surrogate, U+FFFE, U+FFFF).
std::size_t allowed_utf8_length(std::string_view text, std::size_t pos) {
  const text::Utf8Char character = text::decode_utf8(text, pos);
  if (character.code_point == 0xFFFE || character.code_point == 0xFFFF) return 0;
  return character.length;
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text, const TextEscapes& escapes,
                        bool starts_paragraph) {
  out.reserve(out.size() + text.size());
  std::size_t run_start = 0;
  std::size_t pos = 0;
  const auto flush_run = [&] { out.append(text.data() + run_start, pos - run_start); };
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (!kSpecialByte[byte]) {
      const bool collapsible =
          pos == 0 ? starts_paragraph : text[pos - 1] == ' ';  // ODF would drop this space
      if (byte != ' ' || escapes.repeated_space.empty() || !collapsible) {
        ++pos;
        continue;
      }
      flush_run();
      out += escapes.repeated_space;
      run_start = ++pos;
      continue;
    }
    if (byte >= 0x80) {
      // A valid sequence stays in the current run; a bad byte is dropped alone, so a valid
      // character right after it survives.
      if (const std::size_t length = allowed_utf8_length(text, pos); length != 0) {
        pos += length;
        continue;
      }
      flush_run();
      run_start = ++pos;
      continue;
    }
    flush_run();
    std::size_t consumed = 1;
    switch (byte) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        if (pos + 1 < text.size() && text[pos + 1] == '\n') consumed = 2;
        out += escapes.line_break;
        break;
      case '\n':
        out += escapes.line_break;
        break;
      case '\t':
        out += escapes.tab;
        break;
      default:
        break;  // Other C0 controls, NUL included, are not XML characters: dropped.
    }
    pos += consumed;
    run_start = pos;
  }
  flush_run();
}

}  // namespace panelpack::templating
