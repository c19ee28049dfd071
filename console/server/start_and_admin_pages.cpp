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
  // A signed-in person starts where their work is: members at their panels, others at Today.
  if (request.session) {
    return redirect_to(request.session->account.role == store::Role::member ? "/panels" : "/today");
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

Reply problem_page(const office::OfficeError& error) {
  using Code = office::OfficeError::Code;
  using Poco::Net::HTTPResponse;
  switch (error.code()) {
    case Code::busy:
      return show("forbidden", "Someone else is changing this",
                  {{"heading", "Someone else is changing this"},
                   {"message", std::string(error.what()) + ". Nothing was changed."}},
                  HTTPResponse::HTTP_CONFLICT);
    case Code::machine_failure:
      return show("forbidden", "The console could not do this",
                  {{"heading", "The console could not do this"},
                   {"message", std::string(error.what()) +
                                   ". Try again; if it happens again, tell the administrator."}},
                  HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
    case Code::bad_input:
    case Code::bad_argument:
      break;
  }
  return show("forbidden", "This could not be done",
              {{"heading", "This could not be done"},
               {"message", std::string(error.what()) + ". Nothing was changed."}},
              HTTPResponse::HTTP_BAD_REQUEST);
}

}  // namespace panelpack::console
