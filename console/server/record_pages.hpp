#pragma once
// Recording a sitting and signing its records off (issue 14): the Record page lists the booked
// children in agenda order with their record's state; each child's page is the administrator's
// form (saved as they type, kept as a draft on the server, written into the decisions file once
// complete), the chair's review with "Sign off", and, for the chair who signed it, a change that
// makes a new version with its reason. Viewers read; members are refused.

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply record_list_page(ConsoleSite& site, RequestContext& request);
Reply record_page(ConsoleSite& site, RequestContext& request);
Reply record_save_submit(ConsoleSite& site, RequestContext& request);
Reply record_sign_off_submit(ConsoleSite& site, RequestContext& request);
Reply record_sign_off_all_submit(ConsoleSite& site, RequestContext& request);
Reply record_change_submit(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
