#include "console/server/route_table.hpp"

#include <array>

#include "console/server/console_pages.hpp"

namespace panelpack::console {
namespace {

using office::console::Role;

const std::array<Route, 7> kRoutes = {{
    {"GET", "/", std::nullopt, "", start_page},
    {"GET", "/sign-in", std::nullopt, "", sign_in_form},
    {"POST", "/sign-in", std::nullopt, "", sign_in_submit},
    {"POST", "/sign-out", Role::viewer, "", sign_out_submit},
    {"GET", "/change-password", Role::viewer, "", change_password_form},
    {"POST", "/change-password", Role::viewer, "", change_password_submit},
    // The audit names people, not children, but who read it is worth knowing.
    {"GET", "/admin/audit", Role::administrator, "audit", audit_page},
}};

}  // namespace

const Route* find_route(std::string_view method, std::string_view path) {
  const std::string_view as = method == "HEAD" ? std::string_view("GET") : method;
  for (const Route& route : kRoutes) {
    if (route.method == as && route.path == path) return &route;
  }
  return nullptr;
}

bool has_path(std::string_view path) {
  for (const Route& route : kRoutes) {
    if (route.path == path) return true;
  }
  return false;
}

}  // namespace panelpack::console
