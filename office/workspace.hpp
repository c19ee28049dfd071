#pragma once
// The office folder every panel command works in:
//   office.json                  the configuration (docs/office.md)
//   cases/CASEREF.json           one case file per child
//   bookings/PANEL/DATE.json     the cases booked into each sitting
//   papers/CASEREF/...           documents submitted as files
//   packs/PANEL/DATE/            the packs panelpack builds

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/machine.hpp"
#include "panel/bookings.hpp"
#include "panel/case_summary.hpp"
#include "panel/office_config.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::office {

struct CaseFile {
  std::filesystem::path path;
  nlohmann::json data;  // the whole file: what the paper templates are filled from
  panel::CaseSummary summary;
};

class Workspace {
 public:
  // The office folder `root`: reads and checks its office.json. Throws OfficeError (bad_input)
  // naming every problem.
  static Workspace open(const std::filesystem::path& root, Machine machine = {});

  const std::filesystem::path& root() const { return root_; }
  const panel::OfficeConfig& office() const { return office_; }
  const panel::WorkingCalendar& calendar() const { return calendar_; }
  // The programs and secrets the front end gave it (machine.hpp).
  const Machine& machine() const { return machine_; }
  // A path from configuration or bookings, relative to the office folder.
  std::filesystem::path resolve(const std::string& relative) const;
  // THE place a template's path is worked out (agenda, pack, decisions, report, tick and
  // validate all ask here): the panel's own entry in office.json's templates, else the
  // office's, resolved against the office folder; when office.json names none, the template
  // installed with panelpack (installed_templates.hpp). No panel: the office's (the report).
  // The file (or, for "email", folder) may not exist: the caller reports that.
  std::filesystem::path template_path(const std::string& kind,
                                      const panel::PanelConfig* panel = nullptr) const;

  std::filesystem::path case_path(const std::string& case_ref) const;
  std::filesystem::path bookings_path(const std::string& panel_id, panel::CalendarDate date) const;
  std::filesystem::path pack_path(const std::string& panel_id, panel::CalendarDate date) const;
  // records/PANEL/DATE: the sitting's decision records and their manifest.json.
  std::filesystem::path records_path(const std::string& panel_id, panel::CalendarDate date) const;

  // Reads and checks cases/CASEREF.json. Throws OfficeError (bad_input) when it is missing
  // or invalid, or names another case.
  CaseFile load_case(const std::string& case_ref) const;
  // Every case file; an invalid one is reported through `problems` and left out.
  std::vector<CaseFile> load_all_cases(std::vector<std::string>& problems) const;

  // A sitting's bookings, or nothing when none are booked. Throws OfficeError (bad_input)
  // for an invalid file or one whose panel and date disagree with its name.
  std::optional<panel::Bookings> load_bookings(const std::string& panel_id,
                                               panel::CalendarDate date) const;
  // The bookings of every sitting, with the sitting each belongs to; files that name no
  // sitting of their panel are reported through `problems`.
  std::vector<panel::BookedSitting> load_all_bookings(std::vector<std::string>& problems) const;
  // Checks the bookings against the schema, then writes them atomically.
  void save_bookings(const panel::Bookings& bookings) const;

 private:
  Workspace(std::filesystem::path root, panel::OfficeConfig office, Machine machine);

  std::filesystem::path root_;
  panel::OfficeConfig office_;
  panel::WorkingCalendar calendar_;
  Machine machine_;
};

// Where a template named in office.json (templates.KIND) is: the one place a template path
// is resolved, against the office folder.
std::filesystem::path template_path(const std::filesystem::path& office_root,
                                    const std::string& configured);

}  // namespace panelpack::office
