#include "templating/package_parts.hpp"

#include <string_view>

#include "templating/diagnostics.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {
namespace {

constexpr std::string_view kContentTypesNs =
    "http://schemas.openxmlformats.org/package/2006/content-types";

// Content types (their endings) of the parts we template, with the markup each uses.
struct KnownPart {
  std::string_view content_type_suffix;
  bool is_main;
  const MarkupFormat& (*format)();
};

const KnownPart kKnownParts[] = {
    {"wordprocessingml.document.main+xml", true, docx_format},
    {"wordprocessingml.template.main+xml", true, docx_format},
    {"ms-word.document.macroEnabled.main+xml", true, docx_format},
    {"ms-word.template.macroEnabledTemplate.main+xml", true, docx_format},
    {"wordprocessingml.header+xml", false, docx_format},
    {"wordprocessingml.footer+xml", false, docx_format},
    {"wordprocessingml.footnotes+xml", false, docx_format},
    {"wordprocessingml.endnotes+xml", false, docx_format},
    {"package.core-properties+xml", false, properties_format},
    {"officedocument.extended-properties+xml", false, properties_format},
    {"officedocument.custom-properties+xml", false, properties_format},
};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

// OpenDocument text: the mimetype entry says so; headers and footers live in styles.xml.
std::vector<TemplatedPart> odt_parts(const ZipReader& package) {
  std::vector<TemplatedPart> parts;
  const std::pair<const char*, const MarkupFormat& (*)()> known[] = {
      {"content.xml", odt_format}, {"styles.xml", odt_format}, {"meta.xml", properties_format}};
  for (const auto& [name, format] : known) {
    if (const auto entry = package.find(name))
      parts.push_back(TemplatedPart{*entry, name, &format(), parts.empty()});
  }
  if (parts.empty() || parts.front().name != "content.xml") {
    throw PackageError("not_a_document", "content.xml",
                       "is missing, so this is not an OpenDocument text (.odt); save the file "
                       "from LibreOffice as \"ODF Text Document (.odt)\"");
  }
  return parts;
}

bool is_odt(const ZipReader& package) {
  const auto mimetype = package.find("mimetype");
  if (!mimetype || package.entries()[*mimetype].size > 200) return false;
  const std::string type = package.read(*mimetype);
  return type.rfind("application/vnd.oasis.opendocument.text", 0) == 0;
}

}  // namespace

std::vector<TemplatedPart> templated_parts(const ZipReader& package) {
  if (is_odt(package)) return odt_parts(package);
  const auto content_types_entry = package.find("[Content_Types].xml");
  if (!content_types_entry) {
    throw PackageError("not_a_document", "[Content_Types].xml",
                       "is missing, so this is not a Word document (.docx); save the file from "
                       "Word or LibreOffice as \"Word Document (.docx)\"");
  }
  const std::string bytes = package.read(*content_types_entry);
  const XmlDocument content_types(bytes, "[Content_Types].xml");
  std::vector<TemplatedPart> parts;
  bool has_main = false;
  for (const xmlNode* node = content_types.root()->children; node != nullptr; node = node->next) {
    if (!is_element(node, kContentTypesNs, "Override")) continue;
    const std::string type = attribute(node, "ContentType");
    std::string name = attribute(node, "PartName");
    if (!name.empty() && name.front() == '/') name.erase(0, 1);
    for (const KnownPart& known : kKnownParts) {
      if (!ends_with(type, known.content_type_suffix)) continue;
      const auto entry = package.find(name);
      if (!entry) break;
      has_main = has_main || known.is_main;
      parts.push_back(TemplatedPart{*entry, name, &known.format(), known.is_main});
      break;
    }
  }
  if (!has_main) {
    throw PackageError("not_a_document", "[Content_Types].xml",
                       "names no main document part, so this is not a Word document (.docx); "
                       "save the file from Word or LibreOffice as \"Word Document (.docx)\"");
  }
  return parts;
}

}  // namespace panelpack::templating
