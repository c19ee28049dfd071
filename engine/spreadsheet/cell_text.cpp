#include "spreadsheet/cell_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "spreadsheet/spreadsheet_error.hpp"
#include "templating/value_text.hpp"
#include "text/utf8.hpp"

namespace panelpack::spreadsheet::detail {

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      if (lead == '\r') {
        out += '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else if (lead >= 0x20 || lead == '\t' || lead == '\n') {
        out += static_cast<char>(lead);
      }
      ++i;
      continue;
    }
    const text::Utf8Char character = text::decode_utf8(text, i);
    if (character.length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for the bad byte
      ++i;
      continue;
    }
    if (character.code_point != 0xFFFE && character.code_point != 0xFFFF) {
      out.append(text.substr(i, character.length));
    }
    i += character.length;
  }
  return out;
}

std::size_t utf16_length(std::string_view utf8) {
  std::size_t units = 0;
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if (!text::is_utf8_continuation(c)) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

bool looks_like_formula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\n':
      return true;
    default:
      return false;
  }
}

std::string number_text(double number) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return {buffer, end};
}

std::string iso_date_text(const Date& date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", date.year, date.month, date.day);
  return buffer;
}

void append_xml_escaped(std::string& out, std::string_view text, bool attribute) {
  // Clean text keeps only tab and LF of the controls: as they are in element text, as
  // character references in attributes, where a parser would turn them into spaces.
  static constexpr templating::TextEscapes in_text{"\n", "\t"};
  static constexpr templating::TextEscapes in_attribute{"&#10;", "&#9;"};
  templating::append_xml_escaped(out, text, attribute ? in_attribute : in_text);
}

std::string cell_place(std::string_view sheet_name, std::size_t column, std::size_t row) {
  return std::string(sheet_name) + "!" + cell_reference(column, row);
}

void check_sheet_shape(const Sheet& sheet) {
  if (sheet.columns.empty()) {
    throw SpreadsheetError("no_columns", sheet.name, "a sheet needs at least one column");
  }
  if (sheet.columns.size() > max_columns) {
    throw SpreadsheetError("too_many_columns", sheet.name, "Excel holds at most 16384 columns");
  }
  if (sheet.rows.size() + 1 > max_rows) {
    throw SpreadsheetError("too_many_rows", sheet.name,
                           "Excel holds at most 1048575 rows under the header");
  }
  for (std::size_t column = 0; column < sheet.columns.size(); ++column) {
    const double width = sheet.columns[column].width_chars;
    if (!(std::isfinite(width) && width > 0 && width <= 255)) {
      throw SpreadsheetError("invalid_width", cell_place(sheet.name, column, 0),
                             "a column is from 0 to 255 characters wide");
    }
  }
  for (std::size_t row = 0; row < sheet.rows.size(); ++row) {
    if (sheet.rows[row].size() > sheet.columns.size()) {
      throw SpreadsheetError("row_too_long", cell_place(sheet.name, sheet.columns.size(), row + 1),
                             "the row has more cells than the sheet has columns");
    }
  }
}

void check_cell(const Cell& cell, std::string_view sheet_name, std::size_t column,
                std::size_t row) {
  if (const auto* number = std::get_if<double>(&cell.value); number && !std::isfinite(*number)) {
    throw SpreadsheetError("not_finite", cell_place(sheet_name, column, row),
                           "a spreadsheet cannot hold infinity or NaN");
  }
  if (const auto* date = std::get_if<Date>(&cell.value)) {
    check_date(*date, sheet_name, column, row);
  }
}

std::string clean_cell_text(std::string_view text, std::string_view sheet_name, std::size_t column,
                            std::size_t row) {
  std::string clean = clean_text(text);
  if (utf16_length(clean) > max_text_length) {
    throw SpreadsheetError("text_too_long", cell_place(sheet_name, column, row),
                           "Excel holds at most 32767 characters in a cell");
  }
  return clean;
}

}  // namespace panelpack::spreadsheet::detail
