#pragma once
// Internal to engine/spreadsheet: the text both writers make of a value, and the checks
// both apply before writing anything.

#include <cstddef>
#include <string>
#include <string_view>

#include "spreadsheet/workbook.hpp"

namespace panelpack::spreadsheet::detail {

// UTF-8 that any XML 1.0 part can hold: each byte of a broken UTF-8 sequence becomes U+FFFD,
// characters XML 1.0 forbids (controls other than tab and line feed, U+FFFE, U+FFFF) are
// dropped, and CR LF or a lone CR becomes LF, the line break of a cell.
std::string clean_text(std::string_view text);

// Length in UTF-16 code units, the unit of Excel's limits; `utf8` must be valid.
std::size_t utf16_length(std::string_view utf8);

// True when a spreadsheet would take the text for a formula (OWASP CSV injection):
// it starts with = + - @ tab, CR or LF.
bool looks_like_formula(std::string_view text);

// The shortest text that reads back as the same double ("0.1", "1e+21").
std::string number_text(double number);

// "2026-12-15".
std::string iso_date_text(const Date& date);

// Appends `text` with & < > " ' escaped (and tab and LF in attributes); `text` must be clean.
void append_xml_escaped(std::string& out, std::string_view text, bool attribute = false);

// Refuses what no writer can write: no columns, too many columns or rows, a row longer than
// the header, a bad width. Cells are checked as they are written.
void check_sheet_shape(const Sheet& sheet);

// "Actions!C7": the place named in errors about one cell (zero-based column, sheet row).
std::string cell_place(std::string_view sheet_name, std::size_t column, std::size_t row);

// True when Excel would take the two sheet names for one (ASCII letters compared without case).
bool same_sheet_name(std::string_view a, std::string_view b);

// Refuses an impossible or out-of-range date in the cell at (column, row) of the sheet.
void check_date(const Date& date, std::string_view sheet_name, std::size_t column, std::size_t row);

// Refuses a non-finite number and an impossible or out-of-range date in the cell at
// (column, row) of the sheet.
void check_cell(const Cell& cell, std::string_view sheet_name, std::size_t column, std::size_t row);

// The clean text of a text cell or header (clean_text), refused as "text_too_long" past
// Excel's limit of a cell.
std::string clean_cell_text(std::string_view text, std::string_view sheet_name, std::size_t column,
                            std::size_t row);

}  // namespace panelpack::spreadsheet::detail
