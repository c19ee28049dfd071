#include "office/sitting/bookings_version.hpp"

#include <system_error>

#include "office/files.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

std::string bookings_version(const Workspace& workspace, const std::string& panel_id,
                             panel::CalendarDate date) {
  const std::filesystem::path path = workspace.bookings_path(panel_id, date);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return kNoBookingsVersion;
  return text::sha256_hex(read_input(path.string()));
}

}  // namespace panelpack::office
