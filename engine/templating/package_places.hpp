#pragma once
// What the package says about where each templated part shows: which section's header a
// header part is, what number Word gives each footnote, which styles are headings. Read once
// per package, before the parts are compiled. Internal to the engine.

#include <vector>

#include "templating/package_parts.hpp"
#include "templating/word_location.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {

// One PartPlace per part, in the order of `parts`. Never throws for a missing or odd
// relationship: a part it cannot place keeps an empty container, and sorts last in its kind.
std::vector<PartPlace> part_places(const ZipReader& package,
                                   const std::vector<TemplatedPart>& parts);

}  // namespace panelpack::templating
