#pragma once
// One algorithm, formats as data: what a paragraph, a run's text, a table row... is called
// in each kind of part. Internal to the engine.

#include <string_view>
#include <vector>

#include <libxml/tree.h>

#include "templating/value_text.hpp"

namespace panelpack::templating {

struct QualifiedName {
  std::string_view ns;
  std::string_view local;
};

struct MarkupFormat {
  std::string_view name;
  // Elements that make a paragraph. Empty: every element holding text is one (properties).
  std::vector<QualifiedName> paragraph;
  // The element whose text children are document text. With only a namespace: any element
  // of that namespace (ODF's text:p, text:span, text:a...). Empty: any text in a paragraph.
  QualifiedName text_element;
  // A list item that holds only a tag paragraph goes (or repeats) with it (ODF).
  QualifiedName list_item;
  // A list repeated by a paragraph section gets this attribute (in the list's namespace) so
  // its copies continue one numbering (ODF: text:continue-numbering="true").
  QualifiedName list;
  std::string_view continue_numbering_attribute;
  // Elements that stand for spaces in the text (ODF's text:s); inside a tag they go with it.
  QualifiedName space_element;
  QualifiedName table;
  QualifiedName row;
  QualifiedName cell;
  // Containers that must still hold a paragraph when sections remove theirs.
  std::vector<QualifiedName> needs_paragraph;
  // The second copy of a text box: rendered, but its paragraphs are not counted.
  QualifiedName fallback;
  // A paragraph property that must survive (a section break in Word): never remove its paragraph.
  QualifiedName keeps_paragraph;
  // An element's properties, copied when the element is split in two around a marker.
  std::vector<QualifiedName> property_elements;
  // Things in a paragraph that are not text but are content: pictures, breaks, fields.
  std::vector<QualifiedName> content_elements;
  QualifiedName line_break;         // with type="page" it is a page break
  std::string_view page_break_run;  // a run holding one page break
  TextEscapes escapes;
  std::string_view empty_paragraph;  // written into a container left with no paragraph
  std::string_view paragraph_close;  // how a paragraph ends in serialized output
  std::string_view paragraph_open;   // how a paragraph starts, up to its name
  std::string_view row_open;         // how a table row starts, up to its name
  bool preserve_space_on_text_element = false;

  bool is_paragraph(const xmlNode* node) const;
  bool is(const xmlNode* node, const QualifiedName& name) const;
  bool is_any(const xmlNode* node, const std::vector<QualifiedName>& names) const;
  bool holds_document_text(const xmlNode* text_node) const;
};

// WordprocessingML body parts: document, headers, footers, notes.
const MarkupFormat& docx_format();
// OpenDocument text: content.xml and styles.xml (where headers and footers live).
const MarkupFormat& odt_format();
// Package properties (docProps/core.xml, app.xml, custom.xml; ODT meta.xml): plain text elements.
const MarkupFormat& properties_format();

}  // namespace panelpack::templating
