#include "spreadsheet/workbook.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "spreadsheet/cell_text.hpp"
#include "spreadsheet/spreadsheet_error.hpp"

namespace panelpack::spreadsheet {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr sys_days excel_day_zero =
    sys_days{year_month_day{std::chrono::year{1899}, std::chrono::month{12}, std::chrono::day{30}}};
constexpr sys_days first_unambiguous_day =
    sys_days{year_month_day{std::chrono::year{1900}, std::chrono::month{3}, std::chrono::day{1}}};

// The day as chrono has it, or the code of what is wrong with it.
std::optional<sys_days> checked_day(const Date& date, std::string& problem) {
  if (date.year < 1900 || date.year > 9999) {
    problem = "date_out_of_range";
    return std::nullopt;
  }
  const year_month_day ymd{std::chrono::year{date.year}, std::chrono::month{date.month},
                           std::chrono::day{date.day}};
  if (!ymd.ok()) {
    problem = "invalid_date";
    return std::nullopt;
  }
  if (sys_days{ymd} < first_unambiguous_day) {
    problem = "date_out_of_range";
    return std::nullopt;
  }
  return sys_days{ymd};
}

// The message leaves the date out: it is data, and errors go into tickets.
[[noreturn]] void throw_date_problem(const std::string& problem, std::string where) {
  if (problem == "invalid_date") {
    throw SpreadsheetError(problem, std::move(where), "the month has no such day");
  }
  throw SpreadsheetError(problem, std::move(where),
                         "only dates from 1900-03-01 to 9999-12-31 can be written");
}

bool is_forbidden_in_sheet_name(unsigned char byte) {
  switch (byte) {
    case '[':
    case ']':
    case ':':
    case '*':
    case '?':
    case '/':
    case '\\':
      return true;
    default:
      return byte < 0x20 || byte == 0x7F;
  }
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

Cell Cell::date(int year, unsigned month, unsigned day) {
  const Date date{year, month, day};
  date_serial(date);
  return {date};
}

void check_sheet_name(std::string_view name) {
  auto refuse = [&](const std::string& why) {
    throw SpreadsheetError("invalid_sheet_name", std::string(name), "sheet name " + why);
  };
  if (name.empty()) refuse("is empty");
  if (detail::clean_text(name) != name) refuse("is not valid UTF-8 text");
  if (detail::utf16_length(name) > max_sheet_name_length) refuse("is longer than 31 characters");
  for (const char c : name) {
    if (is_forbidden_in_sheet_name(static_cast<unsigned char>(c))) {
      refuse("has a character Excel refuses (one of [ ] : * ? / \\ or a control character)");
    }
  }
  if (name.front() == '\'' || name.back() == '\'') refuse("starts or ends with an apostrophe");
  if (equals_ignoring_ascii_case(name, "History")) refuse("is reserved by Excel (History)");
}

std::int64_t date_serial(const Date& date) {
  std::string problem;
  const std::optional<sys_days> day = checked_day(date, problem);
  if (!day) throw_date_problem(problem, "");
  return (*day - excel_day_zero).count();
}

std::string cell_reference(std::size_t column, std::size_t row) {
  std::string letters;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters + std::to_string(row + 1);
}

namespace detail {

bool same_sheet_name(std::string_view a, std::string_view b) {
  return equals_ignoring_ascii_case(a, b);
}

void check_date(const Date& date, std::string_view sheet_name, std::size_t column,
                std::size_t row) {
  std::string problem;
  if (!checked_day(date, problem)) {
    throw_date_problem(problem, cell_place(sheet_name, column, row));
  }
}

}  // namespace detail
}  // namespace panelpack::spreadsheet
