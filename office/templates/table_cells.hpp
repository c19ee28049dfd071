#pragma once
// Which paragraphs of a template's part sit in a table cell, numbered as the engine numbers
// them in its diagnostics (1-based in document order; paragraphs of a text box's fallback copy
// not counted), so a mistake can be placed "in a table cell" for the Word user.

#include <set>
#include <string_view>

namespace panelpack::office {

// The numbers of the paragraphs of `part_xml` (a DOCX or ODT part the engine has already
// opened safely) that are inside a table cell; empty when it does not parse.
std::set<int> paragraphs_in_table_cells(std::string_view part_xml);

}  // namespace panelpack::office
