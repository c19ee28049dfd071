#include "templating/link_addresses.hpp"

#include <algorithm>
#include <cctype>

#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kRelationshipsNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelationshipsNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kOdfTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kXlinkNs = "http://www.w3.org/1999/xlink";

std::string property(const xmlNode* node, const char* name, std::string_view ns) {
  const std::string ns_text(ns);
  xmlChar* value = ns.empty() ? xmlGetProp(node, reinterpret_cast<const xmlChar*>(name))
                              : xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                             reinterpret_cast<const xmlChar*>(ns_text.c_str()));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

// "%7B%7B" -> "{{" and "%7D%7D" -> "}}", in either case, so an address reads as typed.
std::string unescape_braces(std::string_view address) {
  std::string text;
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (address[i] == '%' && i + 2 < address.size() && address[i + 1] == '7') {
      const char code = static_cast<char>(std::toupper(static_cast<unsigned char>(address[i + 2])));
      if (code == 'B' || code == 'D') {
        text += code == 'B' ? '{' : '}';
        i += 2;
        continue;
      }
    }
    text += address[i];
  }
  return text;
}

bool has_child(const xmlNode* run, std::string_view local) {
  for (const xmlNode* child = run->children; child != nullptr; child = child->next) {
    if (is_element(child, kWordNs, local)) return true;
  }
  return false;
}

// The whole instruction of a complex field, when `instr` is its first w:instrText: Word splits
// it over runs as it is typed (' HYPERLINK "https://x/' then '{{caseRef}}"'). Empty for the
// later pieces, so a field is read once.
std::string field_instruction(const xmlNode* instr) {
  const xmlNode* run = instr->parent;
  if (run == nullptr) return {};
  for (const xmlNode* before = run->prev; before != nullptr; before = before->prev) {
    if (before->type != XML_ELEMENT_NODE) continue;
    if (has_child(before, "fldChar")) break;  // the field's begin
    if (has_child(before, "instrText")) return {};
  }
  std::string text;
  for (const xmlNode* piece = run; piece != nullptr; piece = piece->next) {
    if (piece->type != XML_ELEMENT_NODE) continue;
    if (piece != run && has_child(piece, "fldChar")) break;  // separate or end
    for (const xmlNode* child = piece->children; child != nullptr; child = child->next) {
      if (!is_element(child, kWordNs, "instrText")) continue;
      xmlChar* content = xmlNodeGetContent(child);
      if (content != nullptr) text += reinterpret_cast<const char*>(content);
      xmlFree(content);
    }
  }
  return text;
}

}  // namespace

std::optional<std::string> tag_in_address(std::string_view address) {
  const std::string text = unescape_braces(address);
  const std::size_t open = text.find("{{");
  if (open == std::string::npos) return std::nullopt;
  const std::size_t close = text.find("}}", open + 2);
  return close == std::string::npos ? text.substr(open) : text.substr(open, close + 2 - open);
}

LinkTargets tagged_link_targets(const ZipReader& package, const std::string& part_name) {
  const std::size_t slash = part_name.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : part_name.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? part_name : part_name.substr(slash + 1);
  const auto entry = package.find(folder + "_rels/" + file + ".rels");
  LinkTargets links;
  if (!entry) return links;
  const XmlDocument rels(package.read(*entry), folder + "_rels/" + file + ".rels");
  for (const xmlNode* node = rels.root()->children; node != nullptr; node = node->next) {
    if (!is_element(node, kPackageRelationshipsNs, "Relationship")) continue;
    const std::string target = property(node, "Target", "");
    if (tag_in_address(target)) links.emplace(property(node, "Id", ""), target);
  }
  return links;
}

std::optional<std::string> tag_in_link(const xmlNode* element, const MarkupFormat& format,
                                       const LinkTargets* links) {
  if (format.name == "odt") {
    if (!is_element(element, kOdfTextNs, "a")) return std::nullopt;
    return tag_in_address(property(element, "href", kXlinkNs));
  }
  if (format.name != "docx") return std::nullopt;
  if (is_element(element, kWordNs, "hyperlink")) {
    if (links == nullptr) return std::nullopt;
    const auto found = links->find(property(element, "id", kRelationshipsNs));
    if (found == links->end()) return std::nullopt;
    return tag_in_address(found->second);
  }
  std::string field;
  if (is_element(element, kWordNs, "instrText")) {
    field = field_instruction(element);
  } else if (is_element(element, kWordNs, "fldSimple")) {
    field = property(element, "instr", kWordNs);
  }
  if (field.find("HYPERLINK") == std::string::npos) return std::nullopt;
  return tag_in_address(field);
}

}  // namespace panelpack::templating
