#pragma once
// What the Calendar page shows for one month, shared by the page and by a change form sent back
// with its errors.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::console {

// The date in London now.
panel::CalendarDate london_today();

// `data` with the month's sittings, the links to the months before and after, the panels for
// the filter and the change forms (keeping FORM_panel_value chosen), and office.json's version.
nlohmann::json calendar_page_data(const ConsoleSite& site, const RequestContext& request, int year,
                                  unsigned month, const std::optional<std::string>& panel,
                                  nlohmann::json data = nlohmann::json::object());

}  // namespace panelpack::console
