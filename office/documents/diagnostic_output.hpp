#pragma once
// How the commands print what the engine reports: a summary line first, then one short entry per
// mistake (repeats grouped), each in indented lines a terminal shows without running off.

#include <ostream>
#include <string>
#include <vector>

#include "office/documents/diagnostic_groups.hpp"
#include "templating/diagnostics.hpp"

namespace panelpack::office {

// "SOURCE: " and describe() on one line: for logs and per-document batch lines.
void print_diagnostic(std::ostream& out, const std::string& source,
                      const templating::Diagnostic& diagnostic);

// "SOURCE: 3 mistakes in 2 places", then each group (print_group). Nothing for no diagnostics.
void print_diagnostics(std::ostream& out, const std::string& source,
                       const std::vector<templating::Diagnostic>& diagnostics);

// One group: its heading line (number, severity, code, count, tag), what is wrong, what to do,
// the fix to write, the suggestion, and up to `shown_places` places then "and N more".
void print_group(std::ostream& out, const DiagnosticGroup& group, std::size_t number,
                 std::size_t of, std::size_t shown_places = 3);

// "TEMPLATE: not a package panelpack can open (not_a_zip, in word/x.xml): message"
std::string describe_package_error(const std::string& source,
                                   const templating::PackageError& error);

}  // namespace panelpack::office
