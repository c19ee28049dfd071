#pragma once
// Which parts of a package hold text a person may have typed tags into, and in which markup.

#include <string>
#include <vector>

#include "templating/markup_format.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {

struct TemplatedPart {
  std::size_t entry;  // index in the package
  std::string name;
  const MarkupFormat* format;
  bool is_main = false;  // the main text (word/document.xml, content.xml)
};

// For an ODT (its mimetype entry says so): content.xml, styles.xml (headers and footers) and
// meta.xml. For a DOCX: the main document (the part [Content_Types].xml names, not always
// word/document.xml), headers, footers, footnotes, endnotes and the core, app and custom
// properties. Throws PackageError("not_a_document") when the package is not a Word document.
std::vector<TemplatedPart> templated_parts(const ZipReader& package);

}  // namespace panelpack::templating
