#include "office/console/console_database.hpp"

#include <system_error>

#include "office/error.hpp"

namespace panelpack::office::console {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void machine_failure(const std::string& file, const std::string& what) {
  throw OfficeError(OfficeError::Code::machine_failure, what, {file, ""});
}

// The folder holds the accounts' hashes and the sessions: its owner only, whatever the umask.
void make_private_folder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    machine_failure(folder.string(), "cannot create the console's folder " + folder.string() +
                                         ": " + error.message() +
                                         "; check the office folder's permissions");
  }
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) {
    machine_failure(folder.string(),
                    "cannot make " + folder.string() + " private (0700): " + error.message());
  }
}

}  // namespace

storage::SqliteDatabase open_console_database(const fs::path& file) {
  make_private_folder(file.parent_path());
  return storage::SqliteDatabase(
      file, {"the console's accounts file " + file.string(), &machine_failure});
}

}  // namespace panelpack::office::console
