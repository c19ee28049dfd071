#pragma once
// Filters a template author can put after a value: {{child.dob | date}}, {{amount | money}}.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace panelpack::templating {

// One filter as written in a tag: name and its optional quoted argument (quotes removed).
struct FilterCall {
  std::string name;
  std::optional<std::string> argument;
};

// Checked at compile time: nullopt when the call is valid, otherwise what is wrong
// ("unknown filter 'uper'; known filters: date, upper, ...", "filter 'default' needs an
// argument such as default:\"Not recorded\"").
std::optional<std::string> filter_call_problem(const FilterCall& call);

// The names of every filter, for messages and help.
const std::vector<std::string>& known_filter_names();

// The filter a mistyped name most likely meant ("dat" -> "date"): within an edit distance of
// 2, else nullopt.
std::optional<std::string> nearest_filter_name(std::string_view typed);

// A value a filter could not read (malformed date, non-numeric money). The value itself is
// never included: case data must not reach logs.
struct FilterProblem {
  std::string filter;   // "date"
  std::string message;  // "is not an ISO date (YYYY-MM-DD)"
};

// The value after its filters: `missing` stays true only while no filter produced text
// (so `default` makes a missing value present).
struct FilteredValue {
  bool missing = false;
  std::string text;
};

// Applies `chain` left to right to `value` (nullptr = missing from the data). With an empty
// chain this is value_to_text. Problems are appended, and the value renders as given.
FilteredValue apply_filters(const nlohmann::json* value, const std::vector<FilterCall>& chain,
                            std::vector<FilterProblem>& problems);

}  // namespace panelpack::templating
