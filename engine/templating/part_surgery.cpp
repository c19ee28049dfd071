#include "templating/part_surgery.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "templating/markers.hpp"

namespace panelpack::templating {
namespace {

class PartSurgeon {
 public:
  PartSurgeon(XmlDocument& document, const PartAnalysis& found, const std::string& part_name,
              const MarkupFormat& format)
      : document_(document),
        paragraphs_(found.paragraphs),
        tags_(found.tags),
        spaces_(found.spaces),
        line_breaks_(found.line_breaks_in_tags),
        doomed_(found.doomed),
        part_(part_name),
        format_(format),
        section_slots_(found.tags.size(), 0) {}

  PartProgram run() {
    // A crafted marker must never reach the cutter.
    for (xmlNode* node : doomed_) {
      xmlUnlinkNode(node);
      xmlFreeNode(node);
    }
    remove_spaces_inside_tags();
    remove_line_breaks_inside_tags();
    continue_repeated_lists();
    insert_guards();
    place_markers();
    rewrite_paragraphs();
    for (xmlNode* marker : lifted_nodes_) {
      lift(marker, markers_to_lift_.at(reinterpret_cast<const char*>(marker->content)));
    }
    return PartProgram(part_, format_, cut_at_markers(document_.serialize(), part_),
                       std::move(values_), std::move(sections_), std::move(sites_));
  }

 private:
  xmlNode* new_marker(const std::string& data) {
    return xmlNewDocPI(document_.get(), reinterpret_cast<const xmlChar*>(kMarkerTarget),
                       reinterpret_cast<const xmlChar*>(data.c_str()));
  }

  // An ODF span left holding only empty text (it held part of a tag) goes, rather than stay
  // behind empty. Word's runs are left as they are.
  void remove_emptied_spans(const Paragraph& paragraph) {
    if (!format_.text_element.local.empty() || format_.text_element.ns.empty()) return;
    std::set<xmlNode*> parents;
    for (const Piece& piece : paragraph.pieces) {
      if (piece.node->parent != paragraph.element) parents.insert(piece.node->parent);
    }
    for (xmlNode* parent : parents) {
      bool empty = true;
      for (const xmlNode* child = parent->children; child != nullptr && empty;
           child = child->next) {
        empty =
            child->type == XML_TEXT_NODE && (child->content == nullptr || child->content[0] == 0);
      }
      if (empty) {
        xmlUnlinkNode(parent);
        xmlFreeNode(parent);
      }
    }
  }

  // Is the paragraph's text before `offset` made only of tags?
  bool only_tags_before(const Paragraph& paragraph, std::size_t offset) const {
    std::size_t covered = 0;
    for (std::size_t t : paragraph.tags) {
      const LexedTag& lexed = tags_[t].lexed;
      if (lexed.begin >= offset) break;
      if (lexed.begin > covered) return false;
      covered = lexed.end;
    }
    return covered >= offset;
  }

  // A space typed inside a tag ({{ name }}) is part of the tag and goes with it.
  void remove_spaces_inside_tags() {
    for (const SpaceMark& space : spaces_) {
      for (std::size_t t : paragraphs_[space.paragraph].tags) {
        const LexedTag& lexed = tags_[t].lexed;
        if (lexed.begin < space.offset && space.offset < lexed.end) {
          xmlUnlinkNode(space.node);
          xmlFreeNode(space.node);
          break;
        }
      }
    }
  }

  // A Shift+Enter typed inside a tag goes with it, so the form has no blank line there.
  void remove_line_breaks_inside_tags() {
    for (const SpaceMark& line_break : line_breaks_) {
      xmlUnlinkNode(line_break.node);
      xmlFreeNode(line_break.node);
    }
  }

  // Copies of a list a paragraph section repeats must number on, as one list would.
  void continue_repeated_lists() {
    if (format_.list.local.empty()) return;
    const auto* attribute =
        reinterpret_cast<const xmlChar*>(format_.continue_numbering_attribute.data());
    for (const Tag& tag : tags_) {
      if (tag.placement != Placement::paragraph_level || tag.partner < 0 ||
          (tag.lexed.kind != TagKind::section && tag.lexed.kind != TagKind::inverted)) {
        continue;
      }
      const xmlNode* end =
          paragraphs_[tags_[static_cast<std::size_t>(tag.partner)].paragraph].block;
      for (xmlNode* node = paragraphs_[tag.paragraph].block->next; node != nullptr && node != end;
           node = node->next) {
        if (format_.is(node, format_.list) && xmlHasProp(node, attribute) == nullptr) {
          xmlSetNsProp(node, node->ns, attribute, reinterpret_cast<const xmlChar*>("true"));
        }
      }
    }
  }

  // After `element` and after the markers already put after it (inner sections close first).
  static void insert_after(xmlNode* element, xmlNode* marker) {
    xmlNode* anchor = element;
    while (is_marker(anchor->next) && anchor->next->content != nullptr &&
           anchor->next->content[0] == 'e') {
      anchor = anchor->next;
    }
    xmlAddNextSibling(anchor, marker);
  }

  void insert_guards() {
    std::set<xmlNode*> tables;
    std::set<xmlNode*> containers;
    for (const Tag& tag : tags_) {
      if (tag.placement == Placement::row_level) {
        tables.insert(ancestor(ancestor(paragraphs_[tag.paragraph].element, format_.cell, format_),
                               format_.table, format_));
      }
    }
    for (const Paragraph& paragraph : paragraphs_) {
      xmlNode* parent = paragraph.block->parent;
      if (paragraph.vanishes && format_.is_any(parent, format_.needs_paragraph)) {
        containers.insert(parent);
      }
    }
    for (xmlNode* table : tables) {
      xmlAddPrevSibling(table, new_marker("t"));
      xmlAddNextSibling(table, new_marker("u"));
    }
    for (xmlNode* container : containers) {
      xmlNode* open = new_marker("g");
      if (container->children != nullptr) {
        xmlAddPrevSibling(container->children, open);
      } else {
        xmlAddChild(container, open);
      }
      xmlAddChild(container, new_marker("h"));
    }
  }

  // Gives each tag its slot in the program and puts its marker beside its paragraph or row,
  // or notes where in the text it goes.
  void place_markers() {
    for (std::size_t i = 0; i < tags_.size(); ++i) {
      const Tag& tag = tags_[i];
      const Paragraph& paragraph = paragraphs_[tag.paragraph];
      const std::size_t site = sites_.size();
      sites_.push_back(
          TagSite{paragraph.number, shorten(paragraph.text), tag.lexed.text, tag.location});
      std::string marker;
      switch (tag.lexed.kind) {
        case TagKind::value: {
          ValueSlot slot{make_name_ref(tag.lexed.name), tag.lexed.filters, false, site,
                         only_tags_before(paragraph, tag.lexed.begin)};
          slot.has_default = std::any_of(slot.filters.begin(), slot.filters.end(),
                                         [](const FilterCall& f) { return f.name == "default"; });
          marker = "v" + std::to_string(values_.size());
          values_.push_back(std::move(slot));
          break;
        }
        case TagKind::section:
        case TagKind::inverted:
          section_slots_[i] = sections_.size();
          sections_.push_back(SectionSlot{
              make_name_ref(tag.lexed.name), tag.lexed.kind == TagKind::inverted, site, {}});
          marker = "s" + std::to_string(section_slots_[i]);
          break;
        case TagKind::close:
          marker = "e" + std::to_string(section_slots_[static_cast<std::size_t>(tag.partner)]);
          break;
        default:
          break;
      }
      if (marker.empty()) continue;
      switch (tag.placement) {
        case Placement::inline_text:
          inline_markers_[tag.paragraph].emplace(tag.lexed.begin, marker);
          if (tag.lifted) markers_to_lift_.emplace(marker, paragraph.element);
          break;
        case Placement::paragraph_level:
          if (paragraph.vanishes || tag.lexed.kind != TagKind::close) {
            xmlAddPrevSibling(paragraph.block, new_marker(marker));
          } else {
            insert_after(paragraph.block, new_marker(marker));
          }
          if (tag.lexed.kind == TagKind::close) {
            std::string& tail = sections_[section_slots_[static_cast<std::size_t>(tag.partner)]]
                                    .tail_in_last_paragraph;
            for (std::size_t b = 0; b < paragraph.page_breaks_kept_as_tail; ++b) {
              tail += format_.page_break_run;
            }
          }
          break;
        case Placement::row_level: {
          xmlNode* row =
              ancestor(ancestor(paragraph.element, format_.cell, format_), format_.row, format_);
          if (tag.lexed.kind == TagKind::close) {
            insert_after(row, new_marker(marker));
          } else {
            xmlAddPrevSibling(row, new_marker(marker));
          }
          break;
        }
        case Placement::none:
          break;
      }
    }
  }

  // Vanishing paragraphs go; the others lose their tags' text and get their inline markers.
  void rewrite_paragraphs() {
    for (std::size_t p = 0; p < paragraphs_.size(); ++p) {
      const Paragraph& paragraph = paragraphs_[p];
      if (paragraph.tags.empty()) continue;
      if (paragraph.vanishes) {
        xmlUnlinkNode(paragraph.block);
        xmlFreeNode(paragraph.block);
        continue;
      }
      rewrite_text(paragraph, inline_markers_[p]);
      remove_emptied_spans(paragraph);
    }
  }

  // Moves `marker` up until its parent is `paragraph`, splitting each element it leaves in
  // two: the copy after it takes the element's attributes, its properties (w:rPr) and
  // everything that followed the marker.
  void lift(xmlNode* marker, xmlNode* paragraph) {
    while (marker->parent != nullptr && marker->parent != paragraph) {
      xmlNode* element = marker->parent;
      // Same name and namespace (by pointer: the declarations above still apply), same
      // attributes.
      xmlNode* after = xmlNewDocNode(document_.get(), element->ns, element->name, nullptr);
      if (after == nullptr) throw std::bad_alloc();
      xmlAddNextSibling(element, after);  // in the tree first, so copied attributes find their
                                          // namespace declarations instead of adding new ones
      after->properties = xmlCopyPropList(after, element->properties);
      for (xmlNode* child = element->children; child != nullptr; child = child->next) {
        if (format_.is_any(child, format_.property_elements)) {
          // Cloned against its new parent, so it reuses the namespace declarations in scope.
          xmlNode* copy = nullptr;
          if (xmlDOMWrapCloneNode(nullptr, document_.get(), child, &copy, document_.get(), after, 1,
                                  0) != 0 ||
              copy == nullptr) {
            throw std::bad_alloc();
          }
          xmlAddChild(after, copy);
          break;
        }
      }
      bool has_content = false;
      while (marker->next != nullptr) {
        xmlNode* moving = marker->next;
        xmlUnlinkNode(moving);
        xmlAddChild(after, moving);
        has_content = true;
      }
      xmlUnlinkNode(marker);
      xmlAddPrevSibling(after, marker);
      if (!has_content) {
        xmlUnlinkNode(after);
        xmlFreeNode(after);
      }
      if (holds_only_properties(element)) {
        xmlUnlinkNode(element);
        xmlFreeNode(element);
      }
    }
  }

  // An element left with nothing but its properties (an emptied run or span) can go.
  bool holds_only_properties(const xmlNode* element) const {
    for (const xmlNode* child = element->children; child != nullptr; child = child->next) {
      // Text that is document text counts; white space between elements (indentation) not.
      if (child->type == XML_TEXT_NODE && child->content != nullptr && child->content[0] != 0 &&
          format_.holds_document_text(child)) {
        return false;
      }
      if (child->type == XML_ELEMENT_NODE && !format_.is_any(child, format_.property_elements)) {
        return false;
      }
      if (child->type == XML_PI_NODE) return false;
    }
    return true;
  }

  // Removes every tag's text from the paragraph and puts the inline markers where tags began.
  // This is the healing: a tag Word split over several runs ends up whole in the first one.
  void rewrite_text(const Paragraph& paragraph,
                    const std::multimap<std::size_t, std::string>& markers) {
    std::vector<bool> removed(paragraph.text.size(), false);
    for (std::size_t t : paragraph.tags) {
      const LexedTag& lexed = tags_[t].lexed;
      for (std::size_t i = lexed.begin; i < lexed.end && i < removed.size(); ++i) removed[i] = true;
    }
    for (const Piece& piece : paragraph.pieces) {
      const std::size_t end = piece.begin + piece.length;
      bool touched = false;
      for (std::size_t i = piece.begin; i < end; ++i) touched = touched || removed[i];
      if (!touched) continue;
      // Segments alternate: text, marker, text, marker, ..., text.
      std::vector<std::string> texts(1);
      std::vector<std::string> marker_data;
      for (std::size_t i = piece.begin; i < end; ++i) {
        for (auto [it, last] = markers.equal_range(i); it != last; ++it) {
          marker_data.push_back(it->second);
          texts.emplace_back();
        }
        if (!removed[i]) texts.back() += paragraph.text[i];
      }
      xmlNode* node = piece.node;
      xmlNodeSetContent(node, reinterpret_cast<const xmlChar*>(texts.front().c_str()));
      xmlNode* previous = node;
      for (std::size_t m = 0; m < marker_data.size(); ++m) {
        xmlNode* marker = new_marker(marker_data[m]);
        if (markers_to_lift_.count(marker_data[m]) > 0) lifted_nodes_.push_back(marker);
        xmlAddNextSibling(previous, marker);
        previous = marker;
        if (!texts[m + 1].empty()) {
          xmlNode* text = xmlNewDocText(document_.get(),
                                        reinterpret_cast<const xmlChar*>(texts[m + 1].c_str()));
          previous = xmlAddNextSibling(previous, text);
        }
      }
      if (format_.preserve_space_on_text_element) xmlNodeSetSpacePreserve(node->parent, 1);
    }
  }

  XmlDocument& document_;
  const std::vector<Paragraph>& paragraphs_;
  const std::vector<Tag>& tags_;
  const std::vector<SpaceMark>& spaces_;
  const std::vector<SpaceMark>& line_breaks_;
  const std::vector<xmlNode*>& doomed_;
  std::string part_;
  const MarkupFormat& format_;
  std::vector<std::size_t> section_slots_;  // per tag: a section's slot in the program
  std::vector<ValueSlot> values_;
  std::vector<SectionSlot> sections_;
  std::vector<TagSite> sites_;
  // Per paragraph: where inline markers go (offset → marker data, in tag order).
  std::map<std::size_t, std::multimap<std::size_t, std::string>> inline_markers_;
  std::map<std::string, xmlNode*> markers_to_lift_;  // marker data → its paragraph
  std::vector<xmlNode*> lifted_nodes_;
};

}  // namespace

PartProgram build_program(XmlDocument& document, const PartAnalysis& found,
                          const std::string& part_name, const MarkupFormat& format) {
  return PartSurgeon(document, found, part_name, format).run();
}

}  // namespace panelpack::templating
