#include "console/server/static_files.hpp"

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

namespace panelpack::console {

namespace fs = std::filesystem;

namespace {

// What the design systems ship and pages use; source maps, Sass and fonts stay unserved.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kMediaTypes{{
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".png", "image/png"},
    {".svg", "image/svg+xml"},
    {".ico", "image/x-icon"},
    {".jpg", "image/jpeg"},
    {".webmanifest", "application/manifest+json"},
}};

// Each segment of a relative path is a plain name: no "..", ".", hidden file, empty segment
// (//) or backslash, so that the path can only go down into the mounted folder.
bool is_plain_relative_path(std::string_view relative) {
  if (relative.empty()) return false;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t end = std::min(relative.find('/', start), relative.size());
    const std::string_view segment = relative.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;
    if (segment.find('\\') != std::string_view::npos) return false;
    if (segment.find('\0') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

bool is_inside(const fs::path& file, const fs::path& folder) {
  const auto [folder_end, file_at] =
      std::mismatch(folder.begin(), folder.end(), file.begin(), file.end());
  return folder_end == folder.end() && file_at != file.end();
}

}  // namespace

std::optional<std::string> media_type_for(const fs::path& file) {
  const std::string extension = file.extension().string();
  for (const auto& [known, type] : kMediaTypes) {
    if (extension == known) return std::string(type);
  }
  return std::nullopt;
}

void StaticFiles::mount(std::string prefix, const fs::path& folder,
                        std::vector<std::string> excluded) {
  std::error_code error;
  fs::path canonical = fs::canonical(folder, error);
  mounts_.push_back(Mount{std::move(prefix), error ? folder : canonical, std::move(excluded)});
}

bool StaticFiles::is_under_prefix(std::string_view url_path) const {
  for (const Mount& mount : mounts_) {
    if (url_path.starts_with(mount.prefix)) return true;
  }
  return false;
}

std::optional<StaticFile> StaticFiles::find(std::string_view url_path) const {
  for (const Mount& mount : mounts_) {
    if (!url_path.starts_with(mount.prefix)) continue;
    const std::string_view relative = url_path.substr(mount.prefix.size());
    if (!is_plain_relative_path(relative)) return std::nullopt;
    for (const std::string& excluded : mount.excluded) {
      if (relative.starts_with(excluded + "/")) return std::nullopt;
    }
    auto media_type = media_type_for(fs::path(relative));
    if (!media_type) return std::nullopt;
    std::error_code error;
    const fs::path file = fs::canonical(mount.folder / fs::path(relative), error);
    if (error || !is_inside(file, mount.folder) || !fs::is_regular_file(file, error)) {
      return std::nullopt;
    }
    return StaticFile{file, std::move(*media_type)};
  }
  return std::nullopt;
}

}  // namespace panelpack::console
