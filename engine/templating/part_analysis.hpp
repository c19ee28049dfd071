#pragma once
// The first half of compiling a part: finding out what is in it. Walks the tree gathering the
// paragraphs and the text nodes they own, lexes the tags, pairs the sections, decides where
// each goes (the structural rules) and says what is wrong. It reads the tree and never changes
// it; part_surgery does that from what is found here. Internal to the engine.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

#include "templating/diagnostics.hpp"
#include "templating/link_addresses.hpp"
#include "templating/markup_format.hpp"
#include "templating/tag_lexer.hpp"
#include "templating/template.hpp"
#include "templating/word_location.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {

// A run of a paragraph's text held by one text node.
struct Piece {
  xmlNode* node;  // a text node
  std::size_t begin;
  std::size_t length;
};

struct Paragraph {
  xmlNode* element;
  xmlNode* block;  // what goes or repeats with it: the paragraph, or its list item (ODF)
  int number;      // 1-based; 0 for the fallback copy of a text box
  std::vector<Piece> pieces;
  std::string text;
  std::vector<std::size_t> tags;
  bool vanishes = false;
  std::size_t page_breaks_kept_as_tail = 0;  // a vanishing close paragraph's page breaks
};

// Where a tag's marker goes: in the text, beside its paragraph, or beside its table row.
enum class Placement { none, inline_text, paragraph_level, row_level };

// A space element (ODF's text:s) and where it stands in its paragraph's text.
struct SpaceMark {
  xmlNode* node;
  std::size_t paragraph;
  std::size_t offset;
};

struct Tag {
  LexedTag lexed;
  std::size_t paragraph = 0;
  long partner = -1;
  Placement placement = Placement::none;
  bool failed = false;
  bool lifted = false;  // its marker is moved up to be a child of the paragraph
  std::vector<std::string> scope;
  Location location;  // where its paragraph is, in Word's terms
};

// What one part holds. The nodes named here belong to the document that was analysed.
struct PartAnalysis {
  std::vector<Paragraph> paragraphs;
  std::vector<Tag> tags;  // in document order
  std::vector<SpaceMark> spaces;
  // Line breaks (Shift+Enter) typed inside a tag: they go with the tag.
  std::vector<SpaceMark> line_breaks_in_tags;
  // Crafted markers (PIs or comments naming the marker target): to remove before cutting.
  std::vector<xmlNode*> doomed;
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in document order
  std::vector<TagInfo> tag_infos;       // every tag that could be read

  bool has_errors() const;
};

// `links`: the part's relationships whose address holds a tag (DOCX), to warn about them.
PartAnalysis analyse_part(const XmlDocument& document, const std::string& part_name,
                          const MarkupFormat& format, const Delimiters& delimiters,
                          const PartPlace& place = PartPlace{}, const LinkTargets* links = nullptr);

// The paragraph's text as an excerpt for messages: one line, at most 60 bytes.
std::string shorten(std::string_view text);

// The nearest ancestor of `node` that is a `name` element; nullptr if none (or no such name).
xmlNode* ancestor(xmlNode* node, const QualifiedName& name, const MarkupFormat& format);

}  // namespace panelpack::templating
