#pragma once
// Loading one of panelpack's own modules: shared objects (libpanelpack_qpdf.so,
// libpanelpack_smtp.so, ...) that a command loads the first time it needs them, so that every
// other command starts without linking their libraries.

#include <filesystem>
#include <string>

namespace panelpack::text {

struct OwnModule {
  void* entry = nullptr;       // the module's entry point, or nullptr when it failed
  std::filesystem::path path;  // the file tried
  std::string failure;         // why it failed (dlerror's words), when it did
};

// Loads `file_name` from PREFIX/lib/panelpack when panelpack runs installed from PREFIX/bin,
// else from `built_path` (where CMake built it), and looks up `entry_symbol` in it. Never
// unloads it: modules keep static state for the life of the process. Not thread-safe: call it
// under std::call_once.
OwnModule load_own_module(const char* file_name, const char* built_path, const char* entry_symbol);

}  // namespace panelpack::text
