#include "office/intake/scratch_folder.hpp"

#include <stdlib.h>

#include <system_error>

#include "office/error.hpp"
#include "office/files.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

ScratchFolder::ScratchFolder(const std::string& name) {
  std::string pattern = (fs::temp_directory_path() / ("panelpack-" + name + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "could not make a temporary folder in " + fs::temp_directory_path().string() +
                          " for the mailbox's papers; check that it exists and has room");
  }
  path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path ScratchFolder::hold(const std::string& bytes) {
  const fs::path folder = path_ / std::to_string(++count_);
  fs::create_directories(folder);
  const fs::path file = folder / "attachment";
  write_output(file, bytes);
  return file;
}

}  // namespace panelpack::office
