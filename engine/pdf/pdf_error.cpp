#include "pdf/pdf_error.hpp"

#include <utility>

namespace panelpack::pdf {

PdfError::PdfError(std::string code, std::string where, const std::string& message)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      code_(std::move(code)),
      where_(std::move(where)) {}

}  // namespace panelpack::pdf
