#include "template_loading.hpp"

#include "diagnostic_output.hpp"
#include "office/files.hpp"
#include "uses_office.hpp"

namespace panelpack::cli {

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

}  // namespace panelpack::cli
