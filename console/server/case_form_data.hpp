#pragma once
// A case form (office/cases/case_form.hpp) as the values templates/console/case_form.mustache
// draws: each input with its kind's flags, a date's three boxes, and its error beside it; the
// error summary's lines linking to the box to fix.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "office/cases/case_form.hpp"

namespace panelpack::console {

// The errors of a submitted form: the words beside each input by id, and the summary's lines.
struct FormErrors {
  std::map<std::string, std::string> by_input;
  nlohmann::json summary = nlohmann::json::array();

  // Adds `message` for input `id` (the first message of an input wins); `href` defaults to the
  // input itself (a date's first box).
  void add(const office::CaseForm& form, const std::string& id, const std::string& message,
           std::string href = "");
  bool empty() const { return summary.empty(); }
};

// The form's groups as template values.
nlohmann::json groups_data(const office::CaseForm& form, const FormErrors& errors);

}  // namespace panelpack::console
