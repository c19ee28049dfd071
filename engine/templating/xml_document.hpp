#pragma once
// The one RAII wrapper around a libxml2 document. Internal to the engine.

#include <memory>
#include <string>
#include <string_view>

#include <libxml/tree.h>

namespace panelpack::templating {

// A parsed XML part. Parsing never touches the network, never expands entities and
// refuses any DTD (OOXML and ODF have none; a DTD is how entity attacks start).
class XmlDocument {
 public:
  // Throws PackageError("malformed_xml" or "dtd_refused", part_name, ...).
  XmlDocument(std::string_view bytes, const std::string& part_name);

  xmlDoc* get() const noexcept { return doc_.get(); }
  xmlNode* root() const noexcept { return xmlDocGetRootElement(doc_.get()); }

  // The document as UTF-8 bytes, declaration included.
  std::string serialize() const;

 private:
  struct Free {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
  };
  std::unique_ptr<xmlDoc, Free> doc_;
};

// True when `node` is an element with this namespace URI and local name.
bool is_element(const xmlNode* node, std::string_view ns_uri, std::string_view local_name);

}  // namespace panelpack::templating
