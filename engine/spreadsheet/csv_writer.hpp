#pragma once
// Writing one sheet as CSV (RFC 4180) that Excel and LibreOffice Calc read as UTF-8.

#include <string>
#include <string_view>

#include "spreadsheet/workbook.hpp"

namespace panelpack::spreadsheet {

struct CsvOptions {
  // Excel reads a CSV without a byte order mark in the machine's legacy code page (Zoë
  // becomes ZoÃ«); Calc and most tools accept the mark. Off for tools that do not.
  bool byte_order_mark = true;
};

// The header row then every row, fields separated by commas, CRLF after each record, a field
// quoted when it holds a comma, quote, line break or edge space (quotes doubled), every record
// as wide as the header. Dates as 2026-12-15, booleans as TRUE/FALSE, numbers in the shortest
// form that reads back the same; text that a spreadsheet would run as a formula (first
// character = + - @ tab or line break) gets a ' in front. Highlights are not kept.
// Throws SpreadsheetError as write_xlsx does, except that the sheet name is not checked.
std::string write_csv(const Sheet& sheet, const CsvOptions& options = {});

// One text field exactly as write_csv writes it (the formula guard, then quotes when needed),
// for a CSV written row by row as it is read (the console's audit export).
std::string csv_text_field(std::string_view text);

}  // namespace panelpack::spreadsheet
