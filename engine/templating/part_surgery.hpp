#pragma once
// The second half of compiling a part: changing the tree so that it can be cut. From what
// part_analysis found, puts a marker where each tag was (in the text, or beside its paragraph
// or table row), rewrites the paragraphs' text without the tags (healing tags Word split over
// runs), lifts markers out of spans, removes emptied spans and vanishing paragraphs, then
// serialises the tree and cuts it into the program. Internal to the engine.

#include <string>

#include "templating/markup_format.hpp"
#include "templating/part_analysis.hpp"
#include "templating/program.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {

// Only for a part with no errors. `found` is what analyse_part found in this `document`.
PartProgram build_program(XmlDocument& document, const PartAnalysis& found,
                          const std::string& part_name, const MarkupFormat& format);

}  // namespace panelpack::templating
