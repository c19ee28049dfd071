#include "console/server/cookies.hpp"

namespace panelpack::console {

std::string set_cookie(std::string_view name, std::string_view value, std::string_view path,
                       bool secure) {
  std::string cookie = std::string(name) + "=" + std::string(value) +
                       "; Path=" + std::string(path) + "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string clear_cookie(std::string_view name, std::string_view path, bool secure) {
  return set_cookie(name, "", path, secure) + "; Max-Age=0";
}

std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name) {
  std::size_t start = 0;
  while (start < cookie_header.size()) {
    std::size_t end = cookie_header.find(';', start);
    if (end == std::string_view::npos) end = cookie_header.size();
    std::string_view pair = cookie_header.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace panelpack::console
