#pragma once
// The Mail pages: the outbox in words with the schedule of the coming mail, and an
// administrator's retry or cancel of one email (cancel after a confirmation page).

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply mail_page(ConsoleSite& site, RequestContext& request);
Reply mail_cancel_confirm(ConsoleSite& site, RequestContext& request);
Reply mail_cancel_submit(ConsoleSite& site, RequestContext& request);
Reply mail_retry_submit(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
