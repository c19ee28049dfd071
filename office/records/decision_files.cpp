#include "office/records/decision_files.hpp"

#include <algorithm>
#include <system_error>

#include "office/error.hpp"
#include "office/validated_json.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

fs::path decisions_path(const Workspace& workspace, const std::string& panel_id,
                        panel::CalendarDate date) {
  return workspace.root() / "decisions" / panel_id / (date.iso() + ".json");
}

std::optional<panel::SittingDecisions> load_decisions(const Workspace& workspace,
                                                      const std::string& panel_id,
                                                      panel::CalendarDate date) {
  const fs::path path = decisions_path(workspace, panel_id, date);
  std::error_code error;
  if (!fs::exists(path, error)) return std::nullopt;
  const nlohmann::json json = read_validated(path, "decisions");
  panel::SittingDecisions decisions;
  try {
    decisions = panel::parse_decisions(json);
  } catch (const panel::PanelError& failure) {
    throw OfficeError(OfficeError::Code::bad_input, path.string() + ": " + failure.what());
  }
  if (decisions.panel_id != panel_id || decisions.date != date) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path.string() + ": holds the decisions of " + decisions.panel_id + " " +
                          decisions.date.iso() + ", not of " + panel_id + " " + date.iso());
  }
  return decisions;
}

std::vector<panel::SittingDecisions> load_all_decisions(const Workspace& workspace,
                                                        std::vector<std::string>& problems) {
  std::vector<panel::SittingDecisions> all;
  for (const panel::PanelConfig& panel : workspace.office().panels) {
    const fs::path folder = workspace.root() / "decisions" / panel.id;
    std::error_code error;
    if (!fs::is_directory(folder, error)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
      try {
        auto decisions =
            load_decisions(workspace, panel.id, panel::CalendarDate::parse(path.stem().string()));
        if (decisions) all.push_back(std::move(*decisions));
      } catch (const panel::PanelError& failure) {
        problems.push_back(path.string() + ": the file name is not a date (" + failure.what() +
                           ")");
      } catch (const OfficeError& failure) {
        if (failure.code() != OfficeError::Code::bad_input) throw;
        problems.emplace_back(failure.what());
      }
    }
  }
  return all;
}

}  // namespace panelpack::office
