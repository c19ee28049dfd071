#include "office/documents/document_rendering.hpp"

#include <sstream>

#include "office/documents/diagnostic_output.hpp"
#include "office/documents/schema_refusal.hpp"
#include "office/documents/template_loading.hpp"
#include "office/error.hpp"

namespace panelpack::office {

namespace {

templating::Template compile_or_throw(const std::filesystem::path& path) {
  std::ostringstream errors;
  auto compiled = compile_template(path.string(), {}, errors);
  if (!compiled) {
    std::string message = errors.str();
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw OfficeError(OfficeError::Code::bad_input,
                      message + "\n" + path.string() + ": the template has errors; fix them " +
                          "(panelpack check " + path.string() + ") and run again");
  }
  return std::move(*compiled);
}

}  // namespace

DocumentRenderer::DocumentRenderer(const std::filesystem::path& template_path,
                                   const std::string& schema_kind)
    : path_(template_path), template_(compile_or_throw(template_path)) {
  if (schema_kind.empty()) return;
  const auto errors = schema_errors(template_, schema_kind);
  if (errors.empty()) return;
  std::ostringstream messages;
  print_diagnostics(messages, path_.string(), errors);
  throw OfficeError(OfficeError::Code::bad_input,
                    messages.str() + schema_refusal_advice(path_.string(), schema_kind));
}

std::string DocumentRenderer::render(const nlohmann::json& data, const std::string& what) const {
  try {
    return template_.render(data);
  } catch (const templating::RenderError& error) {
    std::ostringstream messages;
    print_diagnostics(messages, path_.string(), error.diagnostics());
    throw OfficeError(OfficeError::Code::bad_input,
                      messages.str() + "cannot fill " + path_.string() + " for " + what);
  }
}

}  // namespace panelpack::office
