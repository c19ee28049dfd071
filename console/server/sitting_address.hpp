#pragma once
// What a sitting page's address names (/sittings/{panel}/{date}/...), read once for the
// Sitting, presenters and pack pages: the sitting, and a case reference fit to echo.

#include <optional>
#include <string>

#include "console/server/request_context.hpp"
#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"

namespace panelpack::console {

// The sitting the path names; nothing when its date is not a date.
std::optional<office::SittingId> sitting_in_address(const RequestContext& request);

// The same, and nothing when the panel is not one of office.json's either.
std::optional<office::SittingId> known_sitting_in_address(const office::Workspace& workspace,
                                                          const RequestContext& request);

// "permanence/2026-12-15": the sitting as the audit and the pack jobs name it.
std::string sitting_key(const office::SittingId& sitting);

// Only letters, digits and hyphens of a case reference from the address or a form, at most 40:
// what a banner, an id or the audit may echo.
std::string plain_reference(const std::string& text);

}  // namespace panelpack::console
