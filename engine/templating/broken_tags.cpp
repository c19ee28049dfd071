#include "templating/broken_tags.hpp"

namespace panelpack::templating {

std::vector<BrokenTag> find_tags_broken_by_enter(const std::vector<Paragraph>& paragraphs,
                                                 const std::vector<Tag>& tags,
                                                 const Delimiters& delimiters) {
  std::vector<BrokenTag> found;
  for (std::size_t p = 0; p + 1 < paragraphs.size(); ++p) {
    const Paragraph& paragraph = paragraphs[p];
    const Paragraph& next = paragraphs[p + 1];
    if (paragraph.tags.empty() || next.tags.empty()) continue;
    const Tag& first = tags[paragraph.tags.back()];
    const Tag& second = tags[next.tags.front()];
    if (!first.lexed.unclosed || second.lexed.problem_code != "unopened_tag") continue;
    const std::string joined = first.lexed.text + next.text.substr(0, second.lexed.end);
    Delimiters scratch = delimiters;
    const auto lexed = lex_paragraph(joined, scratch);
    if (lexed.size() != 1 || lexed.front().begin != 0 || lexed.front().end != joined.size()) {
      continue;
    }
    const LexedTag& whole = lexed.front();
    std::string fix = whole.kind == TagKind::invalid ? whole.fix : whole.text;
    if (fix.empty()) continue;
    found.push_back(BrokenTag{paragraph.tags.back(), next.tags.front(), std::move(fix)});
  }
  return found;
}

}  // namespace panelpack::templating
