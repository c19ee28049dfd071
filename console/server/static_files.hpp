#pragma once
// The console's static files: the design systems' CSS, JavaScript and images from the npm
// install, and the console's own stylesheet and script, each folder mounted under a URL prefix.
// Only files of the types listed in static_files.cpp are served; a path with a '..' or '.'
// segment, a hidden name, an empty segment or a backslash is refused, and so is anything that
// resolves outside its folder (a symbolic link out of it). Folders are never listed.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace panelpack::console {

struct StaticFile {
  std::filesystem::path path;
  std::string media_type;  // the Content-Type to send
};

class StaticFiles {
 public:
  // Serves `folder`'s files as `prefix` + their relative path; prefix starts and ends with '/'.
  // Paths under `folder` that start with one of `excluded` (relative, such as "assets/fonts")
  // are not served.
  void mount(std::string prefix, const std::filesystem::path& folder,
             std::vector<std::string> excluded = {});

  // The file a decoded URL path names, or nothing: not under a prefix, refused, or no such file.
  std::optional<StaticFile> find(std::string_view url_path) const;

  // Whether the path is under one of the prefixes (then a miss is a 404 without a page).
  bool is_under_prefix(std::string_view url_path) const;

 private:
  struct Mount {
    std::string prefix;
    std::filesystem::path folder;  // canonical
    std::vector<std::string> excluded;
  };
  std::vector<Mount> mounts_;
};

// The Content-Type for a file name's extension, or nothing for a type the console never serves.
std::optional<std::string> media_type_for(const std::filesystem::path& file);

}  // namespace panelpack::console
