#include "office/templates/table_cells.hpp"

#include <cstring>

#include <libxml/parser.h>
#include <libxml/tree.h>

namespace panelpack::office {
namespace {

constexpr const char* kWord = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kCompatibility =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr const char* kOdfText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char* kOdfTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

bool is(const xmlNode* node, const char* ns, const char* name) {
  return node->ns != nullptr && node->ns->href != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

bool is_paragraph(const xmlNode* node) {
  return is(node, kWord, "p") || is(node, kOdfText, "p") || is(node, kOdfText, "h");
}

bool is_cell(const xmlNode* node) {
  return is(node, kWord, "tc") || is(node, kOdfTable, "table-cell");
}

// The engine's walk: document order, a paragraph counted when met, a fallback copy not counted.
void walk(const xmlNode* node, bool in_cell, bool in_fallback, int& count, std::set<int>& found) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    const bool fallback = in_fallback || is(child, kCompatibility, "Fallback");
    const bool cell = in_cell || is_cell(child);
    if (is_paragraph(child) && !fallback) {
      ++count;
      if (cell) found.insert(count);
    }
    walk(child, cell, fallback, count, found);
  }
}

}  // namespace

std::set<int> paragraphs_in_table_cells(std::string_view part_xml) {
  std::set<int> found;
  // No network, no entities substituted, no DTD loaded: the engine refused those already.
  xmlDoc* document =
      xmlReadMemory(part_xml.data(), static_cast<int>(part_xml.size()), nullptr, nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (document == nullptr) return found;
  int count = 0;
  if (const xmlNode* root = xmlDocGetRootElement(document); root != nullptr) {
    walk(root, is_cell(root), false, count, found);
  }
  xmlFreeDoc(document);
  return found;
}

}  // namespace panelpack::office
