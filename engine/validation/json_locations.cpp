#include "validation/json_locations.hpp"

namespace panelpack::validation {
namespace {

class LineScanner {
 public:
  explicit LineScanner(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
  }

  std::map<std::string, int> run() {
    skip_space();
    value("");
    return std::move(lines_);
  }

 private:
  bool at_end() const { return at_ >= text_.size(); }

  void skip_space() {
    while (!at_end()) {
      const char ch = text_[at_];
      if (ch == '\n') {
        ++line_;
      } else if (ch != ' ' && ch != '\t' && ch != '\r') {
        return;
      }
      ++at_;
    }
  }

  // Reads a string starting at its opening quote and returns its unescaped text (only the
  // escapes that matter for a key: \" \\ \/ and \uXXXX kept as written are rare enough).
  bool string(std::string* out) {
    ++at_;  // the opening quote
    while (!at_end()) {
      const char ch = text_[at_++];
      if (ch == '"') return true;
      if (ch == '\n') ++line_;
      if (ch == '\\' && !at_end()) {
        const char escaped = text_[at_++];
        if (out == nullptr) continue;
        switch (escaped) {
          case 'n':
            *out += '\n';
            break;
          case 't':
            *out += '\t';
            break;
          case 'r':
            *out += '\r';
            break;
          case 'b':
            *out += '\b';
            break;
          case 'f':
            *out += '\f';
            break;
          case 'u':
            append_unicode_escape(*out);
            break;
          default:
            *out += escaped;
            break;
        }
        continue;
      }
      if (out != nullptr) *out += ch;
    }
    return false;
  }

  unsigned hex4() {
    unsigned value = 0;
    for (int i = 0; i < 4 && !at_end(); ++i) {
      const char ch = text_[at_++];
      value <<= 4U;
      if (ch >= '0' && ch <= '9')
        value |= static_cast<unsigned>(ch - '0');
      else if (ch >= 'a' && ch <= 'f')
        value |= static_cast<unsigned>(ch - 'a' + 10);
      else if (ch >= 'A' && ch <= 'F')
        value |= static_cast<unsigned>(ch - 'A' + 10);
    }
    return value;
  }

  void append_unicode_escape(std::string& out) {
    unsigned code = hex4();
    if (code >= 0xD800U && code <= 0xDBFFU && text_.substr(at_, 2) == "\\u") {
      at_ += 2;
      const unsigned low = hex4();
      code = 0x10000U + ((code - 0xD800U) << 10U) + (low - 0xDC00U);
    }
    if (code < 0x80U) {
      out += static_cast<char>(code);
    } else if (code < 0x800U) {
      out += static_cast<char>(0xC0U | (code >> 6U));
      out += static_cast<char>(0x80U | (code & 0x3FU));
    } else if (code < 0x10000U) {
      out += static_cast<char>(0xE0U | (code >> 12U));
      out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
      out += static_cast<char>(0x80U | (code & 0x3FU));
    } else {
      out += static_cast<char>(0xF0U | (code >> 18U));
      out += static_cast<char>(0x80U | ((code >> 12U) & 0x3FU));
      out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
      out += static_cast<char>(0x80U | (code & 0x3FU));
    }
  }

  bool value(const std::string& pointer) {
    if (at_end()) return false;
    lines_[pointer] = line_;
    const char ch = text_[at_];
    if (ch == '{') return object(pointer);
    if (ch == '[') return array(pointer);
    if (ch == '"') return string(nullptr);
    // A number or a literal: up to the next delimiter.
    while (!at_end()) {
      const char c = text_[at_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
        break;
      ++at_;
    }
    return true;
  }

  bool object(const std::string& pointer) {
    ++at_;
    skip_space();
    if (!at_end() && text_[at_] == '}') {
      ++at_;
      return true;
    }
    while (!at_end()) {
      skip_space();
      if (at_end() || text_[at_] != '"') return false;
      std::string key;
      if (!string(&key)) return false;
      skip_space();
      if (at_end() || text_[at_] != ':') return false;
      ++at_;
      skip_space();
      if (!value(pointer + "/" + escape_pointer_token(key))) return false;
      skip_space();
      if (at_end()) return false;
      if (text_[at_] == '}') {
        ++at_;
        return true;
      }
      if (text_[at_] != ',') return false;
      ++at_;
    }
    return false;
  }

  bool array(const std::string& pointer) {
    ++at_;
    skip_space();
    if (!at_end() && text_[at_] == ']') {
      ++at_;
      return true;
    }
    for (std::size_t index = 0; !at_end(); ++index) {
      skip_space();
      if (!value(pointer + "/" + std::to_string(index))) return false;
      skip_space();
      if (at_end()) return false;
      if (text_[at_] == ']') {
        ++at_;
        return true;
      }
      if (text_[at_] != ',') return false;
      ++at_;
    }
    return false;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
  std::map<std::string, int> lines_;
};

}  // namespace

std::string escape_pointer_token(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (char ch : token) {
    if (ch == '~') {
      escaped += "~0";
    } else if (ch == '/') {
      escaped += "~1";
    } else {
      escaped += ch;
    }
  }
  return escaped;
}

std::map<std::string, int> value_lines(std::string_view text) {
  return LineScanner(text).run();
}

}  // namespace panelpack::validation
