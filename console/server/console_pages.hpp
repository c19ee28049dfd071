#pragma once
// The handlers of the console's pages (route_table.cpp says who may reach each).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply start_page(ConsoleSite& site, RequestContext& request);
Reply sign_in_form(ConsoleSite& site, RequestContext& request);
Reply sign_in_submit(ConsoleSite& site, RequestContext& request);
Reply sign_out_submit(ConsoleSite& site, RequestContext& request);
Reply change_password_form(ConsoleSite& site, RequestContext& request);
Reply change_password_submit(ConsoleSite& site, RequestContext& request);
Reply audit_page(ConsoleSite& site, RequestContext& request);

// The 403 page: `heading` and `message` in plain words.
Reply forbidden_page(const std::string& heading, const std::string& message);

}  // namespace panelpack::console
