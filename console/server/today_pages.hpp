#pragma once
// The Today page (what needs attention, the next sittings, today's mail) and the Calendar page
// (a month of every panel's sittings; an administrator adds, cancels or moves one).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply today_page(ConsoleSite& site, RequestContext& request);
Reply calendar_page(ConsoleSite& site, RequestContext& request);
Reply calendar_add_submit(ConsoleSite& site, RequestContext& request);
Reply calendar_cancel_submit(ConsoleSite& site, RequestContext& request);
Reply calendar_move_submit(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
