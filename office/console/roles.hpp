#pragma once
// What a console account may do: an administrator everything; a chair reads all (and signs off
// decisions, next issue); a member reads the agendas and packs of their panels; a viewer reads.

#include <optional>
#include <string>
#include <string_view>

namespace panelpack::office::console {

enum class Role { administrator, chair, member, viewer };

// "administrator", "chair", "member", "viewer": as stored and typed.
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

}  // namespace panelpack::office::console
