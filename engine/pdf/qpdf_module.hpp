#pragma once
// What the qpdf module (qpdf_module.cpp, built as libpanelpack_qpdf.so) gives the PDF library:
// the functions of pdf_merge.hpp, looked up once by pdf_merge.cpp with dlopen/dlsym. Internal
// to engine/pdf.

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "pdf/pdf_merge.hpp"

namespace panelpack::pdf {

struct QpdfFunctions {
  void (*merge_with_outline)(std::span<const OutlineSection>, const std::filesystem::path&,
                             const MergeOptions&);
  std::vector<OutlineEntry> (*read_outline)(const std::filesystem::path&);
  int (*page_count)(const std::filesystem::path&, const std::string&);
  bool (*is_encrypted)(const std::filesystem::path&);
};

// The name of the module's one exported function, `const QpdfFunctions* NAME()`.
inline constexpr const char* kQpdfFunctionsSymbol = "panelpack_qpdf_functions";

}  // namespace panelpack::pdf

extern "C" __attribute__((visibility("default"))) const panelpack::pdf::QpdfFunctions*
panelpack_qpdf_functions();
