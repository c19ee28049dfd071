#include "office/console/roles.hpp"

#include <array>
#include <utility>

namespace panelpack::office::console {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles{{
    {Role::administrator, "administrator"},
    {Role::chair, "chair"},
    {Role::member, "member"},
    {Role::viewer, "viewer"},
}};

}  // namespace

std::string_view to_string(Role role) {
  for (const auto& [known, name] : kRoles) {
    if (known == role) return name;
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [role, name] : kRoles) {
    if (name == text) return role;
  }
  return std::nullopt;
}

}  // namespace panelpack::office::console
