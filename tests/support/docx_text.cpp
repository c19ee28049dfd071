#include "support/docx_text.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>
#include <utility>
#include <vector>

#include "templating/zip_archive.hpp"

namespace panelpack::testing {
namespace {

using templating::ZipReader;

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kContentTypesNs =
    "http://schemas.openxmlformats.org/package/2006/content-types";
constexpr std::string_view kBreakMark = "\u23ce";
constexpr std::string_view kLiteralNewlineMark = "\u21b5";

struct FreeXmlDoc {
  void operator()(xmlDoc* document) const noexcept { xmlFreeDoc(document); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, FreeXmlDoc>;

XmlDocPtr parse(const std::string& bytes, std::string_view part) {
  xmlDoc* document = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                                       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (document == nullptr || xmlDocGetRootElement(document) == nullptr) {
    if (document != nullptr) xmlFreeDoc(document);
    throw std::runtime_error("docx_text: " + std::string(part) + " is not well-formed XML");
  }
  return XmlDocPtr(document);
}

std::string_view as_view(const xmlChar* text) {
  return text == nullptr ? std::string_view{}
                         : std::string_view(reinterpret_cast<const char*>(text));
}

bool is_word(const xmlNode* node, std::string_view local) {
  return node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         as_view(node->ns->href) == kWordNs && as_view(node->name) == local;
}

// ElementTree's `element.text`: the character data before the element's first child element.
std::string leading_text(const xmlNode* element) {
  std::string text;
  for (const xmlNode* child = element->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) break;
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      text += as_view(child->content);
    }
  }
  return text;
}

// extract_text.py's clean(): CR dropped, a literal newline made visible.
std::string clean(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      out += kLiteralNewlineMark;
    } else {
      out += c;
    }
  }
  return out;
}

// Mirrors extract_text.py's walk(): one line per w:p, in pre-order.
void walk_children(const xmlNode* element, std::optional<std::size_t> paragraph,
                   std::vector<std::string>& lines) {
  for (const xmlNode* child = element->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (is_word(child, "p")) {
      lines.emplace_back();
      walk_children(child, lines.size() - 1, lines);
    } else if (is_word(child, "r")) {
      for (const xmlNode* item = child->children; item != nullptr; item = item->next) {
        if (item->type != XML_ELEMENT_NODE) continue;
        if (is_word(item, "t") && paragraph) {
          lines[*paragraph] += clean(leading_text(item));
        } else if (is_word(item, "tab") && paragraph) {
          lines[*paragraph] += '\t';
        } else if ((is_word(item, "br") || is_word(item, "cr")) && paragraph) {
          lines[*paragraph] += kBreakMark;
        } else {
          walk_children(item, paragraph, lines);  // a text box inside the run holds paragraphs
        }
      }
    } else {
      walk_children(child, paragraph, lines);
    }
  }
}

std::vector<std::string> paragraph_lines(const std::string& bytes, std::string_view part) {
  const XmlDocPtr document = parse(bytes, part);
  std::vector<std::string> lines;
  // Indices, not pointers: `lines` grows while a paragraph is still being filled.
  walk_children(reinterpret_cast<xmlNode*>(document.get()), std::nullopt, lines);
  return lines;
}

std::string qualified_name(const xmlNode* node) {
  static const std::array<std::pair<std::string_view, std::string_view>, 6> kPrefixes = {{
      {"http://purl.org/dc/elements/1.1/", "dc"},
      {"http://purl.org/dc/terms/", "dcterms"},
      {"http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "cp"},
      {"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", "ep"},
      {"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "op"},
      {"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", "vt"},
  }};
  const std::string local(as_view(node->name));
  if (node->ns == nullptr) return local;
  const std::string_view href = as_view(node->ns->href);
  for (const auto& [uri, prefix] : kPrefixes) {
    if (uri == href) return std::string(prefix) + ":" + local;
  }
  return std::string(href) + ":" + local;
}

// Python's str.strip() for the characters these files hold (ASCII white space and separators).
bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
           (c >= '\x1c' && c <= '\x1f');
  });
}

void property_lines(const xmlNode* element, std::string_view part, std::string& out) {
  for (const xmlNode* child = element->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    const std::string text = leading_text(child);
    if (!is_blank(text)) {
      out += std::string(part) + "\t" + qualified_name(child) + "\t" + clean(text) + "\n";
    }
    property_lines(child, part, out);
  }
}

// word/header*.xml (or footer): "header.xml" first, then by number, as extract_text.py sorts.
std::vector<std::string> numbered_parts(const ZipReader& package, const std::string& kind) {
  const std::regex pattern("^word/" + kind + "([0-9]*)\\.xml$");
  std::vector<std::pair<long long, std::string>> found;
  for (const auto& entry : package.entries()) {
    std::smatch match;
    if (std::regex_match(entry.name, match, pattern)) {
      found.emplace_back(match[1].length() == 0 ? -1 : std::stoll(match[1].str()), entry.name);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> names;
  for (auto& [number, name] : found) names.push_back(std::move(name));
  return names;
}

std::string main_part_of(const ZipReader& package) {
  static const std::regex main_type(
      "(wordprocessingml\\.(document|template)\\.main\\+xml$)|"
      "(ms-word\\.(document|template)\\.macroEnabled(Template)?\\.main\\+xml$)");
  if (package.find("[Content_Types].xml")) {
    const XmlDocPtr types = parse(package.read("[Content_Types].xml"), "[Content_Types].xml");
    for (const xmlNode* node = xmlDocGetRootElement(types.get())->children; node != nullptr;
         node = node->next) {
      if (node->type != XML_ELEMENT_NODE || node->ns == nullptr ||
          as_view(node->ns->href) != kContentTypesNs || as_view(node->name) != "Override") {
        continue;
      }
      xmlChar* type = xmlGetProp(node, reinterpret_cast<const xmlChar*>("ContentType"));
      xmlChar* name = xmlGetProp(node, reinterpret_cast<const xmlChar*>("PartName"));
      const std::string type_text(as_view(type));
      std::string part(as_view(name));
      xmlFree(type);
      xmlFree(name);
      part.erase(0, part.find_first_not_of('/'));
      if (std::regex_search(type_text, main_type) && package.find(part)) return part;
    }
  }
  return "word/document.xml";
}

}  // namespace

std::string main_document_part(const std::string& package_bytes) {
  return main_part_of(ZipReader(package_bytes));
}

std::string docx_text(const std::string& package_bytes) {
  const ZipReader package(package_bytes);
  std::vector<std::string> parts = {main_part_of(package)};
  for (const char* kind : {"header", "footer"}) {
    for (auto& name : numbered_parts(package, kind)) parts.push_back(std::move(name));
  }
  parts.emplace_back("word/footnotes.xml");
  parts.emplace_back("word/endnotes.xml");
  std::string out;
  for (const auto& part : parts) {
    if (!package.find(part)) continue;
    for (const auto& line : paragraph_lines(package.read(part), part)) {
      out += part + "\t" + line + "\n";
    }
  }
  for (const char* part : {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}) {
    if (!package.find(part)) continue;
    const XmlDocPtr document = parse(package.read(part), part);
    property_lines(xmlDocGetRootElement(document.get()), part, out);
  }
  return out;
}

}  // namespace panelpack::testing
