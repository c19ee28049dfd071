#pragma once
// The console's cookies. The session cookie holds the session's token (office/console/
// sessions.hpp) and nothing else; the sign-in cookie holds the sign-in form's own token, the
// pair that refuses a sign-in posted from another site (login CSRF). Both are HttpOnly (no
// script reads them) and SameSite=Strict (no other site's page sends them), and Secure when
// the browser reaches the console over TLS.

#include <optional>
#include <string>
#include <string_view>

namespace panelpack::console {

inline constexpr std::string_view kSessionCookie = "panelpack_session";
inline constexpr std::string_view kSignInCookie = "panelpack_sign_in";

// A Set-Cookie value: NAME=VALUE; Path=PATH; HttpOnly; SameSite=Strict[; Secure]. A session
// cookie (no Max-Age): the browser forgets it when it closes; the server's own timeouts end it.
std::string set_cookie(std::string_view name, std::string_view value, std::string_view path,
                       bool secure);

// A Set-Cookie value that makes the browser forget the cookie NAME at PATH.
std::string clear_cookie(std::string_view name, std::string_view path, bool secure);

// The value of cookie NAME in a Cookie header ("a=1; b=2"), or nothing.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace panelpack::console
