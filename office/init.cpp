#include "office/init.hpp"

#include <array>
#include <string>
#include <system_error>

#include "office/embedded_schemas.hpp"
#include "office/error.hpp"
#include "office/installed_templates.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::office {
namespace {

namespace fs = std::filesystem;

// The folders a new office starts with, empty (the rest are made when first written).
constexpr std::array<const char*, 3> kEmptyFolders{"cases", "bookings", "decisions"};

void refuse_unless_new_or_empty(const fs::path& folder) {
  std::error_code error;
  const auto status = fs::symlink_status(folder, error);
  if (status.type() == fs::file_type::not_found) return;
  if (status.type() != fs::file_type::directory) {
    throw OfficeError(OfficeError::Code::bad_input,
                      folder.string() +
                          " exists and is not a folder: give init a new or empty folder for the "
                          "office",
                      {folder.string(), ""});
  }
  if (!fs::is_empty(folder, error) || error) {
    throw OfficeError(OfficeError::Code::bad_input,
                      folder.string() +
                          " is not empty: init makes an office only in a new or empty folder, "
                          "and never writes over an office",
                      {folder.string(), ""});
  }
}

void build_office(const fs::path& staged, const fs::path& templates) {
  for (const auto& file : embedded_new_office()) {
    templating::write_file_atomically(staged / std::string(file.name), file.text);
  }
  for (const char* name : kEmptyFolders) fs::create_directory(staged / name);
  fs::copy(templates, staged / "templates", fs::copy_options::recursive);
}

}  // namespace

NewOffice make_new_office(const fs::path& folder, const fs::path& templates) {
  refuse_unless_new_or_empty(folder);
  std::error_code error;
  if (!fs::is_directory(templates, error)) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "the templates installed with panelpack are not at " + templates.string() +
                          ": reinstall panelpack (docs/office.md)",
                      {templates.string(), ""});
  }
  try {
    templating::StagedFolder staged(folder);
    build_office(staged.path(), templates);
    if (fs::exists(folder)) fs::remove(folder);  // empty (checked); a non-empty one throws
    staged.publish();
  } catch (const std::system_error& failure) {  // filesystem_error among them
    throw OfficeError(OfficeError::Code::machine_failure,
                      "could not make the office in " + folder.string() + ": " + failure.what(),
                      {folder.string(), ""});
  }
  return {folder, folder / "office.json"};
}

NewOffice make_new_office(const fs::path& folder) {
  return make_new_office(folder, installed_templates_folder());
}

}  // namespace panelpack::office
