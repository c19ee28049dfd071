#include "templating/filters.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

#include "templating/value_text.hpp"
#include "text/edit_distance.hpp"
#include "text/iso_date.hpp"

namespace panelpack::templating {

namespace {

using nlohmann::json;

constexpr std::string_view kDate = "date";
constexpr std::string_view kUpper = "upper";
constexpr std::string_view kLower = "lower";
constexpr std::string_view kYesNo = "yesno";
constexpr std::string_view kCheckbox = "checkbox";
constexpr std::string_view kMoney = "money";
constexpr std::string_view kDefault = "default";

std::string joined_filter_names() {
  std::string joined;
  for (const std::string& name : known_filter_names()) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

// --- date -------------------------------------------------------------------------------

// Pattern tokens, longest first so "MMMM" is never read as "MM" twice.
constexpr std::array<std::string_view, 6> kDateTokens = {"MMMM", "yyyy", "MMM", "dd", "MM", "d"};

std::string_view date_token_at(std::string_view pattern, std::size_t pos) {
  for (const std::string_view token : kDateTokens) {
    if (pattern.substr(pos, token.size()) == token) return token;
  }
  return {};
}

bool has_date_token(std::string_view pattern) {
  for (std::size_t pos = 0; pos < pattern.size(); ++pos) {
    if (!date_token_at(pattern, pos).empty()) return true;
  }
  return false;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Why `text` is not an ISO date, or nullopt with `date` filled in. A date-time
// ("2026-03-05T09:30:00Z") keeps its date part.
std::optional<std::string> read_iso_date(std::string_view text, text::IsoDate& date) {
  constexpr std::string_view kShape = "is not an ISO date (YYYY-MM-DD)";
  if (text.size() > 10 && text[10] != 'T' && text[10] != 't' && text[10] != ' ') {
    return std::string(kShape);
  }
  const text::ParsedDate parsed = text::parse_iso_date(text.substr(0, 10));
  if (parsed.problem == text::DateProblem::not_yyyy_mm_dd) return std::string(kShape);
  if (parsed.problem == text::DateProblem::no_such_day) return "is not a real calendar date";
  date = parsed.date;
  return std::nullopt;
}

void append_padded(std::string& out, int number, std::size_t width) {
  const std::string digits = std::to_string(number);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

std::string format_date(const text::IsoDate& date, std::string_view pattern) {
  const std::string_view month_name = text::month_name(date.month);
  std::string out;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const std::string_view token = date_token_at(pattern, pos);
    if (token.empty()) {
      out += pattern[pos++];
      continue;
    }
    if (token == "MMMM") {
      out += month_name;
    } else if (token == "MMM") {
      out += month_name.substr(0, 3);
    } else if (token == "MM") {
      append_padded(out, date.month, 2);
    } else if (token == "dd") {
      append_padded(out, date.day, 2);
    } else if (token == "d") {
      append_padded(out, date.day, 1);
    } else {
      append_padded(out, date.year, 4);
    }
    pos += token.size();
  }
  return out;
}

// --- money ------------------------------------------------------------------------------

struct Pence {
  bool negative = false;
  std::uint64_t magnitude = 0;
};

std::string format_money(const Pence& amount) {
  const std::string pounds = std::to_string(amount.magnitude / 100);
  const auto pence = static_cast<int>(amount.magnitude % 100);
  std::string out;
  if (amount.negative && amount.magnitude != 0) out += '-';
  out += "\u00a3";
  for (std::size_t i = 0; i < pounds.size(); ++i) {
    if (i != 0 && (pounds.size() - i) % 3 == 0) out += ',';
    out += pounds[i];
  }
  out += '.';
  append_padded(out, pence, 2);
  return out;
}

bool checked_append_digit(std::uint64_t& number, char digit) {
  return !__builtin_mul_overflow(number, 10U, &number) &&
         !__builtin_add_overflow(number, static_cast<std::uint64_t>(digit - '0'), &number);
}

// Reads a decimal amount of pounds exactly ("1,234.5", "-£12", "£0.999"), rounding half away
// from zero to pence. Thousands commas must group by three so "1,25" is not misread.
std::optional<Pence> parse_pounds(std::string_view text) {
  constexpr std::string_view kPound = "\u00a3";
  const auto trim_at = text.find_first_not_of(" \t");
  text.remove_prefix(trim_at == std::string_view::npos ? text.size() : trim_at);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);

  Pence amount;
  if (text.starts_with('-')) {
    amount.negative = true;
    text.remove_prefix(1);
  }
  if (text.starts_with(kPound)) text.remove_prefix(kPound.size());
  if (!amount.negative && text.starts_with('-')) {
    amount.negative = true;
    text.remove_prefix(1);
  }

  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (point != std::string_view::npos && fraction.empty()) return std::nullopt;
  if (whole.empty() && fraction.empty()) return std::nullopt;

  std::uint64_t pounds = 0;
  std::size_t group_length = 0;
  bool grouped = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c == ',') {
      if (group_length == 0 || group_length > 3 || (grouped && group_length != 3)) {
        return std::nullopt;
      }
      grouped = true;
      group_length = 0;
      continue;
    }
    if (!is_digit(c) || !checked_append_digit(pounds, c)) return std::nullopt;
    ++group_length;
  }
  if (grouped && group_length != 3) return std::nullopt;

  if (!std::all_of(fraction.begin(), fraction.end(), is_digit)) return std::nullopt;
  std::uint64_t pence = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    pence = pence * 10 + (i < fraction.size() ? static_cast<std::uint64_t>(fraction[i] - '0') : 0);
  }
  const bool round_up = fraction.size() > 2 && fraction[2] >= '5';
  if (__builtin_mul_overflow(pounds, 100U, &amount.magnitude) ||
      __builtin_add_overflow(amount.magnitude, pence + (round_up ? 1 : 0), &amount.magnitude)) {
    return std::nullopt;
  }
  return amount;
}

std::optional<Pence> read_money(const json& value) {
  switch (value.type()) {
    case json::value_t::number_unsigned:
      return Pence{false, value.get<std::uint64_t>()};
    case json::value_t::number_integer: {
      const auto pence = value.get<std::int64_t>();
      // Negating in unsigned arithmetic keeps INT64_MIN exact.
      return pence < 0 ? Pence{true, std::uint64_t{0} - static_cast<std::uint64_t>(pence)}
                       : Pence{false, static_cast<std::uint64_t>(pence)};
    }
    case json::value_t::number_float: {
      const double pounds = value.get<double>();
      if (!std::isfinite(pounds)) return std::nullopt;
      // The shortest decimal that reads back as this double is what the data said:
      // 1.005 rounds to £1.01, not to the £1.00 that 1.005 * 100 would give.
      const std::string written = value.dump();
      if (written.find_first_of("eE") == std::string::npos) return parse_pounds(written);
      if (std::fabs(pounds) >= 9.0e16) return std::nullopt;
      const long long pence = std::llround(pounds * 100.0);
      return pence < 0 ? Pence{true, static_cast<std::uint64_t>(-pence)}
                       : Pence{false, static_cast<std::uint64_t>(pence)};
    }
    case json::value_t::string:
      return parse_pounds(value.get_ref<const std::string&>());
    default:
      return std::nullopt;
  }
}

// --- case mapping -----------------------------------------------------------------------

std::string change_case(const std::string& text, bool to_upper) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  if (to_upper) {
    unicode.toUpper(icu::Locale::getRoot());
  } else {
    unicode.toLower(icu::Locale::getRoot());
  }
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

// --- one step of a chain ----------------------------------------------------------------

// What one filter did: produced text, or left the value as it was (missing, or `default` on a
// present value, which must reach the next filter unchanged: a pence integer stays pence).
struct StepResult {
  std::optional<std::string> text;
};

bool is_null_or_empty(const json& value) {
  return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty());
}

StepResult apply_one(const json* value, const FilterCall& call,
                     std::vector<FilterProblem>& problems) {
  const std::string_view name = call.name;
  if (name == kDefault) {
    if (value == nullptr || is_null_or_empty(*value)) return {call.argument.value_or("")};
    return {};
  }
  if (name == kYesNo) return {is_truthy(value) ? "Yes" : "No"};
  if (name == kCheckbox) return {is_truthy(value) ? "\u2612" : "\u2610"};
  if (value == nullptr) return {};
  if (name == kUpper || name == kLower) return {change_case(value_to_text(value), name == kUpper)};
  if (is_null_or_empty(*value)) return {std::string()};
  if (name == kDate) {
    text::IsoDate date;
    std::optional<std::string> problem;
    if (value->is_string()) {
      problem = read_iso_date(value->get_ref<const std::string&>(), date);
    } else {
      problem = "is not text holding an ISO date (YYYY-MM-DD)";
    }
    if (problem) {
      problems.push_back({call.name, std::move(*problem)});
      return {value_to_text(value)};
    }
    return {format_date(date, call.argument.value_or("d MMMM yyyy"))};
  }
  // Only `money` is left: filter_call_problem has refused every other name.
  if (const std::optional<Pence> amount = read_money(*value)) return {format_money(*amount)};
  problems.push_back({call.name, "is not an amount (pence as a whole number, or pounds)"});
  return {value_to_text(value)};
}

}  // namespace

const std::vector<std::string>& known_filter_names() {
  static const std::vector<std::string> names = {
      std::string(kDate),     std::string(kUpper), std::string(kLower),  std::string(kYesNo),
      std::string(kCheckbox), std::string(kMoney), std::string(kDefault)};
  return names;
}

std::optional<std::string> nearest_filter_name(std::string_view typed) {
  const std::string* nearest = nullptr;
  std::size_t nearest_distance = 3;  // suggest only within an edit distance of 2
  for (const std::string& name : known_filter_names()) {
    const std::size_t distance = text::edit_distance(typed, name);
    if (distance < nearest_distance) {
      nearest = &name;
      nearest_distance = distance;
    }
  }
  if (nearest == nullptr) return std::nullopt;
  return *nearest;
}

std::optional<std::string> filter_call_problem(const FilterCall& call) {
  const std::vector<std::string>& names = known_filter_names();
  if (std::find(names.begin(), names.end(), call.name) == names.end()) {
    std::string message = "unknown filter '" + call.name + "'";
    if (const auto nearest = nearest_filter_name(call.name)) {
      message += " (did you mean '" + *nearest + "'?)";
    }
    message += "; the filters are " + joined_filter_names();
    return message;
  }
  if (call.name == kDefault) {
    if (!call.argument) {
      return "filter 'default' needs an argument such as default:\"Not recorded\"";
    }
    return std::nullopt;
  }
  if (call.name == kDate) {
    if (call.argument && !has_date_token(*call.argument)) {
      return "date pattern '" + *call.argument +
             "' has none of the tokens d, dd, MM, MMM, MMMM, yyyy (e.g. date:\"dd/MM/yyyy\")";
    }
    return std::nullopt;
  }
  if (call.argument) return "filter '" + call.name + "' takes no argument";
  return std::nullopt;
}

FilteredValue apply_filters(const nlohmann::json* value, const std::vector<FilterCall>& chain,
                            std::vector<FilterProblem>& problems) {
  const json* current = value;
  json produced;  // the text of the latest filter that produced one, as a JSON string
  for (const FilterCall& call : chain) {
    if (std::optional<std::string> problem = filter_call_problem(call)) {
      problems.push_back({call.name, std::move(*problem)});
      continue;
    }
    StepResult step = apply_one(current, call, problems);
    if (step.text) {
      produced = std::move(*step.text);
      current = &produced;
    }
  }
  FilteredValue result;
  result.missing = current == nullptr;
  result.text = value_to_text(current);
  return result;
}

}  // namespace panelpack::templating
