#pragma once
// The Actions pages (issue 14): every action of every decisions file in one list, filtered by
// person, team, panel and overdue through the address (a filtered list is a link), for every
// role but members; and an administrator's "Mark as done" with what was done
// (office/records/action_list.hpp).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply actions_page(ConsoleSite& site, RequestContext& request);
Reply action_done_form(ConsoleSite& site, RequestContext& request);
Reply action_done_submit(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
