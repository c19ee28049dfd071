#pragma once
// The warnings about what is typed around the tags rather than in them: near-tags, tags in
// link addresses, line breaks typed inside tags. Each is said at a paragraph; the part's
// analysis turns them into diagnostics. Internal to the engine.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "templating/part_analysis.hpp"

namespace panelpack::templating {

struct TextWarning {
  std::size_t paragraph;  // index in the part's paragraphs
  std::string text;       // what was typed: "{child.name}", the tag in the address...
  std::string code;
  std::string message;
  std::string hint;
  std::string fix;  // empty when there is no tag to copy
};

// {child.name} and { {child.religion} }, with the standard delimiters, up to the first
// set-delimiters tag; not in document properties (a description may speak of tags in prose).
std::vector<TextWarning> near_tag_warnings(const std::vector<Paragraph>& paragraphs,
                                           const std::vector<Tag>& tags,
                                           const Delimiters& delimiters,
                                           const MarkupFormat& format);

// The links found (paragraph index, the tag in its address), as warnings.
std::vector<TextWarning> link_warnings(
    const std::vector<std::pair<std::size_t, std::string>>& tagged_links);

// Line breaks (Shift+Enter) inside a tag: a warning for each tag, and the breaks themselves
// added to `inside_tags`, to go with their tags.
std::vector<TextWarning> line_break_warnings(const std::vector<Paragraph>& paragraphs,
                                             const std::vector<Tag>& tags,
                                             const std::vector<SpaceMark>& line_breaks,
                                             std::vector<SpaceMark>& inside_tags);

}  // namespace panelpack::templating
