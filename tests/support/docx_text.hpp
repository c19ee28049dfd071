#pragma once
// The visible text of a .docx package, line for line as the compat corpus's extract_text.py
// writes it, so golden expectations and the docxtemplater corpus share one format.

#include <string>
#include <string_view>

namespace panelpack::testing {

// "PART\tTEXT\n" per paragraph (pre-order) of the main part (as [Content_Types].xml names
// it), then word/header*.xml and word/footer*.xml in number order, then (our extension, not
// in extract_text.py) word/footnotes.xml and word/endnotes.xml; then "PART\tprefix:element\tTEXT"
// per non-blank element of docProps/core.xml, app.xml and custom.xml.
// Text: w:t (a newline in it → U+21B5, CR dropped), w:tab → TAB, w:br and w:cr → U+23CE.
std::string docx_text(const std::string& package_bytes);

// The part [Content_Types].xml names as the main document ("word/document.xml" if none).
std::string main_document_part(const std::string& package_bytes);

}  // namespace panelpack::testing
