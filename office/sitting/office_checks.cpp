#include "office/sitting/office_checks.hpp"

#include <system_error>

#include "office/workspace.hpp"
#include "panel/office_config.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;

// The email templates are a folder; every other template is a file.
void check_templates(const nlohmann::json& templates, const std::string& pointer,
                     const fs::path& office_root, std::vector<OfficeProblem>& problems) {
  if (!templates.is_object()) return;
  for (const auto& [kind, configured] : templates.items()) {
    if (!configured.is_string()) continue;
    const fs::path path = template_path(office_root, configured.get<std::string>());
    std::error_code error;
    const bool found =
        kind == "email" ? fs::is_directory(path, error) : fs::is_regular_file(path, error);
    if (found) continue;
    problems.push_back({pointer + "/" + kind, "missing_template",
                        "no " + std::string{kind == "email" ? "folder" : "file"} + " at " +
                            path.string() + "; give the template's path from the office folder"});
  }
}

}  // namespace

std::vector<OfficeProblem> office_problems(const nlohmann::json& office,
                                           const fs::path& office_json) {
  std::vector<OfficeProblem> problems;
  try {
    panel::check_deadline_order(panel::parse_office_config(office), office);
  } catch (const panel::PanelError& error) {
    const std::string message = error.what();
    const std::string prefix = error.where() + ": ";
    problems.push_back({error.where(), error.code(),
                        message.starts_with(prefix) ? message.substr(prefix.size()) : message});
  }
  const fs::path root =
      office_json.parent_path().empty() ? fs::path{"."} : office_json.parent_path();
  if (office.contains("templates")) {
    check_templates(office.at("templates"), "/templates", root, problems);
  }
  const nlohmann::json& panels = office.contains("panels") ? office.at("panels") : office;
  for (std::size_t i = 0; panels.is_array() && i < panels.size(); ++i) {
    if (panels.at(i).contains("templates")) {
      check_templates(panels.at(i).at("templates"), "/panels/" + std::to_string(i) + "/templates",
                      root, problems);
    }
  }
  return problems;
}

}  // namespace panelpack::office
