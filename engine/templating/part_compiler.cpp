#include "templating/part_compiler.hpp"

#include <utility>

#include "templating/part_analysis.hpp"
#include "templating/part_surgery.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {

PartCompileResult compile_part(std::string_view xml, const std::string& part_name,
                               const MarkupFormat& format, const Delimiters& delimiters,
                               const PartPlace& place) {
  XmlDocument document(xml, part_name);
  PartAnalysis found = analyse_part(document, part_name, format, delimiters, place);
  PartCompileResult result;
  if (found.tags.empty()) return result;
  if (!found.has_errors()) result.program = build_program(document, found, part_name, format);
  result.diagnostics = std::move(found.diagnostics);
  result.tags = std::move(found.tag_infos);
  return result;
}

}  // namespace panelpack::templating
