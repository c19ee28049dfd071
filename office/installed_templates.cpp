#include "office/installed_templates.hpp"

#include <system_error>

#ifndef PANELPACK_INSTALLED_TEMPLATES
#define PANELPACK_INSTALLED_TEMPLATES "share/panelpack/templates"
#endif
#ifndef PANELPACK_SOURCE_TEMPLATES
#define PANELPACK_SOURCE_TEMPLATES ""
#endif

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// Where `cmake --install` put the templates, relative to the running executable's prefix.
fs::path beside_executable() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return executable.parent_path().parent_path() / PANELPACK_INSTALLED_TEMPLATES;
}

bool is_folder(const fs::path& path) {
  std::error_code error;
  return !path.empty() && fs::is_directory(path, error);
}

}  // namespace

fs::path installed_templates_folder() {
  const fs::path installed = beside_executable();
  if (is_folder(installed)) return installed;
  // An installed panelpack finds its own first; the source tree is for a build never installed.
  const fs::path source{PANELPACK_SOURCE_TEMPLATES};
  if (is_folder(source)) return source;
  return installed;
}

}  // namespace panelpack::office
