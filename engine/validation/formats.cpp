#include "validation/formats.hpp"

#include <cctype>

#include "text/iso_date.hpp"

namespace panelpack::validation {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char ch : text) {
    if (std::isdigit(static_cast<unsigned char>(ch)) == 0) return false;
  }
  return true;
}

int number(std::string_view digits) {
  int value = 0;
  for (char ch : digits) value = value * 10 + (ch - '0');
  return value;
}

// HH:MM with hour and minute in range; `max_hour` 23.
bool is_hours_minutes(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return false;
  const auto hour = text.substr(0, 2);
  const auto minute = text.substr(3, 2);
  return all_digits(hour) && all_digits(minute) && number(hour) <= 23 && number(minute) <= 59;
}

}  // namespace

bool is_date(std::string_view text) {
  return static_cast<bool>(text::parse_iso_date(text));
}

bool is_date_time(std::string_view text) {
  if (text.size() < 20 || !is_date(text.substr(0, 10))) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  // HH:MM:SS; a leap second (60) is allowed, as RFC 3339 allows it.
  const auto time = text.substr(11, 8);
  if (!is_hours_minutes(time.substr(0, 5)) || time[5] != ':' || !all_digits(time.substr(6, 2)) ||
      number(time.substr(6, 2)) > 60) {
    return false;
  }
  std::string_view rest = text.substr(19);
  if (rest.starts_with('.')) {
    std::size_t digits = 1;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])) != 0) {
      ++digits;
    }
    if (digits == 1) return false;
    rest.remove_prefix(digits);
  }
  if (rest == "Z" || rest == "z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && is_hours_minutes(rest.substr(1));
}

bool is_email(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch)) != 0 ||
        std::iscntrl(static_cast<unsigned char>(ch)) != 0) {
      return false;
    }
  }
  const auto domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && !domain.ends_with('.') &&
         domain.find("..") == std::string_view::npos;
}

}  // namespace panelpack::validation
