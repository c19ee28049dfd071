#pragma once
// The headers every response of the console carries, pages, static files and errors alike:
// no inline script or style (CSP), no framing, no type sniffing, no referrer leaving the office.

#include <string_view>

#include <Poco/Net/HTTPServerResponse.h>

namespace panelpack::console {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

enum class Caching {
  never,      // a page, which may show a child's data: Cache-Control: no-store
  immutable,  // a design-system file, the same until the install changes
};

void add_security_headers(Poco::Net::HTTPServerResponse& response, Caching caching);

}  // namespace panelpack::console
