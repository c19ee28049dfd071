#pragma once
// A writable copy of samples/office/ in a temporary folder, for every test of office/ that works
// on the sample office, with small edits of its office.json.

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "support/temporary_folder.hpp"

namespace panelpack::testing {

class SampleOfficeCopy {
 public:
  SampleOfficeCopy() {
    std::filesystem::copy(std::filesystem::path(PANELPACK_SOURCE_DIR) / "samples" / "office",
                          root(), std::filesystem::copy_options::recursive);
  }
  std::filesystem::path root() const { return folder_.path() / "office"; }
  office::Workspace open() const { return office::Workspace::open(root()); }

  static std::string read(const std::filesystem::path& path) {
    std::string text(static_cast<std::size_t>(std::filesystem::file_size(path)), '\0');
    std::ifstream(path, std::ios::binary)
        .read(text.data(), static_cast<std::streamsize>(text.size()));
    return text;
  }
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  // office.json read, changed by `edit`, and written back.
  template <typename Edit>
  void edit_office(Edit edit) const {
    nlohmann::json office = nlohmann::json::parse(read(root() / "office.json"));
    edit(office);
    write(root() / "office.json", office.dump(2));
  }
  // A closure day in office.json's holidays.
  void close_on(const std::string& date) const {
    edit_office([&](nlohmann::json& office) {
      office["holidays"]["closures"].push_back({{"date", date}, {"name", "Council closure"}});
    });
  }

 private:
  TemporaryFolder folder_{"panelpack-office-copy"};
};

inline panel::CalendarDate day(const char* iso) {
  return panel::CalendarDate::parse(iso);
}

// A London time as the command line gives it (2026-12-01T09:00).
inline panel::UtcInstant at(const char* text) {
  return panel::parse_instant(text);
}

}  // namespace panelpack::testing
