#pragma once
// How the command prints what the engine reports: one line per diagnostic, prefixed with the file.

#include <ostream>
#include <string>
#include <vector>

#include "templating/diagnostics.hpp"

namespace panelpack::office {

// "SOURCE: " and describe(): the part, paragraph, severity, code, tag, message and hint.
void print_diagnostic(std::ostream& out, const std::string& source,
                      const templating::Diagnostic& diagnostic);

void print_diagnostics(std::ostream& out, const std::string& source,
                       const std::vector<templating::Diagnostic>& diagnostics);

// "TEMPLATE: not a package panelpack can open (not_a_zip, in word/x.xml): message"
std::string describe_package_error(const std::string& source,
                                   const templating::PackageError& error);

}  // namespace panelpack::office
