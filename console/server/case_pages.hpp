#pragma once
// The Cases pages (route_table.cpp, "Cases."): the list with its search and filters, a case's
// page (summary, timeline, documents) and a paper's download, and the case forms that create
// a case file and change it section by section (generated from case.schema.json by
// office/cases/case_form.hpp).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply case_list_page(ConsoleSite& site, RequestContext& request);
Reply case_page(ConsoleSite& site, RequestContext& request);
Reply case_paper_download(ConsoleSite& site, RequestContext& request);
Reply case_new_form(ConsoleSite& site, RequestContext& request);
Reply case_new_submit(ConsoleSite& site, RequestContext& request);
// The case's sections as a task list, each with its state.
Reply case_edit_form(ConsoleSite& site, RequestContext& request);
// One section's form (/cases/{ref}/edit/{section}), and one item of its lists
// (/cases/{ref}/edit/{section}/{list}/{row}, row 1, 2, ... or "new") and its removal.
Reply case_section_form(ConsoleSite& site, RequestContext& request);
Reply case_section_submit(ConsoleSite& site, RequestContext& request);
Reply case_item_form(ConsoleSite& site, RequestContext& request);
Reply case_item_submit(ConsoleSite& site, RequestContext& request);
Reply case_item_remove(ConsoleSite& site, RequestContext& request);

// "Tuesday 15 December 2026"
std::string date_in_words(const panel::CalendarDate& date);

}  // namespace panelpack::console
