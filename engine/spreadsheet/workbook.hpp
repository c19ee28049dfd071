#pragma once
// A workbook as plain data: sheets of typed cells under one header row each. Knows no file
// format; xlsx_writer.hpp and csv_writer.hpp turn it into bytes.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace panelpack::spreadsheet {

// A calendar day, written to XLSX as a serial number with a date format so that Excel and
// Calc sort and filter it as a date.
struct Date {
  int year = 1900;
  unsigned month = 3;
  unsigned day = 1;
  friend bool operator==(const Date&, const Date&) = default;
};

// One value. The kind decides how the cell is stored: text is always a string (never a
// formula, so nothing a user typed is ever evaluated), numbers are numbers, dates are dates.
struct Cell {
  // Whole numbers are kept apart from doubles so that 12 is written "12"; Excel holds 15
  // significant digits, so an identifier longer than that belongs in text.
  using Value = std::variant<std::monostate, std::string, double, std::int64_t, Date, bool>;

  Value value;
  // Drawn with the workbook's highlight fill (an overdue action, say).
  bool highlight = false;

  static Cell empty() { return {}; }
  static Cell text(std::string text) { return {std::move(text)}; }
  static Cell number(double number) { return {number}; }
  static Cell whole_number(std::int64_t number) { return {number}; }
  // Throws SpreadsheetError "invalid_date" (2026-02-30) or "date_out_of_range".
  static Cell date(int year, unsigned month, unsigned day);
  static Cell boolean(bool value) { return {value}; }
  // This cell, highlighted or not.
  Cell highlighted(bool on = true) const {
    Cell cell = *this;
    cell.highlight = on;
    return cell;
  }

  bool is_empty() const noexcept { return std::holds_alternative<std::monostate>(value); }
};

// A column: its header (row 1, bold), its width in characters of the default font, and
// whether long text in it wraps onto several lines.
struct Column {
  std::string header;
  double width_chars = 12;
  bool wrap = false;
};

// How a sheet prints; none of it shows on screen. The default prints as Excel's default does.
struct PrintLayout {
  bool landscape = false;
  // Every column on one page's width, as many pages down as the rows need.
  bool fit_to_width = false;
  // The header row printed again at the top of every page (Excel's "print titles").
  bool repeat_header_row = false;
  // Printed in the centre of every page's header and footer (a security marking, say);
  // plain text, empty for none. The footer also numbers the pages, "Page 2 of 5", on the right.
  std::string header_text;
  std::string footer_text;
};

// One sheet: a header row from `columns`, then `rows`. A row may be shorter than the columns
// (the rest is empty) but never longer.
struct Sheet {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // Row 1 stays in view while the rows below it scroll.
  bool freeze_header = true;
  // Filter buttons on the header row, over every row.
  bool autofilter = true;
  PrintLayout print = {};
};

// The document: its sheets in tab order, and what File > Properties shows.
struct Workbook {
  std::vector<Sheet> sheets;
  std::string title;
  std::string creator;
  // Left out when unset, so that the same data always gives the same bytes.
  std::optional<std::chrono::sys_seconds> created;
  // The fill of highlighted cells, as RRGGBB (Excel's light red "Bad" fill by default).
  std::string highlight_rgb = "FFC7CE";
};

// Excel's limits, which the writers refuse to go past rather than have Excel repair the file.
inline constexpr std::size_t max_rows = 1'048'576;  // the header row included
inline constexpr std::size_t max_columns = 16'384;
inline constexpr std::size_t max_text_length = 32'767;  // UTF-16 code units
inline constexpr std::size_t max_sheet_name_length = 31;

// Refuses a name Excel would not accept: empty, longer than 31 characters, any of
// [ ] : * ? / \ or a control character, an apostrophe first or last, or "History" (reserved).
// Throws SpreadsheetError "invalid_sheet_name" naming the sheet.
void check_sheet_name(std::string_view name);

// The serial number of `date` in Excel's 1900 date system (1900-03-01 is 61, 2026-12-15 is
// 46371). Dates before 1900-03-01, where Excel counts a 29 February 1900 that never was and
// Calc does not, are refused ("date_out_of_range"), as are dates after 9999-12-31.
std::int64_t date_serial(const Date& date);

// The cell reference of a zero-based column and row: (0, 0) is "A1", (27, 9) is "AB10".
std::string cell_reference(std::size_t column, std::size_t row);

}  // namespace panelpack::spreadsheet
