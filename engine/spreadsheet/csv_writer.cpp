#include "spreadsheet/csv_writer.hpp"

#include <cstdint>
#include <string>
#include <string_view>

#include "spreadsheet/cell_text.hpp"

namespace panelpack::spreadsheet {
namespace {

void append_field(std::string& out, std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\n\r") != std::string_view::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_text_field(std::string& out, std::string text) {
  if (detail::looks_like_formula(text)) text.insert(text.begin(), '\'');
  append_field(out, text);
}

void append_cell(std::string& out, const Sheet& sheet, const Cell& cell, std::size_t column,
                 std::size_t row) {
  detail::check_cell(cell, sheet.name, column, row);
  if (const auto* text = std::get_if<std::string>(&cell.value)) {
    append_text_field(out, detail::clean_cell_text(*text, sheet.name, column, row));
  } else if (const auto* number = std::get_if<double>(&cell.value)) {
    out += detail::number_text(*number);
  } else if (const auto* whole = std::get_if<std::int64_t>(&cell.value)) {
    out += std::to_string(*whole);
  } else if (const auto* date = std::get_if<Date>(&cell.value)) {
    out += detail::iso_date_text(*date);
  } else if (const auto* boolean = std::get_if<bool>(&cell.value)) {
    out += *boolean ? "TRUE" : "FALSE";
  }
}

}  // namespace

std::string csv_text_field(std::string_view text) {
  std::string field;
  append_text_field(field, std::string(text));
  return field;
}

std::string write_csv(const Sheet& sheet, const CsvOptions& options) {
  detail::check_sheet_shape(sheet);
  std::string out;
  if (options.byte_order_mark) out += "\xEF\xBB\xBF";
  const std::size_t width = sheet.columns.size();
  for (std::size_t column = 0; column < width; ++column) {
    if (column > 0) out += ',';
    append_text_field(out,
                      detail::clean_cell_text(sheet.columns[column].header, sheet.name, column, 0));
  }
  out += "\r\n";
  for (std::size_t row = 0; row < sheet.rows.size(); ++row) {
    const std::vector<Cell>& cells = sheet.rows[row];
    for (std::size_t column = 0; column < width; ++column) {
      if (column > 0) out += ',';
      if (column < cells.size()) append_cell(out, sheet, cells[column], column, row + 1);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace panelpack::spreadsheet
