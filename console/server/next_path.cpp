#include "console/server/next_path.hpp"

namespace panelpack::console {

std::string safe_next_path(std::string_view next) {
  if (next.empty() || next.size() > 512 || next.front() != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (const char character : next) {
    const auto byte = static_cast<unsigned char>(character);
    // Browsers drop tabs and line breaks and read '\' as '/': none belongs in a path of ours.
    if (byte < 0x20 || byte == 0x7f || character == '\\') return "/";
  }
  if (next.starts_with("/sign-in") || next.starts_with("/sign-out")) return "/";
  return std::string(next);
}

}  // namespace panelpack::console
