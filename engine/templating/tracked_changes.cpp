#include "templating/tracked_changes.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kWord = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kOdfText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

// What accepting a change does to the element that records it.
enum class Acceptance { none, keep_content, drop, drop_row, join_paragraph };

bool named(const xmlNode* node, std::string_view ns, std::initializer_list<std::string_view> any) {
  for (std::string_view local : any) {
    if (is_element(node, ns, local)) return true;
  }
  return false;
}

Acceptance word_acceptance(const xmlNode* node) {
  const xmlNode* parent = node->parent;
  if (named(node, kWord, {"ins", "del"})) {
    // In a row's properties the whole row was inserted or deleted.
    if (is_element(parent, kWord, "trPr")) {
      return is_element(node, kWord, "del") ? Acceptance::drop_row : Acceptance::drop;
    }
    // In a paragraph mark's run properties: the paragraph mark itself was inserted or deleted.
    if (is_element(parent, kWord, "rPr") && is_element(parent->parent, kWord, "pPr")) {
      return is_element(node, kWord, "del") ? Acceptance::join_paragraph : Acceptance::drop;
    }
    // Elsewhere in properties (a numbering's run properties): only a mark.
    if (is_element(parent, kWord, "rPr")) return Acceptance::drop;
    return is_element(node, kWord, "ins") ? Acceptance::keep_content : Acceptance::drop;
  }
  if (is_element(node, kWord, "moveTo")) {
    return is_element(parent, kWord, "rPr") ? Acceptance::drop : Acceptance::keep_content;
  }
  if (is_element(node, kWord, "moveFrom")) return Acceptance::drop;
  // The formatting before a change, and the ends of moved or inserted ranges: records only.
  if (named(node, kWord,
            {"rPrChange",
             "pPrChange",
             "sectPrChange",
             "tblPrChange",
             "tblPrExChange",
             "trPrChange",
             "tcPrChange",
             "tblGridChange",
             "numberingChange",
             "moveFromRangeStart",
             "moveFromRangeEnd",
             "moveToRangeStart",
             "moveToRangeEnd",
             "cellIns",
             "cellMerge",
             "customXmlInsRangeStart",
             "customXmlInsRangeEnd",
             "customXmlDelRangeStart",
             "customXmlDelRangeEnd",
             "customXmlMoveFromRangeStart",
             "customXmlMoveFromRangeEnd",
             "customXmlMoveToRangeStart",
             "customXmlMoveToRangeEnd"})) {
    return Acceptance::drop;
  }
  return Acceptance::none;
}

Acceptance odf_acceptance(const xmlNode* node) {
  // The region keeps deleted text and old formatting; the body already reads as accepted.
  if (named(node, kOdfText, {"tracked-changes", "change-start", "change-end", "change"})) {
    return Acceptance::drop;
  }
  return Acceptance::none;
}

struct Change {
  xmlNode* node;
  Acceptance acceptance;
};

void collect(xmlNode* node, std::vector<Change>& changes) {
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    Acceptance acceptance = word_acceptance(child);
    if (acceptance == Acceptance::none) acceptance = odf_acceptance(child);
    if (acceptance == Acceptance::none) {
      collect(child, changes);
      continue;
    }
    changes.push_back({child, acceptance});
    // An insertion may hold further changes (a deletion inside an insertion).
    if (acceptance == Acceptance::keep_content) collect(child, changes);
  }
}

void remove(xmlNode* node) {
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

void unwrap(xmlNode* node) {
  while (node->children != nullptr) {
    xmlNode* child = node->children;
    xmlUnlinkNode(child);
    xmlAddPrevSibling(node, child);
  }
  remove(node);
}

xmlNode* ancestor(xmlNode* node, std::string_view local) {
  for (; node != nullptr; node = node->parent) {
    if (is_element(node, kWord, local)) return node;
  }
  return nullptr;
}

xmlNode* next_element(xmlNode* node) {
  for (node = node->next; node != nullptr; node = node->next) {
    if (node->type == XML_ELEMENT_NODE) return node;
  }
  return nullptr;
}

// Word joins a paragraph whose mark was deleted to the next one, which keeps its properties.
void join_with_next(xmlNode* mark) {
  xmlNode* paragraph = ancestor(mark, "p");
  xmlNode* next = paragraph != nullptr ? next_element(paragraph) : nullptr;
  if (next == nullptr || !is_element(next, kWord, "p")) {
    remove(mark);  // the last paragraph of its container stays: only the mark goes
    return;
  }
  xmlNode* anchor = next->children;
  if (anchor != nullptr && is_element(anchor, kWord, "pPr")) anchor = anchor->next;
  for (xmlNode* child = paragraph->children; child != nullptr;) {
    xmlNode* following = child->next;
    if (!is_element(child, kWord, "pPr")) {
      xmlUnlinkNode(child);
      if (anchor != nullptr) {
        xmlAddPrevSibling(anchor, child);
      } else {
        xmlAddChild(next, child);
      }
    }
    child = following;
  }
  remove(paragraph);
}

}  // namespace

std::size_t accept_tracked_changes(xmlNode* root) {
  if (root == nullptr) return 0;
  std::vector<Change> changes;
  collect(root, changes);
  // Innermost first, so a change inside an insertion is settled before the insertion unwraps;
  // then paragraphs joined in reading order, then deleted rows (which may hold joined ones).
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    if (it->acceptance == Acceptance::keep_content) unwrap(it->node);
    if (it->acceptance == Acceptance::drop) remove(it->node);
  }
  for (const Change& change : changes) {
    if (change.acceptance == Acceptance::join_paragraph) join_with_next(change.node);
  }
  std::vector<xmlNode*> rows;
  for (const Change& change : changes) {
    if (change.acceptance != Acceptance::drop_row) continue;
    if (xmlNode* row = ancestor(change.node, "tr")) rows.push_back(row);
  }
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) remove(*it);  // nested rows first
  return changes.size();
}

Diagnostic tracked_changes_warning(const std::string& part_name, std::size_t count) {
  Diagnostic diagnostic;
  diagnostic.code = "tracked_changes";
  diagnostic.severity = Severity::warning;
  diagnostic.part = part_name;
  diagnostic.message = "the template was saved with " + std::to_string(count) +
                       (count == 1 ? " tracked change" : " tracked changes") +
                       "; the forms are filled as if every change were accepted";
  diagnostic.hint =
      "Accept or reject the changes in Word: Review > Accept All (LibreOffice: Edit > Track "
      "Changes > Accept All), then save.";
  return diagnostic;
}

}  // namespace panelpack::templating
