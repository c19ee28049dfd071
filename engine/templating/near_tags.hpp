#pragma once
// Text that looks like a tag but is not one: {child.name} and { {child.religion} } print their
// braces into every form. Found in a paragraph's text outside its tags, as warnings.
// Internal to the engine.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libxml/tree.h>

#include "templating/markup_format.hpp"

namespace panelpack::templating {

struct NearTag {
  std::string code;  // "single_braces" or "spaced_braces"
  std::string text;  // as typed: "{child.name}"
  std::string fix;   // "{{child.name}}"
};

// The near-tags in `text`, skipping the byte ranges of its real tags (`tag_spans`, in order).
// Only a field path counts between the braces (letters, digits, '_', '-', dots; at least one
// letter), so "{see note}" is left alone. Only for the standard delimiters {{ }}.
std::vector<NearTag> find_near_tags(
    std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& tag_spans);

// A line break a person typed with Shift+Enter: DOCX w:br (not a page or column break) or
// w:cr; ODT text:line-break.
bool is_soft_line_break(const xmlNode* element, const MarkupFormat& format);

}  // namespace panelpack::templating
