#pragma once
// A section opened in one cell and closed in another of the same row is a row section: when
// it is empty the whole row goes, its label too, which is rarely what was meant when the row
// holds text outside the section's tags. Internal to the engine.

#include <optional>
#include <string>
#include <vector>

#include "templating/part_analysis.hpp"

namespace panelpack::templating {

struct RowWarning {
  std::string message;
  std::string hint;
};

// For the row section opened by tags[opener] and closed by tags[closer]: a warning when both
// sit in one row that also holds text outside the section (a label). nullopt otherwise, so a
// list typed across a row ({{#items}}{{name}} | ... | {{/items}}) is left alone.
std::optional<RowWarning> row_goes_with_section(const std::vector<Paragraph>& paragraphs,
                                                const std::vector<Tag>& tags, std::size_t opener,
                                                std::size_t closer, const MarkupFormat& format);

}  // namespace panelpack::templating
