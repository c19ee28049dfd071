#include "office/workspace.hpp"

#include <algorithm>
#include <system_error>

#include "office/error.hpp"
#include "office/files.hpp"
#include "office/installed_templates.hpp"
#include "office/json_input.hpp"
#include "office/validated_json.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// A PanelError in a workspace file, as "FILE: POINTER: message".
OfficeError file_error(const fs::path& path, const panel::PanelError& error) {
  return OfficeError(OfficeError::Code::bad_input, path.string() + ": " + error.what(),
                     {path.string(), error.where()});
}

bool is_json_file(const fs::directory_entry& entry) {
  return entry.is_regular_file() && entry.path().extension() == ".json" &&
         !entry.path().filename().string().starts_with(".");
}

std::vector<fs::path> json_files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::is_directory(folder, error)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (is_json_file(entry)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Workspace::Workspace(fs::path root, panel::OfficeConfig office, Machine machine)
    : root_(std::move(root)),
      office_(std::move(office)),
      calendar_(office_.working_calendar()),
      machine_(std::move(machine)) {}

Workspace Workspace::open(const fs::path& root, Machine machine) {
  const fs::path config = root / "office.json";
  std::error_code error;
  if (!fs::is_regular_file(config, error)) {
    throw OfficeError(OfficeError::Code::bad_input,
                      "no office.json in " + root.string() + " (docs/office.md describes the file)",
                      {config.string(), {}});
  }
  const nlohmann::json json = read_validated(config, "office");
  try {
    panel::OfficeConfig office = panel::parse_office_config(json);
    panel::check_deadline_order(office, json);
    return Workspace(root, std::move(office), std::move(machine));
  } catch (const panel::PanelError& failure) {
    throw file_error(config, failure);
  }
}

fs::path Workspace::resolve(const std::string& relative) const {
  return root_ / relative;
}

fs::path Workspace::template_path(const std::string& kind, const panel::PanelConfig* panel) const {
  const auto& configured = panel == nullptr ? office_.templates : panel->templates;
  if (const auto found = configured.find(kind); found != configured.end()) {
    return office::template_path(root_, found->second);
  }
  return installed_templates_folder() / panel::installed_template_name(kind);
}

fs::path Workspace::case_path(const std::string& case_ref) const {
  return root_ / "cases" / (case_ref + ".json");
}

fs::path Workspace::bookings_path(const std::string& panel_id, panel::CalendarDate date) const {
  return root_ / "bookings" / panel_id / (date.iso() + ".json");
}

fs::path Workspace::pack_path(const std::string& panel_id, panel::CalendarDate date) const {
  return root_ / "packs" / panel_id / date.iso();
}

fs::path Workspace::records_path(const std::string& panel_id, panel::CalendarDate date) const {
  return root_ / "records" / panel_id / date.iso();
}

CaseFile Workspace::load_case(const std::string& case_ref) const {
  const fs::path path = case_path(case_ref);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw OfficeError(OfficeError::Code::bad_input,
                      "no case file for " + case_ref + " (expected " + path.string() + ")");
  }
  CaseFile file{path, read_validated(path, "case"), {}};
  try {
    file.summary = panel::summarise_case(file.data);
  } catch (const panel::PanelError& failure) {
    throw file_error(path, failure);
  }
  if (file.summary.case_ref != case_ref) {
    throw OfficeError(OfficeError::Code::bad_input, path.string() +
                                                        ": /caseRef: the file is named for " +
                                                        case_ref + " but holds another case");
  }
  return file;
}

std::vector<CaseFile> Workspace::load_all_cases(std::vector<std::string>& problems) const {
  std::vector<CaseFile> cases;
  for (const fs::path& path : json_files_in(root_ / "cases")) {
    try {
      cases.push_back(load_case(path.stem().string()));
    } catch (const OfficeError& failure) {
      if (failure.code() != OfficeError::Code::bad_input) throw;
      problems.emplace_back(failure.what());
    }
  }
  return cases;
}

std::optional<panel::Bookings> Workspace::load_bookings(const std::string& panel_id,
                                                        panel::CalendarDate date) const {
  const fs::path path = bookings_path(panel_id, date);
  std::error_code error;
  if (!fs::exists(path, error)) return std::nullopt;
  const nlohmann::json json = read_validated(path, "bookings");
  panel::Bookings bookings;
  try {
    bookings = panel::parse_bookings(json);
  } catch (const panel::PanelError& failure) {
    throw file_error(path, failure);
  }
  if (bookings.panel_id != panel_id || bookings.date != date) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path.string() + ": holds the bookings of " + bookings.panel_id + " " +
                          bookings.date.iso() + ", not of " + panel_id + " " + date.iso() +
                          "; move it to bookings/" + bookings.panel_id + "/" + bookings.date.iso() +
                          ".json");
  }
  return bookings;
}

std::vector<panel::BookedSitting> Workspace::load_all_bookings(
    std::vector<std::string>& problems) const {
  std::vector<panel::BookedSitting> booked;
  for (const panel::PanelConfig& panel : office_.panels) {
    for (const fs::path& path : json_files_in(root_ / "bookings" / panel.id)) {
      try {
        const auto date = panel::CalendarDate::parse(path.stem().string());
        auto bookings = load_bookings(panel.id, date);
        if (!bookings) continue;
        panel::Sitting sitting;
        try {
          sitting = panel::find_sitting(panel, date);
        } catch (const panel::PanelError& failure) {
          if (failure.code() != "sitting_cancelled") throw;
          sitting = {panel.id, date, panel.start_time, false, true, failure.what()};
        }
        booked.push_back({sitting, std::move(*bookings)});
      } catch (const panel::PanelError& failure) {
        problems.push_back(path.string() + ": " + failure.what());
      } catch (const OfficeError& failure) {
        if (failure.code() != OfficeError::Code::bad_input) throw;
        problems.emplace_back(failure.what());
      }
    }
  }
  return booked;
}

void Workspace::save_bookings(const panel::Bookings& bookings) const {
  const fs::path path = bookings_path(bookings.panel_id, bookings.date);
  const std::string text = bookings.to_json().dump(2) + "\n";
  const auto problems =
      schema_problems(nlohmann::json::parse(text), text, "bookings", path.string());
  if (!problems.empty())
    throw OfficeError(OfficeError::Code::bad_input, problems_message(problems));
  write_output(path, text);
}

fs::path template_path(const fs::path& office_root, const std::string& configured) {
  return office_root / configured;
}

}  // namespace panelpack::office
