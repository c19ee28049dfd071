#pragma once
// A sitting's pack (see it, build it with live progress, download it) and a member's panels.

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply pack_page(ConsoleSite& site, RequestContext& request);
Reply pack_build_submit(ConsoleSite& site, RequestContext& request);
Reply pack_progress_page(ConsoleSite& site, RequestContext& request);
Reply pack_progress_json(ConsoleSite& site, RequestContext& request);
Reply pack_download_zip(ConsoleSite& site, RequestContext& request);
Reply pack_download_pdf(ConsoleSite& site, RequestContext& request);
Reply panels_page(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
