#pragma once
// Which handler answers which request: the static files under /assets/, the console's pages by
// the route table (route_table.hpp) behind one pipeline (the session from its cookie, the role
// the page needs, a POST's form and CSRF token, the audit of refusals and views), and a
// GOV.UK-style "Page not found" for everything else. Every answer carries the security headers
// (security_headers.hpp).

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "console/server/console_site.hpp"

namespace panelpack::console {

class RequestRoutes : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RequestRoutes(ConsoleSite site) : site_(std::move(site)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  ConsoleSite site_;
};

}  // namespace panelpack::console
