#include "templating/part_compiler.hpp"

#include <utility>

#include "templating/part_analysis.hpp"
#include "templating/part_surgery.hpp"
#include "templating/tracked_changes.hpp"
#include "templating/xml_document.hpp"

namespace panelpack::templating {

PartCompileResult compile_part(std::string_view xml, const std::string& part_name,
                               const MarkupFormat& format, const Delimiters& delimiters,
                               const PartPlace& place, const LinkTargets* links) {
  XmlDocument document(xml, part_name);
  // Forms never carry a template's revision marks: they are filled from the accepted text.
  const std::size_t changes = accept_tracked_changes(document.root());
  PartAnalysis found = analyse_part(document, part_name, format, delimiters, place, links);
  PartCompileResult result;
  if (changes > 0) result.diagnostics.push_back(tracked_changes_warning(part_name, changes));
  if (found.tags.empty()) {
    // Near-tags in a part with no tags.
    for (auto& diagnostic : found.diagnostics) result.diagnostics.push_back(std::move(diagnostic));
    if (changes > 0) {
      ProgramNode accepted{ProgramNode::Kind::literal, document.serialize(), 0, {}};
      result.program = PartProgram(part_name, format, {std::move(accepted)}, {}, {}, {});
    }
    return result;
  }
  if (!found.has_errors()) result.program = build_program(document, found, part_name, format);
  for (auto& diagnostic : found.diagnostics) result.diagnostics.push_back(std::move(diagnostic));
  result.tags = std::move(found.tag_infos);
  return result;
}

}  // namespace panelpack::templating
