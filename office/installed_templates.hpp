#pragma once
// The templates installed with panelpack: what an office uses for every kind of document its
// office.json names no template for, and what `panelpack init` copies into a new office.
// Where they are (docs/office.md, "Templates"):
//   1. EXE/../share/panelpack/templates, beside an installed panelpack (`cmake --install`);
//   2. else the source tree's templates/, compiled in, for a build that was never installed.

#include <filesystem>

namespace panelpack::office {

// The folder of the installed templates; the installed location (which may not exist) when
// neither place is there, so that the message names where they were expected.
std::filesystem::path installed_templates_folder();

}  // namespace panelpack::office
