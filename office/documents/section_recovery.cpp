#include "office/documents/section_recovery.hpp"

#include <algorithm>

namespace panelpack::office {
namespace {

bool opens_section(const templating::TagInfo& tag) {
  using Kind = templating::TagInfo::Kind;
  return tag.kind == Kind::section || tag.kind == Kind::inverted_section;
}

}  // namespace

std::vector<UnclosedSection> unclosed_sections(const std::vector<templating::TagInfo>& tags) {
  std::vector<UnclosedSection> unclosed;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (!opens_section(tags[i])) continue;
    const std::size_t depth = tags[i].scope.size();
    std::size_t end = i + 1;
    while (end < tags.size() && tags[end].part == tags[i].part && tags[end].scope.size() > depth) {
      ++end;
    }
    const bool closed = end < tags.size() && tags[end].part == tags[i].part &&
                        tags[end].kind == templating::TagInfo::Kind::close &&
                        tags[end].scope.size() == depth;
    if (!closed) unclosed.push_back({i, end});
  }
  return unclosed;
}

std::vector<std::string> scope_without_unclosed(const std::vector<templating::TagInfo>& tags,
                                                std::size_t index,
                                                const std::vector<UnclosedSection>& unclosed) {
  std::vector<std::size_t> depths;
  for (const UnclosedSection& section : unclosed) {
    if (section.tag < index && index < section.end) {
      depths.push_back(tags[section.tag].scope.size());
    }
  }
  std::vector<std::string> scope = tags[index].scope;
  std::sort(depths.rbegin(), depths.rend());  // deepest first, so earlier positions hold
  for (const std::size_t depth : depths) {
    if (depth < scope.size()) scope.erase(scope.begin() + static_cast<long>(depth));
  }
  return scope;
}

void name_lists_missing_their_hash(templating::CheckReport& report,
                                   const validation::FieldCatalogue& catalogue) {
  constexpr std::string_view kSection = "so it starts a section";
  for (templating::Diagnostic& diagnostic : report.diagnostics) {
    if (diagnostic.code != "section_without_hash") continue;
    const auto tag = std::find_if(report.tags.begin(), report.tags.end(), [&](const auto& t) {
      return t.part == diagnostic.part && t.paragraph == diagnostic.paragraph &&
             t.text == diagnostic.tag;
    });
    if (tag == report.tags.end()) continue;
    const auto resolution = catalogue.resolve(tag->path, tag->scope);
    if (!resolution.found || resolution.field == nullptr ||
        resolution.field->kind != validation::FieldKind::list) {
      continue;
    }
    const std::size_t at = diagnostic.message.find(kSection);
    if (at != std::string::npos) {
      diagnostic.message.replace(at, kSection.size(), "so it starts a list");
    }
  }
}

}  // namespace panelpack::office
