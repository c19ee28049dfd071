#include "templating/row_sections.hpp"

#include <algorithm>

namespace panelpack::templating {
namespace {

bool is_inside(const xmlNode* node, const xmlNode* outer) {
  for (; node != nullptr; node = node->parent) {
    if (node == outer) return true;
  }
  return false;
}

bool has_words(std::string_view text) {
  for (char ch : text) {
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\xC2' && ch != '\xA0')
      return true;
  }
  return false;
}

// The paragraph's text with its tags taken out: what a reader sees of it.
std::string text_without_tags(const Paragraph& paragraph, const std::vector<Tag>& tags,
                              std::size_t from, std::size_t to) {
  std::string text;
  std::size_t pos = from;
  for (std::size_t t : paragraph.tags) {
    const LexedTag& lexed = tags[t].lexed;
    if (lexed.end <= from || lexed.begin >= to) continue;
    if (lexed.begin > pos) text += paragraph.text.substr(pos, lexed.begin - pos);
    pos = std::max(pos, lexed.end);
  }
  if (pos < to) text += paragraph.text.substr(pos, to - pos);
  return text;
}

}  // namespace

std::optional<RowWarning> row_goes_with_section(const std::vector<Paragraph>& paragraphs,
                                                const std::vector<Tag>& tags, std::size_t opener,
                                                std::size_t closer, const MarkupFormat& format) {
  const Tag& open = tags[opener];
  const Tag& close = tags[closer];
  xmlNode* open_cell = ancestor(paragraphs[open.paragraph].element, format.cell, format);
  xmlNode* close_cell = ancestor(paragraphs[close.paragraph].element, format.cell, format);
  if (open_cell == nullptr || close_cell == nullptr) return std::nullopt;
  xmlNode* row = ancestor(open_cell, format.row, format);
  if (row == nullptr || row != ancestor(close_cell, format.row, format)) return std::nullopt;
  // What the row shows outside the section, and the row's label (its first cell's text).
  std::string outside;
  std::string label;
  const xmlNode* first_cell = nullptr;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    const Paragraph& paragraph = paragraphs[p];
    if (!is_inside(paragraph.element, row)) continue;
    xmlNode* cell = ancestor(paragraph.element, format.cell, format);
    if (first_cell == nullptr) first_cell = cell;
    const std::string shown = text_without_tags(paragraph, tags, 0, paragraph.text.size());
    if (cell == first_cell && has_words(shown)) label += (label.empty() ? "" : " ") + shown;
    if (p < open.paragraph || p > close.paragraph) {
      outside += shown;
    } else {
      if (p == open.paragraph) {
        outside += text_without_tags(paragraph, tags, 0, open.lexed.begin);
      }
      if (p == close.paragraph) {
        outside += text_without_tags(paragraph, tags, close.lexed.end, paragraph.text.size());
      }
    }
  }
  if (!has_words(outside)) return std::nullopt;
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.pop_back();
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t')) label.erase(0, 1);
  const std::string name = open.lexed.name;
  return RowWarning{
      open.lexed.text + " and " + close.lexed.text +
          " are in two cells of one table row, so the whole row '" + shorten(label) +
          "' goes when " + name + " is empty or false (and repeats for each item of a list)",
      "put both tags in one cell to keep the row; or each at the very start and end of the "
      "row, to repeat it"};
}

}  // namespace panelpack::templating
