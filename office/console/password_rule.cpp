#include "office/console/password_rule.hpp"

#include <algorithm>
#include <cctype>

#include "text/utf8.hpp"

namespace panelpack::office::console {
namespace {

std::string lower_ascii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char byte) { return !text::is_utf8_continuation(byte); }));
}

}  // namespace

std::optional<std::string> password_problem(std::string_view user_name, std::string_view password) {
  if (text::find_invalid_utf8(password) != std::string_view::npos) {
    return "the password is not valid UTF-8 text";
  }
  if (characters(password) < kMinimumPasswordCharacters) {
    return "a password needs at least " + std::to_string(kMinimumPasswordCharacters) +
           " characters; three random words make a good one";
  }
  if (password.size() > kMaximumPasswordBytes) {
    return "a password may have at most " + std::to_string(kMaximumPasswordBytes) + " bytes";
  }
  const std::string lower = lower_ascii(password);
  const std::string user = lower_ascii(user_name);
  if (lower == user || lower == user.substr(0, user.find('@'))) {
    return "a password cannot be the user name";
  }
  return std::nullopt;
}

}  // namespace panelpack::office::console
