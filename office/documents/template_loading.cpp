#include "office/documents/template_loading.hpp"

#include "office/documents/diagnostic_output.hpp"
#include "office/files.hpp"

namespace panelpack::office {

std::optional<templating::Template> compile_template(const std::string& path,
                                                     const templating::CompileOptions& options,
                                                     std::ostream& errors) {
  std::string package = read_template_input(path);
  try {
    auto compiled = templating::Template::compile(std::move(package), options);
    print_diagnostics(errors, path, compiled.warnings());
    return compiled;
  } catch (const templating::TemplateError& error) {
    print_diagnostics(errors, path, error.diagnostics());
  } catch (const templating::PackageError& error) {
    errors << describe_package_error(path, error) << '\n';
  }
  return std::nullopt;
}

}  // namespace panelpack::office
