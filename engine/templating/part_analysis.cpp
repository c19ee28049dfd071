#include "templating/part_analysis.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "templating/broken_tags.hpp"
#include "templating/markers.hpp"
#include "templating/near_tags.hpp"
#include "templating/row_sections.hpp"
#include "templating/text_warnings.hpp"
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
               const MarkupFormat& format, const Delimiters& delimiters, const PartPlace& place,
               const LinkTargets* links)
      : document_(document),
        part_(part_name),
        format_(format),
        delimiters_(delimiters),
        locator_(document.root(), format, place),
        links_(links) {}

  PartAnalysis run() {
    doom_crafted_markers_beside_root();
    collect(document_.root(), -1, false);
    lex();
    join_tags_broken_by_enter();
    warn_near_tags();
    PartAnalysis found;
    if (!tags_.empty()) {
      pair_sections();
      place_sections();
      check_row_overlaps();
      mark_vanishing_paragraphs();
      found.tag_infos = tag_infos();
    }
    sort_in_document_order(diagnostics_);
    found.paragraphs = std::move(paragraphs_);
    found.tags = std::move(tags_);
    found.spaces = std::move(spaces_);
    found.line_breaks_in_tags = std::move(line_breaks_in_tags_);
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
      if (child->type == XML_ELEMENT_NODE && paragraph >= 0)
        note_links_and_breaks(child, paragraph);
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
          const std::size_t before = diagnostics_.size();
          report_with_fix(tag, tag.lexed.problem_code, tag.lexed.problem, tag.lexed.hint,
                          tag.lexed.fix);
          if (diagnostics_.size() > before) diagnostics_.back().suggestion = tag.lexed.suggestion;
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

  // report() and, when it was not a repeat it left out, the fix written out.
  void report_with_fix(const Tag& tag, std::string code, std::string message, std::string hint,
                       const std::string& fix, Severity severity = Severity::error) {
    const std::size_t before = diagnostics_.size();
    report(tag, std::move(code), std::move(message), std::move(hint), severity);
    if (diagnostics_.size() > before) diagnostics_.back().fix = fix;
  }

  // Links whose address holds a tag, and line breaks, as the tree walk meets them.
  void note_links_and_breaks(const xmlNode* element, long paragraph) {
    const auto index = static_cast<std::size_t>(paragraph);
    if (is_soft_line_break(element, format_)) {
      line_breaks_.push_back(
          SpaceMark{const_cast<xmlNode*>(element), index, paragraphs_[index].text.size()});
    } else if (auto tag = tag_in_link(element, format_, links_)) {
      tagged_links_.emplace_back(index, *tag);
    }
  }

  // "{{child." then Enter then "name}}": one message at the first paragraph, not two.
  void join_tags_broken_by_enter() {
    for (const BrokenTag& broken : find_tags_broken_by_enter(paragraphs_, tags_, delimiters_)) {
      const Tag& first = tags_[broken.first];
      const Tag& second = tags_[broken.second];
      const auto said = [&](const Tag& tag, const std::string& code) {
        return std::find_if(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
          return d.code == code && d.tag == tag.lexed.text &&
                 d.paragraph == paragraphs_[tag.paragraph].number;
        });
      };
      const auto unclosed = said(first, first.lexed.problem_code);
      if (unclosed == diagnostics_.end()) continue;
      unclosed->message = "this tag is broken over two lines: Enter was pressed inside it";
      unclosed->hint = "join the two lines: " + broken.fix;
      unclosed->fix = broken.fix;
      const auto unopened = said(second, "unopened_tag");
      if (unopened != diagnostics_.end()) diagnostics_.erase(unopened);
    }
  }

  // Near-tags, tags in link addresses and line breaks typed inside tags: warnings.
  void warn_near_tags() {
    auto warnings = near_tag_warnings(paragraphs_, tags_, delimiters_, format_);
    for (auto& warning : link_warnings(tagged_links_)) warnings.push_back(std::move(warning));
    for (auto& warning :
         line_break_warnings(paragraphs_, tags_, line_breaks_, line_breaks_in_tags_))
      warnings.push_back(std::move(warning));
    for (auto& warning : warnings) {
      Tag place;  // a warning's place: its paragraph, and what was typed as its "tag"
      place.lexed.text = std::move(warning.text);
      place.paragraph = warning.paragraph;
      place.location = locator_.locate(paragraphs_[warning.paragraph].element);
      report_with_fix(place, std::move(warning.code), std::move(warning.message),
                      std::move(warning.hint), warning.fix, Severity::warning);
    }
  }

  void pair_sections() {
    std::vector<std::size_t> open;
    std::vector<std::size_t> unclosed;
    for (std::size_t i = 0; i < tags_.size(); ++i) {
      Tag& tag = tags_[i];
      for (std::size_t o : open) tag.scope.push_back(tags_[o].lexed.name);
      if (tag.failed) continue;
      const TagKind kind = tag.lexed.kind;
      if (kind == TagKind::section || kind == TagKind::inverted) {
        open.push_back(i);
      } else if (kind == TagKind::close) {
        // The close of the section one level out: the inner one was left open. One message,
        // at the inner section, and the outer one closes here as typed.
        if (open.size() >= 2 && !tag.lexed.name.empty() &&
            tag.lexed.name != tags_[open.back()].lexed.name &&
            tag.lexed.name == tags_[open[open.size() - 2]].lexed.name) {
          unclosed.push_back(open.back());
          open.pop_back();
          tag.scope.pop_back();
        }
        if (opened_by_value_tag(i, open)) continue;
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
          report_with_fix(
              tag, "mismatched_close",
              "this close does not match the open section " + opener.lexed.text,
              "close " + opener.lexed.text + " with " + delimiters_for(opener) + " first",
              delimiters_for(opener));
          continue;
        }
        opener.partner = static_cast<long>(i);
        tag.partner = static_cast<long>(&opener - tags_.data());
      }
    }
    unclosed.insert(unclosed.end(), open.begin(), open.end());
    std::sort(unclosed.begin(), unclosed.end());
    for (std::size_t o : unclosed) {
      tags_[o].failed = true;
      report_with_fix(tags_[o], "unclosed_section", "this section is never closed in this part",
                      "add the closing tag (e.g. " + delimiters_for(tags_[o]) +
                          "); a section cannot continue into another header, footer or the body",
                      delimiters_for(tags_[o]));
    }
  }

  // A close whose open tag was typed without its '#' ({{child.siblings}} … {{/child.siblings}}):
  // one message at that value tag, and the tags between sit in the section the author meant.
  bool opened_by_value_tag(std::size_t close_index, const std::vector<std::size_t>& open) {
    Tag& closer = tags_[close_index];
    const std::string& name = closer.lexed.name;
    if (name.empty() || (!open.empty() && tags_[open.back()].lexed.name == name)) return false;
    const std::size_t first = open.empty() ? 0 : open.back() + 1;
    for (std::size_t v = close_index; v-- > first;) {
      Tag& value = tags_[v];
      if (value.failed || value.lexed.kind != TagKind::value || value.lexed.name != name ||
          value.scope.size() != open.size()) {
        continue;
      }
      value.lexed.kind = TagKind::section;  // as meant, so the tags list and schema see a section
      value.failed = true;
      closer.failed = true;
      for (std::size_t t = v + 1; t < close_index; ++t) {
        auto& scope = tags_[t].scope;
        scope.insert(scope.begin() + static_cast<long>(open.size()), name);
      }
      const std::string open_tag = with_sigil(value, '#');
      report_with_fix(value, "section_without_hash",
                      value.lexed.text + " is closed by " + closer.lexed.text +
                          " later, so it starts a section: its '#' is missing",
                      "write " + open_tag + " to repeat over it (or " + with_sigil(value, '^') +
                          " for 'when there is none')",
                      open_tag);
      return true;
    }
    return false;
  }

  // "{{#name}}" from a value tag "{{name}}", in the delimiters it was typed with.
  static std::string with_sigil(const Tag& value, char sigil) {
    std::string text = value.lexed.text;
    const std::size_t at = text.find(value.lexed.name);
    if (at == std::string::npos) return text;
    text.insert(at, 1, sigil);
    return text;
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

  // Where a tag stands, in Word's terms ("in table 'Name', row 'Child ID'", "under '3. Legal
  // status'"); the paragraph's number when nothing else is known or to tell two apart.
  std::string describe_place(const Tag& tag, bool with_number) const {
    const std::string number = "paragraph " + std::to_string(paragraphs_[tag.paragraph].number);
    const std::string where = describe_location(tag.location);
    if (where.empty()) return number;
    const std::string place = where.starts_with("under ") ? where : "in " + where;
    return with_number ? place + " (" + number + ")" : place;
  }

  void misplaced(Tag& opener, Tag& closer, const std::string& why) {
    opener.failed = true;
    closer.failed = true;
    const bool alike = describe_location(opener.location) == describe_location(closer.location);
    report(opener, "misplaced_section",
           opener.lexed.text + " is " + describe_place(opener, alike) + " and " +
               closer.lexed.text + " " + describe_place(closer, alike) + ": " + why,
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
          if (auto goes = row_goes_with_section(paragraphs_, tags_, i,
                                                static_cast<std::size_t>(tag.partner), format_)) {
            report(tag, "section_removes_row", goes->message, goes->hint, Severity::warning);
          }
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

  std::size_t breaks_in_tags_of(const Paragraph& paragraph) const {
    const auto index = static_cast<std::size_t>(&paragraph - paragraphs_.data());
    return static_cast<std::size_t>(
        std::count_if(line_breaks_in_tags_.begin(), line_breaks_in_tags_.end(),
                      [index](const SpaceMark& mark) { return mark.paragraph == index; }));
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
        non_text.other -= std::min(non_text.other, breaks_in_tags_of(paragraph));  // go with tags
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
  const LinkTargets* links_;
  std::vector<SpaceMark> line_breaks_;
  std::vector<SpaceMark> line_breaks_in_tags_;
  std::vector<std::pair<std::size_t, std::string>> tagged_links_;  // paragraph, tag
  int paragraph_count_ = 0;
};

}  // namespace

bool PartAnalysis::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const auto& d) { return d.severity == Severity::error; });
}

PartAnalysis analyse_part(const XmlDocument& document, const std::string& part_name,
                          const MarkupFormat& format, const Delimiters& delimiters,
                          const PartPlace& place, const LinkTargets* links) {
  return PartAnalyser(document, part_name, format, delimiters, place, links).run();
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
