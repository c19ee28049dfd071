#include "templating/part_analysis.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "templating/markers.hpp"
#include "text/utf8.hpp"

namespace panelpack::templating {
namespace {

constexpr std::size_t kExcerptBytes = 60;

// What a section tag's paragraph holds besides text.
struct NonText {
  std::size_t page_breaks = 0;
  std::size_t other = 0;  // pictures, line breaks, fields...
};

bool is_blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') continue;
    if (text.substr(i, 2) == "\xC2\xA0") {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

bool is_section_kind(TagKind kind) {
  return kind == TagKind::section || kind == TagKind::inverted || kind == TagKind::close;
}

bool is_invisible_kind(TagKind kind) {
  return kind == TagKind::comment || kind == TagKind::set_delimiters;
}

bool is_inside(const xmlNode* node, const xmlNode* outer) {
  for (; node != nullptr; node = node->parent) {
    if (node == outer) return true;
  }
  return false;
}

class PartAnalyser {
 public:
  PartAnalyser(const XmlDocument& document, const std::string& part_name,
               const MarkupFormat& format, const Delimiters& delimiters, const PartPlace& place)
      : document_(document),
        part_(part_name),
        format_(format),
        delimiters_(delimiters),
        locator_(document.root(), format, place) {}

  PartAnalysis run() {
    doom_crafted_markers_beside_root();
    collect(document_.root(), -1, false);
    lex();
    PartAnalysis found;
    if (!tags_.empty()) {
      pair_sections();
      place_sections();
      check_row_overlaps();
      mark_vanishing_paragraphs();
      found.tag_infos = tag_infos();
      sort_in_document_order(diagnostics_);
    }
    found.paragraphs = std::move(paragraphs_);
    found.tags = std::move(tags_);
    found.spaces = std::move(spaces_);
    found.doomed = std::move(doomed_);
    found.diagnostics = std::move(diagnostics_);
    return found;
  }

 private:
  // A PI or comment before or after the root element is serialised too, so a crafted marker
  // there would reach the cutter just as one inside the body would.
  void doom_crafted_markers_beside_root() {
    for (xmlNode* node = document_.get()->children; node != nullptr; node = node->next) {
      if (mentions_marker(node)) doomed_.push_back(node);
    }
  }

  // Walks the tree in document order, gathering paragraphs and the text nodes they own.
  void collect(xmlNode* node, long paragraph, bool in_fallback) {
    const bool properties = format_.paragraph.empty();
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) {
        if (format_.is(child, format_.fallback)) {
          collect(child, paragraph, true);
        } else if (paragraph >= 0 && format_.is(child, format_.space_element)) {
          spaces_.push_back(
              SpaceMark{child, static_cast<std::size_t>(paragraph),
                        paragraphs_[static_cast<std::size_t>(paragraph)].text.size()});
        } else if (format_.is_paragraph(child) || (properties && holds_text(child))) {
          collect(child, new_paragraph(child, in_fallback), in_fallback);
        } else {
          collect(child, paragraph, in_fallback);
        }
      } else if (child->type == XML_TEXT_NODE && paragraph >= 0 && child->content != nullptr &&
                 format_.holds_document_text(child)) {
        Paragraph& owner = paragraphs_[static_cast<std::size_t>(paragraph)];
        const std::string_view text(reinterpret_cast<const char*>(child->content));
        owner.pieces.push_back(Piece{child, owner.text.size(), text.size()});
        owner.text += text;
      } else if (mentions_marker(child)) {
        doomed_.push_back(child);  // a crafted marker must never reach the output
      }
    }
  }

  static bool holds_text(const xmlNode* element) {
    for (const xmlNode* child = element->children; child != nullptr; child = child->next) {
      if (child->type == XML_TEXT_NODE) return true;
    }
    return false;
  }

  // A list item holding nothing but this paragraph goes and repeats with it, so repeated
  // items stay in one list and the numbers run on.
  xmlNode* block_of(xmlNode* paragraph) const {
    xmlNode* item = paragraph->parent;
    if (!format_.is(item, format_.list_item)) return paragraph;
    for (const xmlNode* child = item->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && child != paragraph) return paragraph;
    }
    return item;
  }

  long new_paragraph(xmlNode* element, bool in_fallback) {
    paragraphs_.push_back(
        Paragraph{element, block_of(element), in_fallback ? 0 : ++paragraph_count_, {}, {}, {}});
    return static_cast<long>(paragraphs_.size() - 1);
  }

  void lex() {
    Delimiters delimiters = delimiters_;
    for (std::size_t p = 0; p < paragraphs_.size(); ++p) {
      Paragraph& paragraph = paragraphs_[p];
      if (paragraph.text.empty()) continue;
      for (LexedTag& lexed : lex_paragraph(paragraph.text, delimiters)) {
        Tag tag;
        tag.lexed = std::move(lexed);
        tag.paragraph = p;
        tag.location = locator_.locate(paragraph.element);
        if (tag.lexed.kind == TagKind::invalid) {
          tag.failed = true;
          report(tag, tag.lexed.problem_code, tag.lexed.problem, tag.lexed.hint);
        }
        paragraph.tags.push_back(tags_.size());
        tags_.push_back(std::move(tag));
      }
    }
  }

  void report(const Tag& tag, std::string code, std::string message, std::string hint,
              Severity severity = Severity::error) {
    const Paragraph& paragraph = paragraphs_[tag.paragraph];
    Diagnostic diagnostic{std::move(code),
                          severity,
                          part_,
                          paragraph.number,
                          shorten(paragraph.text),
                          tag.lexed.text,
                          std::move(message),
                          std::move(hint),
                          tag.location,
                          {},
                          {}};
    // The fallback copy of a text box repeats the first copy's mistakes: say them once.
    if (paragraph.number == 0) {
      for (const auto& seen : diagnostics_) {
        if (seen.code == diagnostic.code && seen.tag == diagnostic.tag) return;
      }
    }
    diagnostics_.push_back(std::move(diagnostic));
  }

  void pair_sections() {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < tags_.size(); ++i) {
      Tag& tag = tags_[i];
      for (std::size_t o : open) tag.scope.push_back(tags_[o].lexed.name);
      if (tag.failed) continue;
      const TagKind kind = tag.lexed.kind;
      if (kind == TagKind::section || kind == TagKind::inverted) {
        open.push_back(i);
      } else if (kind == TagKind::close) {
        if (open.empty()) {
          tag.failed = true;
          report(tag, "unopened_close", "this closes a section that was never opened",
                 "remove it, or add the opening tag before it");
          continue;
        }
        Tag& opener = tags_[open.back()];
        open.pop_back();
        tag.scope.pop_back();
        if (!tag.lexed.name.empty() && tag.lexed.name != opener.lexed.name) {
          tag.failed = true;
          opener.failed = true;  // closed here all the same, so no "unclosed" follows
          report(tag, "mismatched_close",
                 "this close does not match the open section " + opener.lexed.text,
                 "close " + opener.lexed.text + " with " + delimiters_for(opener) + " first");
          continue;
        }
        opener.partner = static_cast<long>(i);
        tag.partner = static_cast<long>(&opener - tags_.data());
      }
    }
    for (std::size_t o : open) {
      tags_[o].failed = true;
      report(tags_[o], "unclosed_section", "this section is never closed in this part",
             "add the closing tag (e.g. " + delimiters_for(tags_[o]) +
                 "); a section cannot continue into another header, footer or the body");
    }
  }

  // "{{/name}}" in the delimiters the open tag was typed with.
  static std::string delimiters_for(const Tag& opener) {
    const std::string& text = opener.lexed.text;
    const std::size_t sigil = text.find_first_of("#^");
    if (sigil == std::string::npos) return "/" + opener.lexed.name;
    std::string close_tag = text;
    close_tag[sigil] = '/';
    return close_tag;
  }

  const Piece& piece_at(const Paragraph& paragraph, std::size_t offset) const {
    for (const Piece& piece : paragraph.pieces) {
      if (offset >= piece.begin && offset < piece.begin + piece.length) return piece;
    }
    return paragraph.pieces.back();
  }

  // The element names from a text node up to its paragraph: two markers may only bracket a
  // repeated fragment if both sit at the same depth under the same kinds of element.
  std::vector<std::pair<const xmlChar*, const xmlChar*>> chain(const Tag& tag) const {
    const Paragraph& paragraph = paragraphs_[tag.paragraph];
    std::vector<std::pair<const xmlChar*, const xmlChar*>> names;
    for (const xmlNode* node = piece_at(paragraph, tag.lexed.begin).node->parent;
         node != nullptr && node != paragraph.element; node = node->parent) {
      names.emplace_back(node->ns != nullptr ? node->ns->href : nullptr, node->name);
    }
    return names;
  }

  bool same_chain(const Tag& a, const Tag& b) const {
    auto ca = chain(a);
    auto cb = chain(b);
    if (ca.size() != cb.size()) return false;
    for (std::size_t i = 0; i < ca.size(); ++i) {
      if (!xmlStrEqual(ca[i].first, cb[i].first) || !xmlStrEqual(ca[i].second, cb[i].second)) {
        return false;
      }
    }
    return true;
  }

  // Only white space, comments and set-delimiter tags beside this one section tag.
  bool is_alone(const Paragraph& paragraph, std::size_t tag_index) const {
    std::string rest;
    std::size_t pos = 0;
    for (std::size_t t : paragraph.tags) {
      const Tag& other = tags_[t];
      if (t != tag_index && !is_invisible_kind(other.lexed.kind)) return false;
      rest += paragraph.text.substr(pos, other.lexed.begin - pos);
      pos = other.lexed.end;
    }
    rest += paragraph.text.substr(std::min(pos, paragraph.text.size()));
    return is_blank(rest) && !holds_keeper(paragraph.element);
  }

  bool holds_keeper(const xmlNode* node) const {
    if (format_.keeps_paragraph.local.empty()) return false;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (format_.is(child, format_.keeps_paragraph) || holds_keeper(child)) return true;
    }
    return false;
  }

  std::string describe_place(const Paragraph& paragraph) const {
    std::string place = "paragraph " + std::to_string(paragraph.number);
    if (ancestor(paragraph.element, format_.cell, format_) != nullptr)
      place += " (in a table cell)";
    return place;
  }

  void misplaced(Tag& opener, Tag& closer, const std::string& why) {
    opener.failed = true;
    closer.failed = true;
    report(opener, "misplaced_section",
           opener.lexed.text + " is in " + describe_place(paragraphs_[opener.paragraph]) + " and " +
               closer.lexed.text + " in " + describe_place(paragraphs_[closer.paragraph]) + ": " +
               why,
           "put both tags in one paragraph; or each alone in its own paragraph of the same "
           "page, cell or text box; or in cells of one table to repeat its rows");
  }

  void place_sections() {
    for (std::size_t i = 0; i < tags_.size(); ++i) {
      Tag& tag = tags_[i];
      if (tag.failed) continue;
      if (tag.lexed.kind == TagKind::value) tag.placement = Placement::inline_text;
      if (tag.lexed.kind != TagKind::section && tag.lexed.kind != TagKind::inverted) continue;
      Tag& closer = tags_[static_cast<std::size_t>(tag.partner)];
      const Paragraph& open_paragraph = paragraphs_[tag.paragraph];
      const Paragraph& close_paragraph = paragraphs_[closer.paragraph];
      Placement placement = Placement::inline_text;
      if (tag.paragraph != closer.paragraph) {
        xmlNode* open_cell = ancestor(open_paragraph.element, format_.cell, format_);
        xmlNode* close_cell = ancestor(close_paragraph.element, format_.cell, format_);
        if (open_paragraph.block->parent == close_paragraph.block->parent &&
            xmlStrEqual(open_paragraph.block->name, close_paragraph.block->name)) {
          const bool open_alone = is_alone(open_paragraph, i);
          const bool close_alone = is_alone(close_paragraph, static_cast<std::size_t>(tag.partner));
          if (open_alone && close_alone) {
            placement = Placement::paragraph_level;
          } else {
            report(open_alone ? closer : tag, "section_shares_paragraph",
                   "a section tag shares its paragraph with other text, so the paragraphs "
                   "where it opens and closes will be joined",
                   "put " + tag.lexed.text + " and " + closer.lexed.text +
                       " each alone on its own line",
                   Severity::warning);
          }
        } else if (open_cell != nullptr && close_cell != nullptr && open_cell != close_cell &&
                   rows_of(open_cell, close_cell).has_value()) {
          placement = Placement::row_level;
        } else {
          misplaced(tag, closer, "the part between them cannot be repeated and stay well-formed");
          continue;
        }
      }
      if (placement == Placement::inline_text && !same_chain(tag, closer)) {
        // One sits deeper (in a span, a link) than the other: split the elements around both
        // markers so each becomes a child of its paragraph, where the text between them is
        // well-formed to repeat.
        tag.lifted = true;
        closer.lifted = true;
      }
      tag.placement = placement;
      closer.placement = placement;
    }
  }

  // The rows from the open cell's row to the close cell's, when both are rows of one table.
  std::optional<std::vector<xmlNode*>> rows_of(xmlNode* open_cell, xmlNode* close_cell) const {
    xmlNode* first = ancestor(open_cell, format_.row, format_);
    xmlNode* last = ancestor(close_cell, format_.row, format_);
    if (first == nullptr || last == nullptr) return std::nullopt;
    if (ancestor(first, format_.table, format_) != ancestor(last, format_.table, format_))
      return std::nullopt;
    std::vector<xmlNode*> rows;
    for (xmlNode* row = first; row != nullptr; row = row->next) {
      if (format_.is(row, format_.row)) rows.push_back(row);
      if (row == last) return rows;
    }
    return std::nullopt;  // not siblings (a row inside a content control, for instance)
  }

  // A section typed outside a row section but sitting in the rows it repeats would be repeated
  // with items it was not written for: refuse it (docxtemplater's unbalanced loop).
  void check_row_overlaps() {
    for (std::size_t r = 0; r < tags_.size(); ++r) {
      const Tag& row_open = tags_[r];
      if (row_open.failed || row_open.placement != Placement::row_level || row_open.partner < 0 ||
          static_cast<std::size_t>(row_open.partner) < r) {
        continue;
      }
      const auto row_close_index = static_cast<std::size_t>(row_open.partner);
      const auto rows = rows_of(
          ancestor(paragraphs_[row_open.paragraph].element, format_.cell, format_),
          ancestor(paragraphs_[tags_[row_close_index].paragraph].element, format_.cell, format_));
      if (!rows) continue;
      for (std::size_t s = 0; s < tags_.size(); ++s) {
        Tag& other = tags_[s];
        if (s == r || other.failed || other.partner < 0 ||
            (other.lexed.kind != TagKind::section && other.lexed.kind != TagKind::inverted)) {
          continue;
        }
        const auto other_close = static_cast<std::size_t>(other.partner);
        const bool nested = r < s && other_close < row_close_index;
        const bool encloses = s < r && row_close_index < other_close;
        if (nested || encloses) continue;
        const auto in_rows = [&](const Tag& t) {
          return std::any_of(rows->begin(), rows->end(), [&](const xmlNode* row) {
            return is_inside(paragraphs_[t.paragraph].element, row);
          });
        };
        if (in_rows(other) || in_rows(tags_[other_close])) {
          other.failed = true;
          tags_[other_close].failed = true;
          report(other, "misplaced_section",
                 other.lexed.text + " sits in the table rows that " + row_open.lexed.text +
                     " repeats, but outside that section's tags",
                 "move it between " + row_open.lexed.text + " and " +
                     tags_[row_close_index].lexed.text + ", or out of those rows");
        }
      }
    }
  }

  void count_non_text(const xmlNode* node, NonText& found) const {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      if (format_.is_any(child, format_.content_elements)) {
        xmlChar* type = format_.is(child, format_.line_break)
                            ? xmlGetNsProp(child, reinterpret_cast<const xmlChar*>("type"),
                                           child->ns != nullptr ? child->ns->href : nullptr)
                            : nullptr;
        const bool page =
            type != nullptr && xmlStrEqual(type, reinterpret_cast<const xmlChar*>("page"));
        xmlFree(type);
        ++(page ? found.page_breaks : found.other);
      } else {
        count_non_text(child, found);
      }
    }
  }

  void mark_vanishing_paragraphs() {
    for (Paragraph& paragraph : paragraphs_) {
      if (paragraph.tags.empty()) continue;
      bool vanishes = true;
      const Tag* section = nullptr;
      for (std::size_t t : paragraph.tags) {
        const Tag& tag = tags_[t];
        if (is_section_kind(tag.lexed.kind) && tag.placement == Placement::paragraph_level) {
          section = &tag;
        } else if (!is_invisible_kind(tag.lexed.kind)) {
          vanishes = false;
        }
      }
      if (!vanishes) continue;
      if (section != nullptr) {
        // A picture or break beside a section tag is content a person put there: the
        // paragraph stays, inside the section. A close tag's page breaks end the last item.
        NonText non_text;
        count_non_text(paragraph.element, non_text);
        if (non_text.other > 0 ||
            (non_text.page_breaks > 0 && section->lexed.kind != TagKind::close)) {
          vanishes = false;
        } else {
          paragraph.page_breaks_kept_as_tail = non_text.page_breaks;
        }
      } else {
        // Only comments and set-delimiter tags: the paragraph goes if nothing else is in it.
        std::string rest;
        std::size_t pos = 0;
        for (std::size_t t : paragraph.tags) {
          rest += paragraph.text.substr(pos, tags_[t].lexed.begin - pos);
          pos = tags_[t].lexed.end;
        }
        rest += paragraph.text.substr(std::min(pos, paragraph.text.size()));
        vanishes = is_blank(rest) && !holds_keeper(paragraph.element) && !format_.paragraph.empty();
      }
      paragraph.vanishes = vanishes;
    }
  }

  std::vector<TagInfo> tag_infos() const {
    std::vector<TagInfo> infos;
    for (const Tag& tag : tags_) {
      if (tag.lexed.kind == TagKind::invalid) continue;
      TagInfo info;
      switch (tag.lexed.kind) {
        case TagKind::value:
          info.kind = TagInfo::Kind::value;
          break;
        case TagKind::section:
          info.kind = TagInfo::Kind::section;
          break;
        case TagKind::inverted:
          info.kind = TagInfo::Kind::inverted_section;
          break;
        case TagKind::close:
          info.kind = TagInfo::Kind::close;
          break;
        case TagKind::comment:
          info.kind = TagInfo::Kind::comment;
          break;
        case TagKind::set_delimiters:
          info.kind = TagInfo::Kind::set_delimiters;
          break;
        case TagKind::invalid:
          break;
      }
      info.text = tag.lexed.text;
      info.path = tag.lexed.name;
      info.scope = tag.scope;
      for (const auto& filter : tag.lexed.filters) info.filters.push_back(filter.name);
      info.part = part_;
      info.paragraph = paragraphs_[tag.paragraph].number;
      info.excerpt = shorten(paragraphs_[tag.paragraph].text);
      info.location = tag.location;
      // The fallback copy of a text box repeats the first copy's tags: list them once.
      if (info.paragraph == 0 && std::any_of(infos.begin(), infos.end(), [&](const TagInfo& seen) {
            return seen.paragraph > 0 && seen.text == info.text;
          })) {
        continue;
      }
      infos.push_back(std::move(info));
    }
    return infos;
  }

  const XmlDocument& document_;
  std::string part_;
  const MarkupFormat& format_;
  Delimiters delimiters_;
  WordLocator locator_;
  std::vector<Paragraph> paragraphs_;
  std::vector<Tag> tags_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<xmlNode*> doomed_;
  std::vector<SpaceMark> spaces_;
  int paragraph_count_ = 0;
};

}  // namespace

bool PartAnalysis::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const auto& d) { return d.severity == Severity::error; });
}

PartAnalysis analyse_part(const XmlDocument& document, const std::string& part_name,
                          const MarkupFormat& format, const Delimiters& delimiters,
                          const PartPlace& place) {
  return PartAnalyser(document, part_name, format, delimiters, place).run();
}

std::string shorten(std::string_view text) {
  std::string clean;
  for (char ch : text) clean += (ch == '\t' || ch == '\n' || ch == '\r') ? ' ' : ch;
  if (clean.size() <= kExcerptBytes) return clean;
  return clean.substr(0, text::utf8_prefix_length(clean, kExcerptBytes)) + "\xE2\x80\xA6";
}

xmlNode* ancestor(xmlNode* node, const QualifiedName& name, const MarkupFormat& format) {
  if (name.local.empty()) return nullptr;
  for (node = node->parent; node != nullptr; node = node->parent) {
    if (format.is(node, name)) return node;
  }
  return nullptr;
}

}  // namespace panelpack::templating
