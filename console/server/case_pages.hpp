#pragma once
// The Cases pages (route_table.cpp, "Cases."): the list with its search and filters, a case's
// page (summary, timeline, documents) and a paper's download, and the case form that creates
// or edits a case file (generated from case.schema.json by office/cases/case_form.hpp).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply case_list_page(ConsoleSite& site, RequestContext& request);
Reply case_page(ConsoleSite& site, RequestContext& request);
Reply case_paper_download(ConsoleSite& site, RequestContext& request);
Reply case_new_form(ConsoleSite& site, RequestContext& request);
Reply case_new_submit(ConsoleSite& site, RequestContext& request);
Reply case_edit_form(ConsoleSite& site, RequestContext& request);
Reply case_edit_submit(ConsoleSite& site, RequestContext& request);

// "Tuesday 15 December 2026"
std::string date_in_words(const panel::CalendarDate& date);

}  // namespace panelpack::console
