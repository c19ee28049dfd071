#include "templating/text_warnings.hpp"

#include <algorithm>

#include "templating/near_tags.hpp"

namespace panelpack::templating {

std::vector<TextWarning> near_tag_warnings(const std::vector<Paragraph>& paragraphs,
                                           const std::vector<Tag>& tags,
                                           const Delimiters& delimiters,
                                           const MarkupFormat& format) {
  std::vector<TextWarning> warnings;
  if (delimiters.open != "{{" || delimiters.close != "}}" || format.paragraph.empty()) {
    return warnings;
  }
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t t : paragraphs[p].tags) {
      // Past a set-delimiters tag the braces may mean something else.
      if (tags[t].lexed.kind == TagKind::set_delimiters) return warnings;
      spans.emplace_back(tags[t].lexed.begin, tags[t].lexed.end);
    }
    for (NearTag& near : find_near_tags(paragraphs[p].text, spans)) {
      const bool single = near.code == "single_braces";
      warnings.push_back(TextWarning{
          p, std::move(near.text), near.code,
          single ? "single braces are not a tag: they are printed as they are"
                 : "braces with a space between them are not a tag: they are printed as they are",
          "a tag has two braces together on each side: " + near.fix, near.fix});
    }
  }
  return warnings;
}

std::vector<TextWarning> link_warnings(
    const std::vector<std::pair<std::size_t, std::string>>& tagged_links) {
  std::vector<TextWarning> warnings;
  for (const auto& [paragraph, tag] : tagged_links) {
    warnings.push_back(
        TextWarning{paragraph, tag, "tag_in_link_address",
                    "a tag in a link's address is not filled: the link keeps the braces",
                    "put the tag in the link's text, or type the address out", ""});
  }
  return warnings;
}

std::vector<TextWarning> line_break_warnings(const std::vector<Paragraph>& paragraphs,
                                             const std::vector<Tag>& tags,
                                             const std::vector<SpaceMark>& line_breaks,
                                             std::vector<SpaceMark>& inside_tags) {
  std::vector<TextWarning> warnings;
  std::vector<std::size_t> warned;  // tags already warned about: one warning per tag
  for (const SpaceMark& mark : line_breaks) {
    for (std::size_t t : paragraphs[mark.paragraph].tags) {
      const LexedTag& lexed = tags[t].lexed;
      if (!(lexed.begin < mark.offset && mark.offset < lexed.end)) continue;
      inside_tags.push_back(mark);
      if (std::find(warned.begin(), warned.end(), t) != warned.end()) break;
      warned.push_back(t);
      const bool sound = lexed.kind != TagKind::invalid;
      warnings.push_back(TextWarning{
          mark.paragraph, lexed.text, "line_break_in_tag",
          "a line break (Shift+Enter) is typed inside this tag",
          sound ? "the break goes with the tag; to be sure, retype it on one line: " + lexed.text
                : "retype the tag on one line",
          sound ? lexed.text : ""});
      break;
    }
  }
  return warnings;
}

}  // namespace panelpack::templating
