#pragma once
// Who may open what: the roles in order, administrator > chair > viewer > member, so that a
// page names the least role it needs.

#include <string>

#include "office/console/roles.hpp"
#include "office/console/sessions.hpp"

namespace panelpack::console {

// How much a role may do: a higher number may do everything a lower one may.
int role_rank(office::console::Role role);

// True when `have` is `least` or above it.
bool role_reaches(office::console::Role have, office::console::Role least);

// True when the signed-in account may read panel `panel_id`'s sittings, agendas and packs:
// a member only their own panels, every other role all of them.
bool may_read_panel(const office::console::Session& session, const std::string& panel_id);

}  // namespace panelpack::console
