#pragma once
// Who is at a sitting, on the Sitting page: each booked case's presenters (a page of their own,
// /sittings/PANEL/DATE/presenters/CASEREF) and the members' apologies (a form on the Sitting
// page). Administrators change them; everyone who reads the sitting sees the agenda's
// presenters, the apologies and the members attending.

#include <nlohmann/json.hpp>

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "office/views/sitting_view.hpp"

namespace panelpack::console {

// The Sitting page's values for these: the members attending, the apologies form's choices
// (`can_change`), and the banner after a change (the request's ?done=).
void add_sitting_people(nlohmann::json& data, const office::SittingView& view, bool can_change,
                        const RequestContext& request);

Reply sitting_presenters_form(ConsoleSite& site, RequestContext& request);
Reply sitting_presenters_submit(ConsoleSite& site, RequestContext& request);
Reply sitting_apologies_submit(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
