#pragma once
// The Reports pages (issue 14): a page linking the tracker and the quarterly reports, the
// tracker (sorted, filtered, downloaded as XLSX and CSV) and a quarter's report (its measures,
// charts each beside its table, downloaded as DOCX and PDF). Viewers, chairs and
// administrators read them; members do not.

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply reports_page(ConsoleSite& site, RequestContext& request);

// tracker_pages.cpp
Reply tracker_page(ConsoleSite& site, RequestContext& request);
Reply tracker_xlsx_download(ConsoleSite& site, RequestContext& request);
Reply tracker_csv_download(ConsoleSite& site, RequestContext& request);
Reply tracker_actions_csv_download(ConsoleSite& site, RequestContext& request);

// quarterly_pages.cpp
// GET /reports/quarterly?year=2026&number=4: the chooser's answer, sent on to the quarter.
Reply quarterly_choose(ConsoleSite& site, RequestContext& request);
// GET /reports/quarterly/2026-Q4, and its documents 2026-Q4.docx and 2026-Q4.pdf.
Reply quarterly_page(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
