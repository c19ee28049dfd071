#pragma once
// The Templates pages (administrators): the office's templates, and for each one an upload of
// a new version (checked as `panelpack check --schema` checks it, every mistake shown in Word's
// terms, installed only without mistakes), a preview filled for a case, and every version kept
// with Download and Restore (office/templates/).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply templates_page(ConsoleSite& site, RequestContext& request);
Reply template_page(ConsoleSite& site, RequestContext& request);
Reply template_upload_submit(ConsoleSite& site, RequestContext& request);
Reply template_preview_submit(ConsoleSite& site, RequestContext& request);
Reply template_version_download(ConsoleSite& site, RequestContext& request);
Reply template_restore_confirm(ConsoleSite& site, RequestContext& request);
Reply template_restore_submit(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
