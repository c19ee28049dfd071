#pragma once
// A tag broken by Enter: "{{child." ends one paragraph and "name}}" starts the next. Lexing is
// per paragraph, so it reads as an unclosed tag and an unopened one; this finds the pair and
// makes it one message, "join the two lines". Internal to the engine.

#include <optional>
#include <string>
#include <vector>

#include "templating/part_analysis.hpp"

namespace panelpack::templating {

struct BrokenTag {
  std::size_t first;   // the unclosed tag (index in the part's tags)
  std::size_t second;  // the unopened one in the next paragraph
  std::string fix;     // the two joined: "{{child.name}}"
};

// Every tag broken over two paragraphs whose halves join into a sound tag.
std::vector<BrokenTag> find_tags_broken_by_enter(const std::vector<Paragraph>& paragraphs,
                                                 const std::vector<Tag>& tags,
                                                 const Delimiters& delimiters);

}  // namespace panelpack::templating
