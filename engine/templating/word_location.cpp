#include "templating/word_location.hpp"

#include <string_view>

#include "templating/part_analysis.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kOdfTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kOdfStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr std::string_view kOdfDrawNs = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

// Headers and footers of an ODT page style, in the order their ranks follow, and how each is
// said: "the first-page header of page style 'Default Page Style'".
struct PageStyleKind {
  std::string_view local;
  std::string_view words;
};
constexpr PageStyleKind kPageStyleKinds[] = {
    {"header", "the header"},
    {"header-first", "the first-page header"},
    {"header-left", "the left-page header"},
    {"footer", "the footer"},
    {"footer-first", "the first-page footer"},
    {"footer-left", "the left-page footer"},
};

std::string attribute(const xmlNode* node, std::string_view ns, const char* name) {
  xmlChar* value = xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                reinterpret_cast<const xmlChar*>(std::string(ns).c_str()));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

const xmlNode* up_to(const xmlNode* node, std::string_view ns, std::string_view local,
                     const xmlNode* stop = nullptr) {
  for (node = node->parent; node != nullptr && node != stop; node = node->parent) {
    if (is_element(node, ns, local)) return node;
  }
  return nullptr;
}

const xmlNode* child_element(const xmlNode* node, std::string_view ns, std::string_view local) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (is_element(child, ns, local)) return child;
  }
  return nullptr;
}

bool is_text_box(const xmlNode* node) {
  return is_element(node, kWordNs, "txbxContent") || is_element(node, kOdfDrawNs, "text-box");
}

const xmlNode* text_box_of(const xmlNode* node) {
  for (node = node->parent; node != nullptr; node = node->parent) {
    if (is_text_box(node)) return node;
  }
  return nullptr;
}

// A text box or a note (ODT keeps its notes inside the paragraph that cites them): the
// table a paragraph is in is the one inside it, not the one the box or note sits in.
const xmlNode* enclosure_of(const xmlNode* node) {
  for (node = node->parent; node != nullptr; node = node->parent) {
    if (is_text_box(node) || is_element(node, kOdfTextNs, "note")) return node;
  }
  return nullptr;
}

// The nearest `name` element above `node`, not looking past `stop` (a text box).
const xmlNode* nearest(const xmlNode* node, const QualifiedName& name, const MarkupFormat& format,
                       const xmlNode* stop) {
  for (node = node->parent; node != nullptr && node != stop; node = node->parent) {
    if (format.is(node, name)) return node;
  }
  return nullptr;
}

std::string page_style_name(const xmlNode* master_page) {
  std::string name = attribute(master_page, kOdfStyleNs, "display-name");
  if (!name.empty()) return name;
  name = attribute(master_page, kOdfStyleNs, "name");
  // LibreOffice stores its default page style as "Standard" and shows it by this name.
  return name == "Standard" ? "Default Page Style" : name;
}

}  // namespace

WordLocator::WordLocator(xmlNode* root, const MarkupFormat& format, const PartPlace& place)
    : format_(format), place_(place) {
  std::string heading;
  if (root != nullptr) walk(root, heading);
}

void WordLocator::walk(xmlNode* node, std::string& heading) {
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (is_element(child, kOdfStyleNs, "master-page")) {
      const long index = static_cast<long>(page_styles_.size());
      page_styles_.emplace(child, index);
    }
    if (format_.is(child, format_.row)) count_in(child, format_.table);
    if (format_.is(child, format_.cell)) count_in(child, format_.row);
    if (format_.is_paragraph(child)) {
      paragraphs_.emplace(child,
                          std::make_pair(static_cast<long>(paragraphs_.size()) + 1, heading));
      walk(child, heading);  // a text box or note inside it comes after the paragraph
      if (is_heading(child) && text_box_of(child) == nullptr) heading = shorten(text_of(child));
      continue;
    }
    walk(child, heading);
  }
}

// A row counts in its nearest table (a cell in its nearest row), so nested tables count apart.
void WordLocator::count_in(const xmlNode* element, const QualifiedName& owner) {
  const xmlNode* outer = nearest(element, owner, format_, nullptr);
  if (outer == nullptr) return;
  const int place = ++count_[outer];
  index_[element] = place;
  if (place == 1) first_[outer] = element;
}

bool WordLocator::is_heading(const xmlNode* paragraph) const {
  if (is_element(paragraph, kOdfTextNs, "h")) return true;
  if (!is_element(paragraph, kWordNs, "p")) return false;
  const xmlNode* properties = child_element(paragraph, kWordNs, "pPr");
  if (properties == nullptr) return false;
  if (const xmlNode* level = child_element(properties, kWordNs, "outlineLvl")) {
    const std::string value = attribute(level, kWordNs, "val");
    if (!value.empty() && value != "9") return true;  // 9 is body text
  }
  const xmlNode* style = child_element(properties, kWordNs, "pStyle");
  if (style == nullptr) return false;
  const std::string id = attribute(style, kWordNs, "val");
  if (!place_.heading_styles.empty()) return place_.heading_styles.count(id) > 0;
  return id.size() == 8 && id.rfind("Heading", 0) == 0 && id[7] >= '1' && id[7] <= '9';
}

void WordLocator::add_text(const xmlNode* node, std::string& text) const {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE) {
      if (child->content != nullptr && format_.holds_document_text(child))
        text += reinterpret_cast<const char*>(child->content);
      continue;
    }
    if (child->type != XML_ELEMENT_NODE) continue;
    // A text box's second copy, or a note's text, is not the text a person reads here.
    if (format_.is(child, format_.fallback) || is_element(child, kOdfTextNs, "note")) continue;
    if (format_.is(child, format_.space_element) || is_element(child, kOdfTextNs, "tab")) {
      text += ' ';
      continue;
    }
    if (format_.is_paragraph(child) && !text.empty()) text += ' ';
    add_text(child, text);
  }
}

std::string WordLocator::text_of(const xmlNode* node) const {
  std::string text;
  add_text(node, text);
  const std::size_t begin = text.find_first_not_of(' ');
  const std::size_t end = text.find_last_not_of(' ');
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

std::pair<std::string, long> WordLocator::page_style_container(const xmlNode* paragraph) const {
  for (const xmlNode* node = paragraph->parent; node != nullptr; node = node->parent) {
    if (node->parent == nullptr || !is_element(node->parent, kOdfStyleNs, "master-page")) continue;
    for (std::size_t kind = 0; kind < std::size(kPageStyleKinds); ++kind) {
      if (!is_element(node, kOdfStyleNs, kPageStyleKinds[kind].local)) continue;
      const auto index = page_styles_.find(node->parent);
      const long style = index == page_styles_.end() ? 0 : index->second;
      return {std::string(kPageStyleKinds[kind].words) + " of page style '" +
                  page_style_name(node->parent) + "'",
              1 + style * static_cast<long>(std::size(kPageStyleKinds)) + static_cast<long>(kind)};
    }
    break;
  }
  return {place_.container, place_.rank};
}

bool WordLocator::fill_container(const xmlNode* paragraph, Location& where) const {
  long rank = place_.rank;
  bool note = true;
  if (const xmlNode* footnote = up_to(paragraph, kWordNs, "footnote")) {
    const auto number = place_.footnote_numbers.find(attribute(footnote, kWordNs, "id"));
    const int shown = number == place_.footnote_numbers.end() ? 0 : number->second;
    where.container =
        shown > 0 ? "footnote " + std::to_string(shown) : "a footnote no text refers to";
    rank = kRankFootnotes + (shown > 0 ? shown : kRankFootnotes - 1);
  } else if (const xmlNode* endnote = up_to(paragraph, kWordNs, "endnote")) {
    const auto number = place_.endnote_numbers.find(attribute(endnote, kWordNs, "id"));
    const int shown = number == place_.endnote_numbers.end() ? 0 : number->second;
    where.container =
        shown > 0 ? "endnote " + std::to_string(shown) : "an endnote no text refers to";
    rank = kRankEndnotes + (shown > 0 ? shown : kRankFootnotes - 1);
  } else if (const xmlNode* odt_note = up_to(paragraph, kOdfTextNs, "note")) {
    const bool is_endnote = attribute(odt_note, kOdfTextNs, "note-class") == "endnote";
    const xmlNode* citation = child_element(odt_note, kOdfTextNs, "note-citation");
    const std::string shown = citation != nullptr ? text_of(citation) : "";
    where.container = (is_endnote ? "endnote " : "footnote ") + shown;
    long number = 0;
    for (char ch : shown) number = ch >= '0' && ch <= '9' ? number * 10 + (ch - '0') : number;
    rank = (is_endnote ? kRankEndnotes : kRankFootnotes) + std::min(number, kRankFootnotes - 1);
  } else {
    note = false;
    auto [container, page_rank] = page_style_container(paragraph);
    where.container = std::move(container);
    rank = page_rank;
  }
  const auto found = paragraphs_.find(paragraph);
  where.order = rank * kOrderSpan + (found == paragraphs_.end() ? 0 : found->second.first);
  return note;
}

void WordLocator::fill_table(const xmlNode* paragraph, Location& where) const {
  const xmlNode* box = enclosure_of(paragraph);
  const xmlNode* cell = nearest(paragraph, format_.cell, format_, box);
  if (cell == nullptr) return;
  const xmlNode* row = nearest(cell, format_.row, format_, box);
  const xmlNode* table = row != nullptr ? nearest(row, format_.table, format_, box) : nullptr;
  if (table == nullptr) return;
  const auto first_of = [&](const xmlNode* outer) -> const xmlNode* {
    const auto found = first_.find(outer);
    return found == first_.end() ? nullptr : found->second;
  };
  if (const xmlNode* first_row = first_of(table)) {
    if (const xmlNode* first = first_of(first_row)) where.table = shorten(text_of(first));
  }
  if (const xmlNode* first = first_of(row)) where.row_label = shorten(text_of(first));
  where.row = index_.contains(row) ? index_.at(row) : 0;
  where.cell = index_.contains(cell) ? index_.at(cell) : 0;
  where.cells_in_row = count_.contains(row) ? count_.at(row) : 0;
}

Location WordLocator::locate(xmlNode* paragraph) const {
  Location where;
  if (paragraph == nullptr) return where;
  const bool in_note = fill_container(paragraph, where);
  where.in_text_box = text_box_of(paragraph) != nullptr;
  if (!in_note) {
    const auto found = paragraphs_.find(paragraph);
    if (found != paragraphs_.end()) where.heading = found->second.second;
  }
  fill_table(paragraph, where);
  return where;
}

}  // namespace panelpack::templating
