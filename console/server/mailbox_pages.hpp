#pragma once
// The Mailbox page (issue 15): how the last reading of the submission mailbox went, "Check the
// mailbox now" (run_office_intake), and the papers intake could not place, each with a download
// and an assign form (a booking and a paper type, pre-selected with intake's guesses, so two
// clicks place it: office/intake/unmatched_assign.hpp). Readers see it; administrators act.

#include <cstddef>
#include <filesystem>

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

Reply mailbox_page(ConsoleSite& site, RequestContext& request);
Reply mailbox_file_download(ConsoleSite& site, RequestContext& request);
Reply mailbox_assign_submit(ConsoleSite& site, RequestContext& request);
Reply mailbox_check_submit(ConsoleSite& site, RequestContext& request);

// How many papers wait to be placed (the entries of OFFICE/intake/unmatched/), for the menu on
// every page: a folder listing, not office.json read again. 0 when there is no such folder.
std::size_t mailbox_waiting_in(const std::filesystem::path& office_root);

}  // namespace panelpack::console
