#include "pdf/profile_seed.hpp"

#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>

namespace panelpack::pdf::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kItemsEnd = "</oor:items>";
constexpr std::string_view kLastVersionName = "oor:name=\"ooSetupLastVersion\"";

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "7.4", "24.2": digits and dots only, so nothing odd is ever written into the profile.
bool looks_like_version(std::string_view text) {
  if (text.empty() || text.size() > 16) return false;
  for (const char c : text) {
    if ((c < '0' || c > '9') && c != '.') return false;
  }
  return true;
}

std::string last_version_item(const std::string& version) {
  return "<item oor:path=\"/org.openoffice.Setup/Product\"><prop oor:name=\"ooSetupLastVersion\" "
         "oor:op=\"fuse\"><value>" +
         version + "</value></prop></item>\n";
}

void write_atomically(const fs::path& file, const std::string& text) {
  fs::path temporary = file;
  temporary += ".panelpack-tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      throw std::system_error(errno, std::generic_category(), "cannot write " + file.string());
    }
  }
  fs::rename(temporary, file);
}

}  // namespace

std::string installed_version(const fs::path& soffice) {
  std::error_code error;
  const fs::path program = fs::canonical(soffice, error).parent_path();
  if (error) return {};
  const std::string xcd = read_all(program.parent_path() / "share" / "registry" / "main.xcd");
  // The value, not the schema's declaration (which goes on with oor:type=…).
  constexpr std::string_view kProp = "<prop oor:name=\"ooSetupVersion\">";
  const std::size_t prop = xcd.find(kProp);
  if (prop == std::string::npos) return {};
  const std::size_t open = xcd.find("<value>", prop + kProp.size());
  const std::size_t close = xcd.find("</value>", prop + kProp.size());
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  const std::string version = xcd.substr(open + 7, close - open - 7);
  return looks_like_version(version) ? version : std::string();
}

void seed_profile(const fs::path& profile, const std::string& version) {
  if (!looks_like_version(version)) return;
  const fs::path user = profile / "user";
  const fs::path registry = user / "registrymodifications.xcu";
  std::error_code error;
  if (!fs::exists(registry, error)) {
    fs::create_directories(user);
    write_atomically(registry,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
                     "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                     "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n" +
                         last_version_item(version) + std::string(kItemsEnd) + "\n");
    return;
  }
  std::string text = read_all(registry);
  const std::size_t name = text.find(kLastVersionName);
  if (name != std::string::npos) {
    // LibreOffice keeps the item; it is rewritten only after LibreOffice itself was upgraded.
    const std::size_t open = text.find("<value>", name);
    const std::size_t close = text.find("</value>", name);
    if (open == std::string::npos || close == std::string::npos || close < open) return;
    if (text.compare(open + 7, close - open - 7, version) == 0) return;
    text.replace(open + 7, close - open - 7, version);
  } else {
    const std::size_t end = text.rfind(kItemsEnd);
    if (end == std::string::npos) return;  // not a file we understand: leave it to LibreOffice
    text.insert(end, last_version_item(version));
  }
  write_atomically(registry, text);
}

}  // namespace panelpack::pdf::detail
