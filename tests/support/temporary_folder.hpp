#pragma once
// A fresh folder for one test, removed with everything in it.

#include <filesystem>
#include <string_view>

namespace panelpack::testing {

class TemporaryFolder {
 public:
  // Made under the system temp folder as "<prefix>-XXXXXX" (mkdtemp: unique, mode 0700).
  explicit TemporaryFolder(std::string_view prefix = "panelpack-test");
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace panelpack::testing
