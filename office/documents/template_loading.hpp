#pragma once
// Opening the template file for `render`: its errors printed, every one, before anything else.

#include <optional>
#include <ostream>
#include <string>

#include "templating/template.hpp"

namespace panelpack::office {

// Compiles the template at `path`. On a TemplateError or PackageError prints every problem to
// `errors` and returns nothing; a missing or unreadable file throws OfficeError.
std::optional<templating::Template> compile_template(const std::string& path,
                                                     const templating::CompileOptions& options,
                                                     std::ostream& errors);

}  // namespace panelpack::office
