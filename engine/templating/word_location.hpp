#pragma once
// Where a paragraph is, in the words a Word user sees: its container (footnote, header of a
// section...), the heading above it, its table, row and cell, and whether it is in a text box.
// Built once per part from the parsed tree; asked for each paragraph a diagnostic names.
// Internal to the engine.

#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include <libxml/tree.h>

#include "templating/diagnostics.hpp"
#include "templating/markup_format.hpp"

namespace panelpack::templating {

// Ranks that sort containers across the document: main text, then headers and footers by
// section (or page style), then footnotes, endnotes and properties. A paragraph's order is
// its container's rank times kOrderSpan plus its place in its part.
constexpr long kOrderSpan = 1'000'000;
constexpr long kRankFootnotes = 100'000;
constexpr long kRankEndnotes = 200'000;
constexpr long kRankProperties = 300'000;

// What the package says about one part, computed once per package (package_places.cpp).
struct PartPlace {
  std::string container;  // for a whole-part container: "the header of section 1"...
  long rank = 0;          // that container's rank (0: the main text)
  // DOCX notes parts: a note's w:id -> its number as Word shows it (order of reference).
  std::map<std::string, int> footnote_numbers;
  std::map<std::string, int> endnote_numbers;
  // DOCX: the style ids that are headings (styles.xml names them "heading N" or gives them an
  // outline level). Empty when the package has no styles part: then Heading1..Heading9.
  std::set<std::string> heading_styles;
};

class WordLocator {
 public:
  WordLocator(xmlNode* root, const MarkupFormat& format, const PartPlace& place);

  // The location of a paragraph element found in this part's tree.
  Location locate(xmlNode* paragraph) const;

 private:
  void walk(xmlNode* node, std::string& heading);
  void count_in(const xmlNode* element, const QualifiedName& owner);
  bool is_heading(const xmlNode* paragraph) const;
  std::string text_of(const xmlNode* node) const;
  void add_text(const xmlNode* node, std::string& text) const;
  bool fill_container(const xmlNode* paragraph, Location& where) const;
  void fill_table(const xmlNode* paragraph, Location& where) const;
  std::pair<std::string, long> page_style_container(const xmlNode* paragraph) const;

  const MarkupFormat& format_;
  PartPlace place_;
  // Per paragraph element: its place in the part (document order) and the heading above it.
  std::unordered_map<const xmlNode*, std::pair<long, std::string>> paragraphs_;
  // ODT styles.xml: each page style's place among them, for the order of its headers.
  std::unordered_map<const xmlNode*, long> page_styles_;
  // Tables, counted once in the walk: a row's (or cell's) 1-based place in its own table
  // (row), a table's (row's) count and first row (cell).
  std::unordered_map<const xmlNode*, int> index_;
  std::unordered_map<const xmlNode*, int> count_;
  std::unordered_map<const xmlNode*, const xmlNode*> first_;
};

}  // namespace panelpack::templating
