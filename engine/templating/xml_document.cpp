#include "templating/xml_document.hpp"

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include <cstring>

#include "templating/diagnostics.hpp"

namespace panelpack::templating {
namespace {

// NONET: no network; NOCDATA: CDATA becomes text, so nothing reaches the output unescaped.
// Never NOENT (entity expansion, XXE) and never NOBLANKS (it eats the spaces inside w:t).
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;

struct ParserContext {
  xmlParserCtxt* ctxt;
  ParserContext() : ctxt(xmlNewParserCtxt()) {}
  ~ParserContext() { xmlFreeParserCtxt(ctxt); }
  ParserContext(const ParserContext&) = delete;
  ParserContext& operator=(const ParserContext&) = delete;
};

// libxml2 reports some problems (encoding, I/O) through its generic handler, which prints to
// stderr; the parser context keeps the last error for our own message instead.
void ignore_libxml_message(void* /*context*/, const char* /*format*/, ...) {}

// libxml2 2.9 asks threaded programs to call xmlInitParser before parsing: a parser context's
// first dictionary otherwise sets up libxml2's dictionary lock unguarded, racing another thread.
// libxml2 writes a namespace name back without escaping it, so a '<' or '&' in one (no real
// URI holds either) would come out as broken XML: such a part is refused on reading.
const xmlNs* namespace_that_cannot_be_written(const xmlNode* node) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    for (const xmlNs* ns = node->nsDef; ns != nullptr; ns = ns->next) {
      const char* href = reinterpret_cast<const char*>(ns->href);
      if (href != nullptr && std::strpbrk(href, "<&\"") != nullptr) return ns;
    }
    if (const xmlNs* found = namespace_that_cannot_be_written(node->children)) return found;
  }
  return nullptr;
}

void initialise_libxml_once() {
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

}  // namespace

XmlDocument::XmlDocument(std::string_view bytes, const std::string& part_name) {
  initialise_libxml_once();
  xmlSetGenericErrorFunc(nullptr, ignore_libxml_message);  // per thread in libxml2
  ParserContext parser;
  if (parser.ctxt == nullptr) throw std::bad_alloc();
  doc_.reset(xmlCtxtReadMemory(parser.ctxt, bytes.data(), static_cast<int>(bytes.size()),
                               part_name.c_str(), nullptr, kParseOptions));
  if (!doc_ || xmlDocGetRootElement(doc_.get()) == nullptr) {
    const xmlError* error = xmlCtxtGetLastError(parser.ctxt);
    std::string detail =
        error != nullptr && error->message != nullptr
            ? std::string(error->message) + " at line " + std::to_string(error->line)
            : "no root element";
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) {
      detail.pop_back();
    }
    throw PackageError("malformed_xml", part_name,
                       "is not well-formed XML (" + detail +
                           "); open the file in Word or LibreOffice and save it again");
  }
  if (doc_->intSubset != nullptr || doc_->extSubset != nullptr) {
    throw PackageError("dtd_refused", part_name,
                       "declares a DTD, which Office documents never do; the file may be "
                       "crafted to attack the reader — save it again from Word or LibreOffice");
  }
  if (namespace_that_cannot_be_written(xmlDocGetRootElement(doc_.get())) != nullptr) {
    throw PackageError("malformed_xml", part_name,
                       "declares a namespace whose name holds '<', '&' or '\"', which no Office "
                       "document does; open the file in Word or LibreOffice and save it again");
  }
}

std::string XmlDocument::serialize() const {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc_.get(), &buffer, &size, "UTF-8");
  if (buffer == nullptr) throw std::bad_alloc();
  std::string text(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
  xmlFree(buffer);
  return text;
}

bool is_element(const xmlNode* node, std::string_view ns_uri, std::string_view local_name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return false;
  if (local_name != reinterpret_cast<const char*>(node->name)) return false;
  const char* href = node->ns != nullptr && node->ns->href != nullptr
                         ? reinterpret_cast<const char*>(node->ns->href)
                         : "";
  return ns_uri == href;
}

}  // namespace panelpack::templating
