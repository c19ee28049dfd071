#include "spreadsheet/spreadsheet_error.hpp"

#include <utility>

namespace panelpack::spreadsheet {

SpreadsheetError::SpreadsheetError(std::string code, std::string where, const std::string& message)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      code_(std::move(code)),
      where_(std::move(where)) {}

}  // namespace panelpack::spreadsheet
