#include "mailer/html_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace panelpack::mailer {
namespace {

std::string lower(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// One entity starting at html[at] == '&': appends what it stands for and returns its length, or
// 0 when it is not one we know (the '&' is then kept as written).
std::size_t decode_entity(std::string_view html, std::size_t at, std::string& out) {
  const std::size_t end = html.find(';', at);
  if (end == std::string_view::npos || end - at > 10) return 0;
  const std::string name = lower(html.substr(at + 1, end - at - 1));
  struct Named {
    const char* name;
    const char* text;
  };
  static constexpr std::array<Named, 8> kNamed = {{{"amp", "&"},
                                                   {"lt", "<"},
                                                   {"gt", ">"},
                                                   {"quot", "\""},
                                                   {"apos", "'"},
                                                   {"nbsp", " "},
                                                   {"ndash", "\xE2\x80\x93"},
                                                   {"rsquo", "\xE2\x80\x99"}}};
  for (const Named& named : kNamed) {
    if (name == named.name) {
      out += named.text;
      return end - at + 1;
    }
  }
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x';
    const std::string digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    std::uint32_t code = 0;
    for (char c : digits) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) ||
          (!hex && !std::isdigit(static_cast<unsigned char>(c)))) {
        return 0;
      }
      code = code * (hex ? 16 : 10) +
             static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                                    : c - 'a' + 10);
    }
    append_utf8(out, code);
    return end - at + 1;
  }
  return 0;
}

bool is_block_tag(const std::string& tag) {
  static constexpr std::array<const char*, 14> kBlocks = {
      "br", "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "h1", "h2", "h3", "/table", "hr"};
  return std::any_of(kBlocks.begin(), kBlocks.end(), [&](const char* b) { return tag == b; });
}

// Collapses runs of spaces and of more than one blank line, and trims every line.
std::string tidy(const std::string& text) {
  std::string out;
  std::size_t blank_lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line;
    for (std::size_t i = start; i < end; ++i) {
      const char c = text[i] == '\t' || text[i] == '\r' ? ' ' : text[i];
      if (c == ' ' && (line.empty() || line.back() == ' ')) continue;
      line += c;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      ++blank_lines;
    } else {
      if (!out.empty()) out += blank_lines > 0 ? "\n\n" : "\n";
      out += line;
      blank_lines = 0;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string text;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string tag = lower(html.substr(i + 1, close - i - 1));
      tag = tag.substr(0, tag.find_first_of(" \t\r\n/", tag[0] == '/' ? 1 : 0));
      i = close + 1;
      if (tag == "script" || tag == "style" || tag == "head") {
        // Their content is not text a person reads.
        const std::size_t end = lower(html.substr(i)).find("</" + tag);
        i = end == std::string::npos ? html.size() : i + end;
      } else if (is_block_tag(tag)) {
        text += '\n';
      } else if (tag == "td" || tag == "/td") {
        text += ' ';
      }
    } else if (c == '&') {
      const std::size_t used = decode_entity(html, i, text);
      if (used == 0) text += c;
      i += used == 0 ? 1 : used;
    } else {
      text += c == '\n' || c == '\r' ? ' ' : c;
      ++i;
    }
  }
  return tidy(text);
}

}  // namespace panelpack::mailer
