#pragma once
// The one error the spreadsheet writer throws: a stable code and the place it is about.

#include <stdexcept>
#include <string>

namespace panelpack::spreadsheet {

// `code` is stable ("no_sheets", "invalid_sheet_name", "duplicate_sheet_name", "no_columns",
// "too_many_columns", "too_many_rows", "row_too_long", "invalid_width", "invalid_date",
// "date_out_of_range", "not_finite", "text_too_long", "invalid_colour"); `where` names the sheet or
// the cell
// ("Actions!C7"), never a cell's value, so that a message can go into a ticket.
class SpreadsheetError : public std::runtime_error {
 public:
  SpreadsheetError(std::string code, std::string where, const std::string& message);
  const std::string& code() const noexcept { return code_; }
  const std::string& where() const noexcept { return where_; }

 private:
  std::string code_;
  std::string where_;
};

}  // namespace panelpack::spreadsheet
