#include "templating/near_tags.hpp"

#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kOdfTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

bool is_space(char ch) {
  return ch == ' ' || ch == '\t';
}

bool is_letter(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

bool is_path_byte(char ch) {
  return is_letter(ch) || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
}

// "child.name": path bytes, a letter among them, no dot at either end or twice in a row.
bool is_field_path(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  bool letter = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!is_path_byte(name[i])) return false;
    if (name[i] == '.' && i > 0 && name[i - 1] == '.') return false;
    letter = letter || is_letter(name[i]);
  }
  return letter;
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

// At `at` (a '{'): "{ name }" or "{ { name } }". Returns the end of the near-tag, or 0.
std::size_t read_near_tag(std::string_view text, std::size_t at, NearTag& found) {
  std::size_t pos = skip_spaces(text, at + 1);
  const bool doubled = pos < text.size() && text[pos] == '{';
  if (doubled) {
    if (pos == at + 1) return 0;  // "{{": a real opening delimiter, not ours to judge
    pos = skip_spaces(text, pos + 1);
  }
  const std::size_t name_begin = pos;
  while (pos < text.size() && is_path_byte(text[pos])) ++pos;
  const std::string_view name = text.substr(name_begin, pos - name_begin);
  if (!is_field_path(name)) return 0;
  pos = skip_spaces(text, pos);
  if (pos >= text.size() || text[pos] != '}') return 0;
  ++pos;
  if (doubled) {
    const std::size_t inner_close = pos;
    pos = skip_spaces(text, pos);
    if (pos >= text.size() || text[pos] != '}') return 0;
    if (pos == inner_close && text.substr(at, 2) == "{{") return 0;
    ++pos;
  } else if (pos < text.size() && text[pos] == '}') {
    return 0;  // "{name}}": the lexer's unopened_tag already says it
  }
  found.code = doubled ? "spaced_braces" : "single_braces";
  found.text = std::string(text.substr(at, pos - at));
  found.fix = "{{" + std::string(name) + "}}";
  return pos;
}

}  // namespace

std::vector<NearTag> find_near_tags(
    std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& tag_spans) {
  std::vector<NearTag> found;
  std::size_t span = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    while (span < tag_spans.size() && tag_spans[span].second <= at) ++span;
    if (span < tag_spans.size() && tag_spans[span].first <= at) {
      at = tag_spans[span].second - 1;  // inside a real tag
      continue;
    }
    if (text[at] != '{' || (at > 0 && text[at - 1] == '{')) continue;
    NearTag near;
    const std::size_t end = read_near_tag(text, at, near);
    // A near-tag may not run into a real tag.
    if (end == 0 || (span < tag_spans.size() && tag_spans[span].first < end)) continue;
    found.push_back(std::move(near));
    at = end - 1;
  }
  return found;
}

bool is_soft_line_break(const xmlNode* element, const MarkupFormat& format) {
  if (format.name == "odt") return is_element(element, kOdfTextNs, "line-break");
  if (format.name != "docx") return false;
  if (is_element(element, kWordNs, "cr")) return true;
  if (!is_element(element, kWordNs, "br")) return false;
  xmlChar* type = xmlGetNsProp(element, reinterpret_cast<const xmlChar*>("type"),
                               reinterpret_cast<const xmlChar*>(kWordNs.data()));
  const bool soft =
      type == nullptr || xmlStrEqual(type, reinterpret_cast<const xmlChar*>("textWrapping"));
  xmlFree(type);
  return soft;
}

}  // namespace panelpack::templating
