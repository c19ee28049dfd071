#pragma once
// A new office folder, ready to be filled in (`panelpack init`): office.json (one panel, every
// key explained in README.md beside it), empty cases/, bookings/ and decisions/, and templates/
// holding copies of the installed templates, for the council to edit.

#include <filesystem>

namespace panelpack::office {

// What init made.
struct NewOffice {
  std::filesystem::path folder;
  std::filesystem::path office_json;  // the file to fill in first
};

// Makes the office in `folder`, which must be new or empty (OfficeError bad_input otherwise:
// init never mixes into an office), copying the templates of `templates` (OfficeError
// machine_failure when that folder is missing or a write fails). The office is built beside
// `folder` and renamed into place, so a failed init leaves no half office.
NewOffice make_new_office(const std::filesystem::path& folder,
                          const std::filesystem::path& templates);

// The same with the templates installed with panelpack (installed_templates_folder()).
NewOffice make_new_office(const std::filesystem::path& folder);

}  // namespace panelpack::office
