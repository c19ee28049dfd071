// The functions of pdf_merge.hpp, passed on to the qpdf module (qpdf_module.cpp), which is
// loaded the first time one is called: a command that never touches a PDF never loads qpdf.

#include "pdf/pdf_merge.hpp"

#include <mutex>

#include "pdf/pdf_error.hpp"
#include "pdf/qpdf_module.hpp"
#include "text/own_module.hpp"

namespace panelpack::pdf {
namespace {

namespace fs = std::filesystem;

const QpdfFunctions& qpdf() {
  static std::once_flag loaded;
  static text::OwnModule module;
  static const QpdfFunctions* functions = nullptr;
  std::call_once(loaded, [] {
    module = text::load_own_module(PANELPACK_QPDF_MODULE_NAME, PANELPACK_QPDF_MODULE_BUILT,
                                   kQpdfFunctionsSymbol);
    using Entry = const QpdfFunctions* (*)();
    if (module.entry != nullptr) functions = reinterpret_cast<Entry>(module.entry)();
  });
  if (functions == nullptr) {
    throw PdfError("qpdf_missing", module.path.string(),
                   "panelpack's PDF module (qpdf) cannot be loaded (" + module.failure +
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
