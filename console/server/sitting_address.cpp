#include "console/server/sitting_address.hpp"

#include <cctype>
#include <exception>

namespace panelpack::console {

std::optional<office::SittingId> sitting_in_address(const RequestContext& request) {
  try {
    return office::SittingId{request.parameter("panel"),
                             panel::CalendarDate::parse(request.parameter("date"))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<office::SittingId> known_sitting_in_address(const office::Workspace& workspace,
                                                          const RequestContext& request) {
  auto sitting = sitting_in_address(request);
  if (!sitting) return std::nullopt;
  for (const auto& panel : workspace.office().panels) {
    if (panel.id == sitting->panel_id) return sitting;
  }
  return std::nullopt;
}

std::string sitting_key(const office::SittingId& sitting) {
  return sitting.panel_id + "/" + sitting.date.iso();
}

std::string plain_reference(const std::string& text) {
  std::string plain;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') plain += c;
  }
  return plain.substr(0, 40);
}

}  // namespace panelpack::console
