#include "console/server/case_form_data.hpp"

namespace panelpack::console {
namespace {

// More than this many choices are a select; fewer are radios.
constexpr std::size_t kMostRadios = 5;

nlohmann::json input_json(const office::FormInput& input, const std::string& error) {
  nlohmann::json json = {
      {"id", input.id}, {"label", input.label}, {"hint", input.hint}, {"value", input.value}};
  if (!error.empty()) json["error"] = error;
  switch (input.kind) {
    case office::InputKind::date: {
      json["is_date"] = true;
      json["day"] = input.date.day;
      json["month"] = input.date.month;
      json["year"] = input.date.year;
      // A box the reading found wrong is red; an error from the schema reddens all three.
      const bool own = !input.reading.error.empty();
      json["day_wrong"] = !error.empty() && (!own || input.reading.day_wrong);
      json["month_wrong"] = !error.empty() && (!own || input.reading.month_wrong);
      json["year_wrong"] = !error.empty() && (!own || input.reading.year_wrong);
      break;
    }
    case office::InputKind::yes_no:
      json["is_yes_no"] = true;
      json["yes"] = input.value == "yes";
      json["no"] = input.value == "no";
      break;
    case office::InputKind::choice: {
      json[input.choices.size() > kMostRadios ? "is_select" : "is_radios"] = true;
      nlohmann::json choices = nlohmann::json::array();
      for (std::size_t i = 0; i < input.choices.size(); ++i) {
        const office::InputChoice& choice = input.choices[i];
        choices.push_back({{"value", choice.value},
                           {"words", choice.words},
                           {"radio_id", i == 0 ? input.id : input.id + "-" + std::to_string(i)},
                           {"selected", choice.value == input.value}});
      }
      json["choices"] = choices;
      break;
    }
    case office::InputKind::whole_number:
      json["is_text"] = true;
      json["numeric"] = true;
      break;
    case office::InputKind::text:
      json["is_text"] = true;
      break;
  }
  return json;
}

}  // namespace

void FormErrors::add(const office::CaseForm& form, const std::string& id,
                     const std::string& message, std::string href) {
  if (!id.empty() && by_input.contains(id)) return;
  if (href.empty()) {
    const office::FormInput* input = office::find_input(form, id);
    href = id.empty() ? "#case-form"
           : input != nullptr && input->kind == office::InputKind::date
               ? "#" + id + "-" +
                     (input->reading.first_wrong.empty() ? "day" : input->reading.first_wrong)
               : "#" + id;
  }
  summary.push_back({{"text", message}, {"href", href}});
  if (!id.empty()) by_input[id] = message;
}

nlohmann::json groups_data(const office::CaseForm& form, const FormErrors& errors) {
  nlohmann::json groups = nlohmann::json::array();
  for (const office::FormGroup& group : form.groups) {
    nlohmann::json inputs = nlohmann::json::array();
    for (const office::FormInput& input : group.inputs) {
      const auto found = errors.by_input.find(input.id);
      inputs.push_back(input_json(input, found == errors.by_input.end() ? "" : found->second));
    }
    nlohmann::json json = {{"inputs", inputs}};
    if (!group.legend.empty()) json["legend"] = group.legend;
    groups.push_back(std::move(json));
  }
  return groups;
}

}  // namespace panelpack::console
