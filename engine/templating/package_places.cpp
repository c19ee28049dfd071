#include "templating/package_places.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "templating/diagnostics.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kRelationshipsNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelationshipsNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";

// A part no section, page style or reference places: after those that are placed.
constexpr long kRankUnplaced = 99'000;

// Header and footer kinds, in the order their ranks follow within a section.
constexpr std::string_view kHeaderWords[] = {
    "the header", "the first-page header", "the even-page header",
    "the footer", "the first-page footer", "the even-page footer",
};
constexpr long kKinds = static_cast<long>(std::size(kHeaderWords));

std::string attribute(const xmlNode* node, std::string_view ns, const char* name) {
  xmlChar* value = ns.empty()
                       ? xmlGetProp(node, reinterpret_cast<const xmlChar*>(name))
                       : xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                      reinterpret_cast<const xmlChar*>(std::string(ns).c_str()));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "word/../media/x.xml" -> "media/x.xml"; a leading "/" is the package root.
std::string resolve(std::string_view directory, std::string_view target) {
  std::string joined = !target.empty() && target.front() == '/'
                           ? std::string(target.substr(1))
                           : std::string(directory) + std::string(target);
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t slash = std::min(joined.find('/', start), joined.size());
    const std::string piece = joined.substr(start, slash - start);
    if (piece == "..") {
      if (!pieces.empty()) pieces.pop_back();
    } else if (!piece.empty() && piece != ".") {
      pieces.push_back(piece);
    }
    start = slash + 1;
  }
  std::string path;
  for (const auto& piece : pieces) path += (path.empty() ? "" : "/") + piece;
  return path;
}

std::optional<XmlDocument> parse(const ZipReader& package, const std::string& name) {
  const auto entry = package.find(name);
  if (!entry) return std::nullopt;
  try {
    return XmlDocument(package.read(*entry), name);
  } catch (const PackageError&) {
    return std::nullopt;  // the part itself is reported when it is compiled, or not needed
  }
}

struct Relationship {
  std::string type;
  std::string part;
};

// The main part's relationships: id -> (type, part name).
std::map<std::string, Relationship> relationships_of(const ZipReader& package,
                                                     const std::string& part) {
  const std::size_t slash = part.rfind('/');
  const std::string directory = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? part : part.substr(slash + 1);
  std::map<std::string, Relationship> found;
  const auto rels = parse(package, directory + "_rels/" + base + ".rels");
  if (!rels) return found;
  for (const xmlNode* node = rels->root()->children; node != nullptr; node = node->next) {
    if (!is_element(node, kPackageRelationshipsNs, "Relationship")) continue;
    if (attribute(node, "", "TargetMode") == "External") continue;
    found[attribute(node, "", "Id")] = Relationship{
        attribute(node, "", "Type"), resolve(directory, attribute(node, "", "Target"))};
  }
  return found;
}

// What the main document says: each header part's first section and kind, each note's number.
struct MainDocumentFacts {
  std::map<std::string, std::pair<int, long>> headers;  // part -> (section, kind)
  std::map<std::string, int> footnotes;
  std::map<std::string, int> endnotes;
};

void read_main(const xmlNode* node, const std::map<std::string, Relationship>& relationships,
               MainDocumentFacts& facts, int& section) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (is_element(child, kWordNs, "sectPrChange")) continue;  // an old layout, tracked
    if (is_element(child, kWordNs, "sectPr")) {
      ++section;
      for (const xmlNode* ref = child->children; ref != nullptr; ref = ref->next) {
        const bool header = is_element(ref, kWordNs, "headerReference");
        if (!header && !is_element(ref, kWordNs, "footerReference")) continue;
        const std::string type = attribute(ref, kWordNs, "type");
        const long kind = (header ? 0 : 3) + (type == "first" ? 1 : type == "even" ? 2 : 0);
        const auto target = relationships.find(attribute(ref, kRelationshipsNs, "id"));
        if (target != relationships.end())
          facts.headers.emplace(target->second.part, std::make_pair(section, kind));
      }
      continue;
    }
    if (is_element(child, kWordNs, "footnoteReference")) {
      const auto next = static_cast<int>(facts.footnotes.size()) + 1;
      facts.footnotes.emplace(attribute(child, kWordNs, "id"), next);
    } else if (is_element(child, kWordNs, "endnoteReference")) {
      const auto next = static_cast<int>(facts.endnotes.size()) + 1;
      facts.endnotes.emplace(attribute(child, kWordNs, "id"), next);
    }
    read_main(child, relationships, facts, section);
  }
}

// Paragraph styles that are headings: named "heading N" (Word's built-in names are English
// whatever the language of Word) or given an outline level other than body text.
std::set<std::string> heading_styles(const XmlDocument& styles) {
  std::set<std::string> ids;
  for (const xmlNode* style = styles.root()->children; style != nullptr; style = style->next) {
    if (!is_element(style, kWordNs, "style")) continue;
    std::string name;
    bool outline = false;
    for (const xmlNode* child = style->children; child != nullptr; child = child->next) {
      if (is_element(child, kWordNs, "name")) name = attribute(child, kWordNs, "val");
      if (!is_element(child, kWordNs, "pPr")) continue;
      for (const xmlNode* p = child->children; p != nullptr; p = p->next) {
        if (is_element(p, kWordNs, "outlineLvl")) outline = attribute(p, kWordNs, "val") != "9";
      }
    }
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    const bool named =
        name.size() == 9 && name.rfind("heading ", 0) == 0 && name[8] >= '1' && name[8] <= '9';
    if (named || outline) ids.insert(attribute(style, kWordNs, "styleId"));
  }
  return ids;
}

std::vector<PartPlace> odt_places(const std::vector<TemplatedPart>& parts) {
  std::vector<PartPlace> places(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].is_main) continue;
    if (parts[i].format->paragraph.empty()) {
      places[i].container = "document properties";
      places[i].rank = kRankProperties + static_cast<long>(i);
    } else {
      places[i].rank = kRankUnplaced;  // styles.xml: page styles name their own headers
    }
  }
  return places;
}

}  // namespace

std::vector<PartPlace> part_places(const ZipReader& package,
                                   const std::vector<TemplatedPart>& parts) {
  const auto main = std::find_if(parts.begin(), parts.end(),
                                 [](const TemplatedPart& part) { return part.is_main; });
  if (main == parts.end()) return std::vector<PartPlace>(parts.size());
  if (main->format->name == "odt") return odt_places(parts);

  const auto relationships = relationships_of(package, main->name);
  MainDocumentFacts facts;
  if (const auto document = parse(package, main->name)) {
    int section = 0;
    read_main(document->root(), relationships, facts, section);
  }
  std::set<std::string> headings;
  for (const auto& [id, relationship] : relationships) {
    if (!ends_with(relationship.type, "/styles")) continue;
    if (const auto styles = parse(package, relationship.part)) headings = heading_styles(*styles);
  }

  std::vector<PartPlace> places(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    PartPlace& place = places[i];
    place.heading_styles = headings;
    place.footnote_numbers = facts.footnotes;
    place.endnote_numbers = facts.endnotes;
    if (parts[i].is_main) continue;
    if (parts[i].format->paragraph.empty()) {
      place.container = "document properties";
      place.rank = kRankProperties + static_cast<long>(i);
      continue;
    }
    const auto header = facts.headers.find(parts[i].name);
    if (header != facts.headers.end()) {
      const auto [section, kind] = header->second;
      place.container = std::string(kHeaderWords[kind]) + " of section " + std::to_string(section);
      place.rank = 1 + (section - 1) * kKinds + kind;
      continue;
    }
    place.rank = kRankUnplaced;  // notes parts: each note names itself (word_location.cpp)
    for (const auto& [id, relationship] : relationships) {
      if (relationship.part != parts[i].name) continue;
      if (ends_with(relationship.type, "/header")) place.container = "a header no section uses";
      if (ends_with(relationship.type, "/footer")) place.container = "a footer no section uses";
    }
  }
  return places;
}

}  // namespace panelpack::templating
