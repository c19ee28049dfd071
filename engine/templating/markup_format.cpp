#include "templating/markup_format.hpp"

#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kMarkupCompatibilityNs =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

constexpr std::string_view kOdfTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kOdfTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kOdfDrawNs = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

}  // namespace

bool MarkupFormat::holds_document_text(const xmlNode* text_node) const {
  if (text_element.ns.empty()) return true;
  const xmlNode* parent = text_node->parent;
  if (!text_element.local.empty()) return is(parent, text_element);
  const char* href = parent != nullptr && parent->ns != nullptr
                         ? reinterpret_cast<const char*>(parent->ns->href)
                         : "";
  return text_element.ns == href;
}

bool MarkupFormat::is(const xmlNode* node, const QualifiedName& qname) const {
  return !qname.local.empty() && is_element(node, qname.ns, qname.local);
}

bool MarkupFormat::is_any(const xmlNode* node, const std::vector<QualifiedName>& names) const {
  for (const auto& qname : names) {
    if (is(node, qname)) return true;
  }
  return false;
}

bool MarkupFormat::is_paragraph(const xmlNode* node) const {
  return is_any(node, paragraph);
}

const MarkupFormat& docx_format() {
  static const MarkupFormat format{
      .name = "docx",
      .paragraph = {{kWordNs, "p"}},
      .text_element = {kWordNs, "t"},
      .list_item = {},
      .list = {},
      .continue_numbering_attribute = {},
      .space_element = {},
      .table = {kWordNs, "tbl"},
      .row = {kWordNs, "tr"},
      .cell = {kWordNs, "tc"},
      .needs_paragraph = {{kWordNs, "tc"},
                          {kWordNs, "txbxContent"},
                          {kWordNs, "hdr"},
                          {kWordNs, "ftr"},
                          {kWordNs, "footnote"},
                          {kWordNs, "endnote"}},
      .fallback = {kMarkupCompatibilityNs, "Fallback"},
      .keeps_paragraph = {kWordNs, "sectPr"},
      .property_elements = {{kWordNs, "rPr"}, {kWordNs, "sdtPr"}},
      .content_elements = {{kWordNs, "br"},
                           {kWordNs, "cr"},
                           {kWordNs, "drawing"},
                           {kWordNs, "pict"},
                           {kWordNs, "object"},
                           {kWordNs, "sym"},
                           {kWordNs, "fldChar"},
                           {kWordNs, "fldSimple"},
                           {kWordNs, "footnoteReference"},
                           {kWordNs, "endnoteReference"},
                           {kMarkupCompatibilityNs, "AlternateContent"}},
      .line_break = {kWordNs, "br"},
      .page_break_run = "<w:r><w:br w:type=\"page\"/></w:r>",
      .escapes = {.line_break = "</w:t><w:br/><w:t xml:space=\"preserve\">",
                  .tab = "</w:t><w:tab/><w:t xml:space=\"preserve\">"},
      .empty_paragraph = "<w:p/>",
      .paragraph_close = "</w:p>",
      .paragraph_open = "<w:p",
      .row_open = "<w:tr",
      .preserve_space_on_text_element = true,
  };
  return format;
}

const MarkupFormat& odt_format() {
  static const MarkupFormat format{
      .name = "odt",
      .paragraph = {{kOdfTextNs, "p"}, {kOdfTextNs, "h"}},
      .text_element = {kOdfTextNs, ""},
      .list_item = {kOdfTextNs, "list-item"},
      .list = {kOdfTextNs, "list"},
      .continue_numbering_attribute = "continue-numbering",
      .space_element = {kOdfTextNs, "s"},
      .table = {kOdfTableNs, "table"},
      .row = {kOdfTableNs, "table-row"},
      .cell = {kOdfTableNs, "table-cell"},
      .needs_paragraph = {},  // ODF allows an empty cell, header or text box
      .fallback = {},
      .keeps_paragraph = {},
      .property_elements = {},
      .content_elements = {{kOdfTextNs, "line-break"},
                           {kOdfTextNs, "note"},
                           {kOdfTextNs, "bookmark-ref"},
                           {kOdfDrawNs, "frame"},
                           {kOdfDrawNs, "custom-shape"},
                           {kOdfDrawNs, "rect"},
                           {kOdfDrawNs, "line"}},
      .line_break = {},
      .page_break_run = "",
      .escapes = {.line_break = "<text:line-break/>",
                  .tab = "<text:tab/>",
                  .repeated_space = "<text:s/>"},
      .empty_paragraph = "<text:p/>",
      .paragraph_close = "</text:p>",
      .paragraph_open = "<text:p",
      .row_open = "<table:table-row",
      .preserve_space_on_text_element = false,
  };
  return format;
}

const MarkupFormat& properties_format() {
  static const MarkupFormat format{
      .name = "properties",
      .paragraph = {},
      .text_element = {},
      .list_item = {},
      .list = {},
      .continue_numbering_attribute = {},
      .space_element = {},
      .table = {},
      .row = {},
      .cell = {},
      .needs_paragraph = {},
      .fallback = {},
      .keeps_paragraph = {},
      .property_elements = {},
      .content_elements = {},
      .line_break = {},
      .page_break_run = "",
      .escapes = {.line_break = "\n", .tab = "\t"},
      .empty_paragraph = "",
      .paragraph_close = "",
      .paragraph_open = "",
      .row_open = "",
      .preserve_space_on_text_element = false,
  };
  return format;
}

}  // namespace panelpack::templating
