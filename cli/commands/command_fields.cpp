// `panelpack fields`: every field path a template author can type, with its one-line meaning.

#include <algorithm>
#include <array>
#include <iostream>

#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "commands/commands.hpp"
#include "office/bundled_schemas.hpp"
#include "validation/field_catalogue.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 2> fields_options = {{
    {"json", '\0', false},
    {"help", 'h', false},
}};

constexpr std::size_t kWidestPath = 44;

void print_text(const validation::FieldCatalogue& catalogue) {
  std::size_t width = 0;
  for (const auto& field : catalogue.fields()) {
    width = std::max(width, validation::display_path(field).size());
  }
  width = std::min(width, kWidestPath);
  for (const auto& field : catalogue.fields()) {
    const std::string path = validation::display_path(field);
    std::string label(validation::kind_label(field.kind));
    if (field.required) label += ", required";
    std::cout << path << std::string(path.size() < width ? width - path.size() : 0, ' ') << "  "
              << label << std::string(label.size() < 16 ? 16 - label.size() : 0, ' ') << "  "
              << field.description;
    if (!field.choices.empty()) {
      std::string choices;
      for (const auto& choice : field.choices) choices += (choices.empty() ? "" : ", ") + choice;
      if (field.description.find(field.choices.front()) == std::string::npos) {
        std::cout << " (" << choices << ")";
      }
    }
    std::cout << '\n';
  }
}

void print_json(const validation::FieldCatalogue& catalogue) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const auto& field : catalogue.fields()) {
    nlohmann::ordered_json entry = {{"path", validation::display_path(field)},
                                    {"kind", validation::kind_label(field.kind)},
                                    {"required", field.required},
                                    {"description", field.description}};
    if (!field.choices.empty()) entry["choices"] = field.choices;
    fields.push_back(std::move(entry));
  }
  std::cout << nlohmann::ordered_json({{"fields", std::move(fields)}}).dump(2) << '\n';
}

}  // namespace

ExitCode run_fields(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, fields_options);
  if (arguments.positionals().size() > 1) {
    throw UsageError(
        "fields takes at most one schema name: case, bookings, decision, agenda or office");
  }
  const std::string kind = arguments.positionals().empty() ? "case" : arguments.positionals()[0];
  const auto catalogue = validation::FieldCatalogue::from_schema(office::bundled_schemas(),
                                                                 office::schema_file_for(kind));
  if (arguments.has("json")) {
    print_json(catalogue);
  } else {
    print_text(catalogue);
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
