#include "console/server/security_headers.hpp"

#include <string>

namespace panelpack::console {

void add_security_headers(Poco::Net::HTTPServerResponse& response, Caching caching) {
  response.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
  // An hour: a new install of the design system is picked up the same day.
  response.set("Cache-Control", caching == Caching::never ? "no-store" : "public, max-age=3600");
}

}  // namespace panelpack::console
