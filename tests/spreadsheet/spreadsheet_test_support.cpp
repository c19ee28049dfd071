#include "spreadsheet_test_support.hpp"

#include <stdexcept>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "templating/zip_archive.hpp"

namespace panelpack::spreadsheet::testing {
namespace fs = std::filesystem;

std::string part_of(const std::string& package, std::string_view name) {
  return templating::ZipReader(package).read(name);
}

std::vector<std::string> entry_names(const std::string& package) {
  std::vector<std::string> names;
  const templating::ZipReader reader(package);
  for (const auto& entry : reader.entries()) names.push_back(entry.name);
  return names;
}

struct XmlQuery::State {
  xmlDocPtr document = nullptr;
  xmlXPathContextPtr context = nullptr;
  ~State() {
    xmlXPathFreeContext(context);
    xmlFreeDoc(document);
  }
};

namespace {

const char* const namespaces[][2] = {
    {"m", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"},
    {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
    {"pr", "http://schemas.openxmlformats.org/package/2006/relationships"},
    {"ct", "http://schemas.openxmlformats.org/package/2006/content-types"},
    {"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
    {"dc", "http://purl.org/dc/elements/1.1/"},
    {"dcterms", "http://purl.org/dc/terms/"},
    {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
    {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {"style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
    {"fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
};

const xmlChar* xml_chars(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

std::string take_string(xmlChar* text) {
  std::string result = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return result;
}

}  // namespace

XmlQuery::XmlQuery(const std::string& xml) : state_(std::make_unique<State>()) {
  state_->document = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!state_->document) throw std::runtime_error("not well-formed XML");
  state_->context = xmlXPathNewContext(state_->document);
  for (const auto& pair : namespaces) {
    xmlXPathRegisterNs(state_->context, xml_chars(pair[0]), xml_chars(pair[1]));
  }
}

XmlQuery::~XmlQuery() = default;

std::string XmlQuery::operator()(const std::string& expression) const {
  xmlXPathObjectPtr result = xmlXPathEvalExpression(xml_chars(expression.c_str()), state_->context);
  if (!result) throw std::runtime_error("bad XPath: " + expression);
  std::string text = take_string(xmlXPathCastToString(result));
  xmlXPathFreeObject(result);
  return text;
}

std::vector<std::string> XmlQuery::all(const std::string& expression) const {
  xmlXPathObjectPtr result = xmlXPathEvalExpression(xml_chars(expression.c_str()), state_->context);
  if (!result) throw std::runtime_error("bad XPath: " + expression);
  std::vector<std::string> texts;
  if (result->type == XPATH_NODESET && result->nodesetval) {
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      texts.push_back(take_string(xmlXPathCastNodeToString(result->nodesetval->nodeTab[i])));
    }
  }
  xmlXPathFreeObject(result);
  return texts;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace panelpack::spreadsheet::testing
