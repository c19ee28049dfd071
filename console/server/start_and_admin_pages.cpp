// The start page (signed in or not) and the 403 page (the audit is in audit_pages.cpp).

#include <string>

#include "console/server/console_pages.hpp"

namespace panelpack::console {

Reply start_page(ConsoleSite&, RequestContext& request) {
  if (request.session && request.session->account.must_change_password) {
    return redirect_to("/change-password");
  }
  // A signed-in person starts where their work is: members at their panels, others at Today.
  if (request.session) {
    return redirect_to(request.session->account.role == office::console::Role::member ? "/panels"
                                                                                      : "/today");
  }
  return show("start", "Start");
}

Reply forbidden_page(const std::string& heading, const std::string& message) {
  return show("forbidden", heading, {{"heading", heading}, {"message", message}},
              Poco::Net::HTTPResponse::HTTP_FORBIDDEN);
}

Reply not_found_page() {
  return show("not_found", "Page not found", nlohmann::json::object(),
              Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
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
