// The start page (signed in or not), the audit for administrators, and the 403 page.

#include <string>

#include "console/server/console_pages.hpp"
#include "office/console/audit.hpp"

namespace panelpack::console {

namespace store = office::console;

Reply start_page(ConsoleSite&, RequestContext& request) {
  if (request.session && request.session->account.must_change_password) {
    return redirect_to("/change-password");
  }
  return show("start", "Start");
}

Reply audit_page(ConsoleSite& site, RequestContext&) {
  store::AuditQuery query;
  query.limit = 100;
  const store::AuditPage page = store::list_audit(site.store, query);
  nlohmann::json rows = nlohmann::json::array();
  for (const store::AuditEntry& entry : page.entries) {
    rows.push_back({{"at", entry.at},
                    {"actor", entry.actor},
                    {"action", entry.action},
                    {"object", entry.object_kind + " " + entry.object_id},
                    {"outcome", entry.outcome},
                    {"client", entry.client}});
  }
  nlohmann::json data = {{"rows", rows}, {"count", page.entries.size()}};
  if (page.more) data["more"] = true;
  return show("audit", "Audit", std::move(data));
}

Reply forbidden_page(const std::string& heading, const std::string& message) {
  return show("forbidden", heading, {{"heading", heading}, {"message", message}},
              Poco::Net::HTTPResponse::HTTP_FORBIDDEN);
}

}  // namespace panelpack::console
