#pragma once
// The handlers of the console's pages (route_table.cpp says who may reach each).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "office/error.hpp"

namespace panelpack::console {

Reply start_page(ConsoleSite& site, RequestContext& request);
Reply sign_in_form(ConsoleSite& site, RequestContext& request);
Reply sign_in_submit(ConsoleSite& site, RequestContext& request);
Reply sign_out_submit(ConsoleSite& site, RequestContext& request);
Reply change_password_form(ConsoleSite& site, RequestContext& request);
Reply change_password_submit(ConsoleSite& site, RequestContext& request);
Reply audit_page(ConsoleSite& site, RequestContext& request);
Reply audit_csv_download(ConsoleSite& site, RequestContext& request);

// The 403 page: `heading` and `message` in plain words.
Reply forbidden_page(const std::string& heading, const std::string& message);
// The 404 page, for an address that names no sitting, case or file.
Reply not_found_page();
// The page for an office error a handler did not expect: 400 for the office's own files or
// values, 409 when another run holds the work, 500 when the machine failed.
Reply problem_page(const office::OfficeError& error);

}  // namespace panelpack::console
