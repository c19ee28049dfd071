#pragma once
// Writing a workbook as an XLSX file (SpreadsheetML, ECMA-376 transitional) that Excel and
// LibreOffice Calc open without repairing it.

#include <string>

#include "spreadsheet/workbook.hpp"

namespace panelpack::spreadsheet {

// The bytes of the .xlsx: every sheet with a bold header row, frozen below it, filter buttons
// over its rows, its column widths; text as shared strings (never formulas), numbers as
// numbers, dates as serial numbers shown "d mmm yyyy", booleans as TRUE/FALSE cells.
// Throws SpreadsheetError (see spreadsheet_error.hpp) before anything is built when a sheet
// name is invalid or repeated ("duplicate_sheet_name"), or a sheet or cell cannot be written.
std::string write_xlsx(const Workbook& workbook);

}  // namespace panelpack::spreadsheet
