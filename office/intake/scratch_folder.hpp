#pragma once
// A folder of its own outside the office for a paper on its way in (intake, and assigning an
// unmatched paper): record_uploaded_paper renames the file inside it. Removed however the work
// ends, done or not.

#include <filesystem>
#include <string>

namespace panelpack::office {

class ScratchFolder {
 public:
  // Makes TMPDIR/panelpack-NAME-XXXXXX. Throws OfficeError (machine_failure) when it cannot.
  explicit ScratchFolder(const std::string& name);
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // A new empty folder inside for one file, with `bytes` written in it as "attachment".
  std::filesystem::path hold(const std::string& bytes);

 private:
  std::filesystem::path path_;
  int count_ = 0;
};

}  // namespace panelpack::office
