#pragma once
// What a password of the console must be, after the NCSC's advice (length, not composition):
// at least 12 characters, at most 256 bytes, no rules about digits or symbols, and not the
// user name nor the part of it before the @.

#include <optional>
#include <string>
#include <string_view>

namespace panelpack::office::console {

inline constexpr std::size_t kMinimumPasswordCharacters = 12;
inline constexpr std::size_t kMaximumPasswordBytes = 256;

// Why `password` cannot be `user_name`'s, in words for the person choosing it; nothing when
// it can.
std::optional<std::string> password_problem(std::string_view user_name, std::string_view password);

}  // namespace panelpack::office::console
