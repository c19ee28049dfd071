// The functions of pdf_merge.hpp, passed on to the qpdf module (qpdf_module.cpp), which is
// loaded the first time one is called: a command that never touches a PDF never loads qpdf.

#include "pdf/pdf_merge.hpp"

#include <dlfcn.h>

#include <mutex>
#include <system_error>

#include "pdf/pdf_error.hpp"
#include "pdf/qpdf_module.hpp"

namespace panelpack::pdf {
namespace {

namespace fs = std::filesystem;

// Installed, the module is in PREFIX/lib/panelpack beside PREFIX/bin/panelpack; in a build
// tree, where CMake built it.
fs::path module_path() {
  std::error_code ignored;
  const fs::path program = fs::read_symlink("/proc/self/exe", ignored);
  if (!program.empty()) {
    const fs::path installed =
        program.parent_path().parent_path() / "lib" / "panelpack" / PANELPACK_QPDF_MODULE_NAME;
    if (fs::exists(installed, ignored)) return installed;
  }
  return PANELPACK_QPDF_MODULE_BUILT;
}

const QpdfFunctions& qpdf() {
  static std::once_flag loaded;
  static const QpdfFunctions* functions = nullptr;
  static std::string failure;
  static fs::path path;
  std::call_once(loaded, [] {
    path = module_path();
    // Kept loaded for the life of the process (never dlclose'd): qpdf keeps static state.
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (module == nullptr) {
      failure = ::dlerror();
      return;
    }
    using Entry = const QpdfFunctions* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(module, kQpdfFunctionsSymbol));
    if (entry == nullptr) {
      failure = path.string() + " has no " + kQpdfFunctionsSymbol;
      return;
    }
    functions = entry();
  });
  if (functions == nullptr) {
    throw PdfError("qpdf_missing", path.string(),
                   "panelpack's PDF module (qpdf) cannot be loaded (" + failure +
                       "): reinstall panelpack, or install the qpdf library (libqpdf29)");
  }
  return *functions;
}

}  // namespace

void merge_with_outline(std::span<const OutlineSection> sections, const fs::path& output,
                        const MergeOptions& options) {
  qpdf().merge_with_outline(sections, output, options);
}

std::vector<OutlineEntry> read_outline(const fs::path& pdf) {
  return qpdf().read_outline(pdf);
}

int page_count(const fs::path& pdf, const std::string& password) {
  return qpdf().page_count(pdf, password);
}

bool is_encrypted(const fs::path& pdf) {
  return qpdf().is_encrypted(pdf);
}

}  // namespace panelpack::pdf
