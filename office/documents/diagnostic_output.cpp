#include "office/documents/diagnostic_output.hpp"

namespace panelpack::office {

void print_diagnostic(std::ostream& out, const std::string& source,
                      const templating::Diagnostic& diagnostic) {
  out << source << ": " << templating::describe(diagnostic) << '\n';
}

void print_diagnostics(std::ostream& out, const std::string& source,
                       const std::vector<templating::Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) print_diagnostic(out, source, diagnostic);
}

std::string describe_package_error(const std::string& source,
                                   const templating::PackageError& error) {
  std::string where = error.code();
  if (!error.where().empty()) where += ", in " + error.where();
  return source + ": cannot open the template (" + where + "): " + error.what();
}

}  // namespace panelpack::office
