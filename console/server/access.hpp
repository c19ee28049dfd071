#pragma once
// Who may open what: the roles in order, administrator > chair > member > viewer, so that a
// page names the least role it needs.

#include "office/console/roles.hpp"

namespace panelpack::console {

// How much a role may do: a higher number may do everything a lower one may.
int role_rank(office::console::Role role);

// True when `have` is `least` or above it.
bool role_reaches(office::console::Role have, office::console::Role least);

}  // namespace panelpack::console
