#pragma once
// The Pack page's addendum: when the agenda of a circulated sitting changed, a warning saying
// what changed and a button that sends the members the new agenda now (office/tick/
// sitting_addendum.hpp, on a background job like the pack's build, with its progress page);
// the addenda sent, to whom and when, and their zips to download.

#include <nlohmann/json.hpp>

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "office/views/pack_view.hpp"

namespace panelpack::console {

// The Pack page's data about addenda: {"addendum_due", "circulated_on", "agenda_changes",
// "may_send_addendum", "addendum_mail": [...], "addendum_zips": [...]}; administrator: the
// button; may_download: the zips' links.
nlohmann::json addendum_json(const office::PackView& view, const std::string& sitting_path,
                             bool administrator, bool may_download);

Reply pack_addendum_submit(ConsoleSite& site, RequestContext& request);
Reply pack_addendum_progress_page(ConsoleSite& site, RequestContext& request);
Reply pack_addendum_progress_json(ConsoleSite& site, RequestContext& request);
Reply pack_addendum_download(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
