#pragma once
// Compiling one XML part of a package: heal the runs so every tag is contiguous, decide where
// each section's body is (the structural rules), and cut the XML into a PartProgram.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "templating/diagnostics.hpp"
#include "templating/link_addresses.hpp"
#include "templating/markup_format.hpp"
#include "templating/program.hpp"
#include "templating/template.hpp"
#include "templating/word_location.hpp"

namespace panelpack::templating {

struct PartCompileResult {
  std::optional<PartProgram> program;   // empty when the part has no tags (copied as it is)
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in document order
  std::vector<TagInfo> tags;
};

// Never throws for template mistakes (they are diagnostics); throws PackageError when the
// part is not XML it can read. `links`: the part's link addresses holding a tag (DOCX).
PartCompileResult compile_part(std::string_view xml, const std::string& part_name,
                               const MarkupFormat& format, const Delimiters& delimiters,
                               const PartPlace& place = PartPlace{},
                               const LinkTargets* links = nullptr);

}  // namespace panelpack::templating
