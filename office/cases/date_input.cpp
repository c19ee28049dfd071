#include "office/cases/date_input.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace panelpack::office {
namespace {

std::string trimmed(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() <= 4 &&
         std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

int days_in(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string two_digits(int number) {
  return (number < 10 ? "0" : "") + std::to_string(number);
}

// "day", "day and month", "day, month and year".
std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

DateReading read_date(const DateParts& parts, std::string_view label) {
  const std::string day = trimmed(parts.day);
  const std::string month = trimmed(parts.month);
  const std::string year = trimmed(parts.year);
  DateReading reading;
  if (day.empty() && month.empty() && year.empty()) return reading;
  const std::string name(label);
  std::vector<std::string> missing;
  if (day.empty()) missing.emplace_back("day");
  if (month.empty()) missing.emplace_back("month");
  if (year.empty()) missing.emplace_back("year");
  if (!missing.empty()) {
    reading.error = name + " must include a " + listed(missing);
    reading.day_wrong = day.empty();
    reading.month_wrong = month.empty();
    reading.year_wrong = year.empty();
    reading.first_wrong = missing.front();
    return reading;
  }
  if (!all_digits(year) || year.size() != 4) {
    reading.error = "Year must include 4 numbers";
    reading.year_wrong = true;
    reading.first_wrong = "year";
    return reading;
  }
  const int y = std::stoi(year);
  const int m = all_digits(month) ? std::stoi(month) : 0;
  const int d = all_digits(day) ? std::stoi(day) : 0;
  if (m < 1 || m > 12 || d < 1 || d > days_in(m, y)) {
    reading.error = name + " must be a real date";
    reading.month_wrong = m < 1 || m > 12;
    reading.day_wrong = !reading.month_wrong;
    reading.first_wrong = reading.day_wrong ? "day" : "month";
    return reading;
  }
  reading.iso = year + "-" + two_digits(m) + "-" + two_digits(d);
  return reading;
}

DateParts date_parts(std::string_view iso) {
  const auto digit = [&](std::size_t at) {
    return std::isdigit(static_cast<unsigned char>(iso[at])) != 0;
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  for (const std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!digit(at)) return {};
  }
  return {std::to_string(std::stoi(std::string(iso.substr(8, 2)))),
          std::to_string(std::stoi(std::string(iso.substr(5, 2)))), std::string(iso.substr(0, 4))};
}

}  // namespace panelpack::office
