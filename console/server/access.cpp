#include "console/server/access.hpp"

#include <algorithm>

namespace panelpack::console {

using office::console::Role;

int role_rank(Role role) {
  switch (role) {
    case Role::administrator:
      return 3;
    case Role::chair:
      return 2;
    case Role::viewer:
      return 1;
    case Role::member:  // reads only their panels' agendas and packs: less than a viewer
      return 0;
  }
  return -1;  // not a role: reaches nothing
}

bool role_reaches(Role have, Role least) {
  return role_rank(have) >= role_rank(least);
}

bool may_read_panel(const office::console::Session& session, const std::string& panel_id) {
  const auto& account = session.account;
  if (account.role != Role::member) return true;
  return std::find(account.panels.begin(), account.panels.end(), panel_id) != account.panels.end();
}

}  // namespace panelpack::console
