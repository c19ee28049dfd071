#pragma once
// The Sitting page (/sittings/PANEL/DATE): the agenda as it will print, and for an
// administrator the bookings to change (book a case found by name or reference, remove,
// reorder) and the papers grid with the upload of a paper and a chaser for a missing one.
// Members read their panels' agendas.

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "office/sitting/booking.hpp"

namespace panelpack::console {

Reply sitting_page(ConsoleSite& site, RequestContext& request);
Reply sitting_book_search(ConsoleSite& site, RequestContext& request);
Reply sitting_book_submit(ConsoleSite& site, RequestContext& request);
Reply sitting_remove_submit(ConsoleSite& site, RequestContext& request);
Reply sitting_move_submit(ConsoleSite& site, RequestContext& request);
Reply sitting_paper_upload(ConsoleSite& site, RequestContext& request);
// A chaser for a missing paper of the grid (office/sitting/paper_chaser.hpp).
Reply sitting_chase_submit(ConsoleSite& site, RequestContext& request);

// The Sitting page with `extra` values (errors) over it, for the page's other forms
// (sitting_people_pages.cpp).
Reply sitting_page_with(ConsoleSite& site, RequestContext& request,
                        const office::SittingId& sitting, nlohmann::json extra,
                        Poco::Net::HTTPResponse::HTTPStatus status);

}  // namespace panelpack::console
