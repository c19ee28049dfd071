#pragma once
// Which handler answers which request: the console's pages by path, the static files under
// /assets/, and a GOV.UK-style "Page not found" for everything else. Every answer carries the
// security headers (security_headers.hpp).

#include <optional>
#include <string>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/IPAddress.h>

#include "console/server/page_templates.hpp"
#include "console/server/static_files.hpp"

namespace panelpack::console {

// What every page shows of the office (never case data).
struct OfficeHeading {
  std::string service_name;  // "Permanence panel office"
  std::string authority;     // office.json's authority
};

struct Routes {
  const PageTemplates& pages;
  const StaticFiles& files;
  OfficeHeading heading;
  // Behind a proxy, the one address connections may come from; others get 403.
  std::optional<Poco::Net::IPAddress> only_client;
};

class RequestRoutes : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RequestRoutes(Routes routes) : routes_(std::move(routes)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  Routes routes_;
};

}  // namespace panelpack::console
