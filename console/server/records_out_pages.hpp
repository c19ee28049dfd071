#pragma once
// A sitting's Decision records page (issue 14, part B): each booked child's record with its
// state, the deadline and whether it is late, its files to download; "Make and send the agreed
// records" on a background job with its progress page (office/records/records_out.hpp); "Mark
// as on the child's file" per sent record.

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply records_page(ConsoleSite& site, RequestContext& request);
Reply records_send_submit(ConsoleSite& site, RequestContext& request);
Reply records_progress_page(ConsoleSite& site, RequestContext& request);
Reply records_progress_json(ConsoleSite& site, RequestContext& request);
Reply records_on_file_submit(ConsoleSite& site, RequestContext& request);
Reply records_download_docx(ConsoleSite& site, RequestContext& request);
Reply records_download_pdf(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
