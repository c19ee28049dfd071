#include "text/own_module.hpp"

#include <dlfcn.h>

#include <system_error>

namespace panelpack::text {
namespace {

namespace fs = std::filesystem;

// Installed, modules are in PREFIX/lib/panelpack beside PREFIX/bin/panelpack; in a build tree,
// where CMake built them.
fs::path module_path(const char* file_name, const char* built_path) {
  std::error_code ignored;
  const fs::path program = fs::read_symlink("/proc/self/exe", ignored);
  if (!program.empty()) {
    const fs::path installed =
        program.parent_path().parent_path() / "lib" / "panelpack" / file_name;
    if (fs::exists(installed, ignored)) return installed;
  }
  return built_path;
}

}  // namespace

OwnModule load_own_module(const char* file_name, const char* built_path, const char* entry_symbol) {
  OwnModule loaded;
  loaded.path = module_path(file_name, built_path);
  void* module = ::dlopen(loaded.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    loaded.failure = ::dlerror();
    return loaded;
  }
  loaded.entry = ::dlsym(module, entry_symbol);
  if (loaded.entry == nullptr) loaded.failure = loaded.path.string() + " has no " + entry_symbol;
  return loaded;
}

}  // namespace panelpack::text
