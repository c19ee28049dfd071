#include "office/documents/diagnostic_groups.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace panelpack::office {
namespace {

// Main text first, then the page's headers and footers, then notes: the order Word shows them.
int part_rank(const std::string& part) {
  if (part == "word/document.xml" || part == "content.xml") return 0;
  if (part.find("header") != std::string::npos) return 1;
  if (part.find("footer") != std::string::npos || part == "styles.xml") return 2;
  if (part.find("footnote") != std::string::npos) return 3;
  if (part.find("endnote") != std::string::npos) return 4;
  return 5;
}

bool before(const templating::Diagnostic& a, const templating::Diagnostic& b) {
  // The engine's order covers every part; without it (0) the part's rank stands in.
  return std::make_tuple(a.location.order, part_rank(a.part), a.part, a.paragraph) <
         std::make_tuple(b.location.order, part_rank(b.part), b.part, b.paragraph);
}

using PlaceKey = std::tuple<std::string, int, std::string>;

PlaceKey key_of(const DiagnosticPlace& place) {
  return {place.part, place.paragraph, templating::describe_location(place.location)};
}

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

void put_in_document_order(std::vector<templating::Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), before);
}

DiagnosticPlace place_of(const templating::Diagnostic& diagnostic) {
  return {diagnostic.part, diagnostic.paragraph, diagnostic.excerpt, diagnostic.location};
}

std::vector<DiagnosticGroup> group_diagnostics(std::vector<templating::Diagnostic> diagnostics) {
  put_in_document_order(diagnostics);
  using GroupKey = std::tuple<std::string, templating::Severity, std::string, std::string>;
  std::map<GroupKey, std::size_t> index;
  std::vector<DiagnosticGroup> groups;
  for (auto& diagnostic : diagnostics) {
    const GroupKey key{diagnostic.code, diagnostic.severity, diagnostic.tag, diagnostic.message};
    auto [found, is_new] = index.emplace(key, groups.size());
    if (is_new) groups.push_back({diagnostic, 0, {}});
    DiagnosticGroup& group = groups[found->second];
    ++group.count;
    DiagnosticPlace place = place_of(diagnostic);
    const bool seen = std::any_of(group.places.begin(), group.places.end(), [&](const auto& other) {
      return key_of(other) == key_of(place);
    });
    if (!seen) group.places.push_back(std::move(place));
  }
  return groups;
}

DiagnosticSummary summarise(const std::vector<DiagnosticGroup>& groups) {
  DiagnosticSummary summary;
  std::set<PlaceKey> places;
  for (const auto& group : groups) {
    ++summary.mistakes;
    ++(group.first.severity == templating::Severity::error ? summary.errors : summary.warnings);
    for (const auto& place : group.places) places.insert(key_of(place));
  }
  summary.places = places.size();
  return summary;
}

std::string summary_words(const DiagnosticSummary& summary) {
  if (summary.mistakes == 0) return "no mistakes";
  const std::string where = " in " + plural(summary.places, "place", "places");
  if (summary.warnings == 0) return plural(summary.errors, "mistake", "mistakes") + where;
  if (summary.errors == 0) return plural(summary.warnings, "warning", "warnings") + where;
  return plural(summary.mistakes, "mistake", "mistakes") + " (" +
         plural(summary.errors, "error", "errors") + ", " +
         plural(summary.warnings, "warning", "warnings") + ")" + where;
}

std::string part_words(const std::string& part) {
  if (part == "word/document.xml" || part == "content.xml") return "Main text";
  if (part == "styles.xml") return "Header or footer";
  if (part.find("header") != std::string::npos) return "Header";
  if (part.find("footer") != std::string::npos) return "Footer";
  if (part.find("footnote") != std::string::npos) return "Footnote";
  if (part.find("endnote") != std::string::npos) return "Endnote";
  if (part.find("comments") != std::string::npos) return "Comment";
  return "The file";
}

std::string place_words(const DiagnosticPlace& place) {
  std::string words = templating::describe_location(place.location);
  if (!words.empty()) return words;
  words = part_words(place.part);
  if (place.paragraph > 0) words += ", paragraph " + std::to_string(place.paragraph);
  return words;
}

std::vector<PlaceInWords> places_in_words(const DiagnosticGroup& group,
                                          const PlaceWording& wording) {
  std::vector<PlaceInWords> places;
  for (const DiagnosticPlace& place : group.places) {
    PlaceInWords line{wording(place), place.excerpt};
    const auto seen = std::find_if(places.begin(), places.end(), [&](const PlaceInWords& other) {
      return other.words == line.words && other.excerpt == line.excerpt;
    });
    if (seen == places.end()) {
      places.push_back(std::move(line));
    } else {
      ++seen->paragraphs;
    }
  }
  return places;
}

std::vector<PlaceInWords> places_in_words(const DiagnosticGroup& group) {
  return places_in_words(group, [](const DiagnosticPlace& place) { return place_words(place); });
}

}  // namespace panelpack::office
