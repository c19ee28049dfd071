// `panelpack init DIR`: a new office folder, ready to be filled in: office.json (one panel,
// every key explained in README.md beside it), empty cases/, bookings/ and decisions/, and
// templates/ holding copies of the installed templates that office.json names, for the
// council to edit.

#include <array>
#include <iostream>
#include <system_error>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/embedded_schemas.hpp"
#include "office/installed_templates.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::cli {
namespace {

namespace fs = std::filesystem;

const std::array<OptionSpec, 1> init_options = {{
    {"help", 'h', false},
}};

// The folders a new office starts with, empty (the rest are made when first written).
constexpr std::array<const char*, 3> kEmptyFolders{"cases", "bookings", "decisions"};

// Refuses (bad input) anything but a new or empty folder: init never mixes into an office.
void refuse_unless_new_or_empty(const fs::path& folder) {
  std::error_code error;
  const auto status = fs::symlink_status(folder, error);
  if (status.type() == fs::file_type::not_found) return;
  if (status.type() != fs::file_type::directory) {
    throw CommandFailure(ExitCode::bad_input, folder.string() +
                                                  " exists and is not a folder: give init a "
                                                  "new or empty folder for the office");
  }
  if (!fs::is_empty(folder, error) || error) {
    throw CommandFailure(ExitCode::bad_input,
                         folder.string() +
                             " is not empty: init makes an office only in a new or empty "
                             "folder, and never writes over an office");
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

ExitCode run_init(std::span<const std::string> words) {
  const auto arguments = Arguments::parse(words, init_options);
  if (arguments.positionals().size() != 1) {
    throw UsageError("init needs the folder to make the office in: panelpack init DIR");
  }
  const fs::path folder = arguments.positionals()[0];
  refuse_unless_new_or_empty(folder);

  const fs::path templates = installed_templates_folder();
  std::error_code error;
  if (!fs::is_directory(templates, error)) {
    throw CommandFailure(ExitCode::machine_failure,
                         "the templates installed with panelpack are not at " + templates.string() +
                             ": reinstall panelpack (docs/office.md)");
  }
  try {
    // Built beside DIR and renamed into place: a failed init leaves no half office.
    templating::StagedFolder staged(folder);
    build_office(staged.path(), templates);
    if (fs::exists(folder)) fs::remove(folder);  // empty (checked); a non-empty one throws
    staged.publish();
  } catch (const std::system_error& failure) {  // filesystem_error among them
    throw CommandFailure(ExitCode::machine_failure,
                         "could not make the office in " + folder.string() + ": " + failure.what());
  }
  std::cout << "made the office " << folder.string()
            << ": fill in office.json (README.md there explains every key), then run\n"
            << "  panelpack validate " << (folder / "office.json").string() << "\n"
            << "  panelpack calendar --office " << folder.string() << '\n';
  return ExitCode::success;
}

}  // namespace panelpack::cli
