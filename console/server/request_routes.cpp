#include "console/server/request_routes.hpp"

#include <exception>
#include <filesystem>
#include <istream>
#include <map>
#include <optional>
#include <string_view>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "console/server/access.hpp"
#include "console/server/console_pages.hpp"
#include "console/server/cookies.hpp"
#include "console/server/mailbox_pages.hpp"
#include "console/server/multipart_form.hpp"
#include "console/server/next_path.hpp"
#include "console/server/route_table.hpp"
#include "console/server/security_headers.hpp"
#include "office/console/audit.hpp"
#include "office/console/sessions.hpp"
#include "office/error.hpp"

namespace panelpack::console {

namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
namespace store = office::console;

void send_text(HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
               const std::string& text) {
  response.setStatusAndReason(status);
  add_security_headers(response, Caching::never);
  response.setContentType("text/plain; charset=utf-8");
  response.sendBuffer(text.data(), text.size());
}

// The menu item a path belongs to, marked as the current one: "/sittings/..." is the calendar's.
std::string navigation_section(std::string_view path) {
  const std::string_view first = path.substr(1, path.find('/', 1) - 1);
  if (first == "sittings") return "calendar";
  if (first == "admin") return "admin";
  return std::string(first);
}

// Every page's values besides its own: the office, the title, who is signed in.
nlohmann::json page_values(const ConsoleSite& site, const RequestContext& request,
                           const Reply& reply) {
  nlohmann::json data = reply.data;
  const bool has_errors = data.contains("has_errors");
  data["service_name"] = site.heading.service_name;
  data["authority"] = site.heading.authority;
  data["page_title"] = (has_errors ? "Error: " : "") + reply.title;
  if (request.session) {
    const store::AccountSummary& account = request.session->account;
    data["signed_in"] = true;
    data["signed_in_name"] =
        account.display_name.empty() ? account.user_name : account.display_name;
    data["signed_in_role"] = std::string(store::to_string(account.role));
    data["csrf_token"] = request.session->csrf_token;
    if (account.role == store::Role::administrator) data["is_administrator"] = true;
    // Members reach only their panels' agendas and packs: their menu has only those.
    if (account.role == store::Role::member) {
      data["is_member"] = true;
    } else {
      data["reads_office"] = true;
      // The menu's count of papers from the mailbox waiting to be placed (none: no count).
      const std::size_t waiting = mailbox_waiting_in(site.office_root);
      if (waiting > 0) data["mailbox_waiting"] = std::to_string(waiting);
    }
    data["nav_" + navigation_section(request.path)] = true;
  }
  return data;
}

// `status`: 200, unless a small JSON answer to a page's script says it was refused.
void send_download(const RequestContext& request, const Download& download,
                   HTTPResponse::HTTPStatus status, HTTPServerResponse& response) {
  response.setStatusAndReason(status);
  add_security_headers(response, Caching::never);
  // The name is the office's own (case references, dates): quotes and controls cannot occur,
  // but are dropped anyway so the header cannot be broken.
  std::string name;
  for (const char c : download.file_name) {
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) name += c;
  }
  response.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  if (!download.file.empty()) {
    // sendFile sends no body to a HEAD request.
    response.sendFile(download.file.string(), download.media_type);
    return;
  }
  response.setContentType(download.media_type);
  if (request.method == HTTPRequest::HTTP_HEAD) {
    response.setContentLength(static_cast<std::streamsize>(download.body.size()));
    response.send();
    return;
  }
  response.sendBuffer(download.body.data(), download.body.size());
}

void send_reply(const ConsoleSite& site, const RequestContext& request, const Reply& reply,
                HTTPServerResponse& response) {
  for (const std::string& cookie : reply.set_cookies) response.add("Set-Cookie", cookie);
  if (!reply.location.empty()) {
    response.setStatusAndReason(reply.status);
    add_security_headers(response, Caching::never);
    response.set("Location", reply.location);
    response.setContentLength(0);
    response.send();
    return;
  }
  if (reply.download) {
    send_download(request, *reply.download, reply.status, response);
    return;
  }
  std::string html;
  try {
    html = site.pages.render(reply.page, page_values(site, request, reply));
  } catch (const std::exception&) {
    // The file's name and the fault are for the administrator's log, not the browser.
    send_text(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
              "The page could not be made: its template is faulty. Tell the administrator.\n");
    return;
  }
  response.setStatusAndReason(reply.status);
  add_security_headers(response, Caching::never);
  response.setContentType("text/html; charset=utf-8");
  if (request.method == HTTPRequest::HTTP_HEAD) {
    response.setContentLength(static_cast<std::streamsize>(html.size()));
    response.send();
    return;
  }
  response.sendBuffer(html.data(), html.size());
}

// The address the request came from: the proxy's X-Forwarded-For (its last entry, the one the
// proxy itself added) when behind one, else the connection's.
std::string client_of(const ConsoleSite& site, const HTTPServerRequest& request) {
  if (site.only_client) {
    const std::string forwarded = request.get("X-Forwarded-For", "");
    if (!forwarded.empty()) {
      const std::size_t comma = forwarded.rfind(',');
      std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
      last.erase(0, last.find_first_not_of(' '));
      Poco::Net::IPAddress address;
      if (Poco::Net::IPAddress::tryParse(last, address)) return address.toString();
    }
  }
  return request.clientAddress().host().toString();
}

// The page a person who is not signed in is sent to, to come back to `path` afterwards.
Reply to_sign_in(const ConsoleSite& site, const RequestContext& request,
                 store::SessionStatus status) {
  std::string location = "/sign-in?next=" + [&] {
    std::string encoded;
    Poco::URI::encode(request.path, "?#&=+%", encoded);
    return encoded;
  }();
  if (status == store::SessionStatus::idle_expired) location += "&signed_out=idle";
  if (status == store::SessionStatus::limit_expired) location += "&signed_out=limit";
  Reply reply = redirect_to(location);
  if (status != store::SessionStatus::unknown) {
    reply.set_cookies.push_back(clear_cookie(kSessionCookie, "/", site.secure_cookies));
  }
  return reply;
}

// Whether the POST's form carries the token it must: the session's CSRF token, or before a
// session the sign-in cookie's pair.
bool form_token_right(const Route& route, const RequestContext& request) {
  if (route.least_role) {
    return request.session &&
           store::csrf_matches(*request.session, field(request.form, "csrf_token"));
  }
  return store::form_tokens_match(request.sign_in_cookie, field(request.form, "sign_in_token"));
}

void audit_refusal(ConsoleSite& site, const RequestContext& request, const std::string& action,
                   const std::string& outcome) {
  store::append_audit(site.store, request.actor(), {action, "page", request.path, outcome});
}

// The pipeline of a page: session, role, form, CSRF, then the page's handler.
class PageRequest : public Poco::Net::HTTPRequestHandler {
 public:
  PageRequest(ConsoleSite& site, RouteMatch match, std::string path)
      : site_(site),
        route_(*match.route),
        parameters_(std::move(match.parameters)),
        path_(std::move(path)) {}
  // Also when a handler failed past its own catch: no upload is left behind.
  ~PageRequest() override { remove_upload(upload_folder_); }

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    RequestContext context;
    context.method = request.getMethod();
    context.path = path_;
    context.parameters = parameters_;
    context.client = client_of(site_, request);
    try {
      for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
        context.query.emplace(name, value);
      }
    } catch (const std::exception&) {
      send_text(response, HTTPResponse::HTTP_BAD_REQUEST, "The address is malformed.\n");
      return;
    }
    const Reply reply = answer(request, context);
    remove_upload(upload_folder_);  // the handler has stored what it keeps
    send_reply(site_, context, reply, response);
  }

 private:
  Reply answer(HTTPServerRequest& request, RequestContext& context) {
    const std::string cookies = request.get("Cookie", "");
    context.session_token = cookie_value(cookies, kSessionCookie).value_or("");
    context.sign_in_cookie = cookie_value(cookies, kSignInCookie).value_or("");
    store::SessionStatus status = store::SessionStatus::unknown;
    if (!context.session_token.empty()) {
      store::SessionLookup lookup =
          store::find_session(site_.store, context.session_token, context.client);
      status = lookup.status;
      context.session = std::move(lookup.session);
    }
    if (!context.session) context.session_token.clear();

    if (route_.least_role) {
      if (!context.session) return to_sign_in(site_, context, status);
      const store::AccountSummary& account = context.session->account;
      if (!role_reaches(account.role, *route_.least_role)) {
        audit_refusal(site_, context, "page_refused", "role");
        return forbidden_page("You cannot see this page",
                              "Your account's role (" +
                                  std::string(store::to_string(account.role)) +
                                  ") does not open this page. Ask the office's administrator if "
                                  "you need it.");
      }
      // A one-time password is changed before anything else.
      if (account.must_change_password && context.path != "/change-password" &&
          context.path != "/sign-out") {
        return redirect_to("/change-password");
      }
    }

    if (context.method == HTTPRequest::HTTP_POST) {
      if (auto refused = read_form(request, context)) return *refused;
      if (!form_token_right(route_, context)) {
        audit_refusal(site_, context, "csrf_refused", "refused");
        return forbidden_page(
            "This form could not be sent",
            "It did not carry the token this console gives its own forms, so nothing was "
            "changed. Go back, reload the page and try again.");
      }
    }

    Reply reply = handle_page(context);
    if (!route_.audited_view.empty() && reply.status == HTTPResponse::HTTP_OK) {
      store::append_audit(site_.store, context.actor(),
                          {"view", std::string(route_.audited_view),
                           context.viewed_object_id.empty() ? "-" : context.viewed_object_id});
    }
    return reply;
  }

  // The page's handler; an office error it throws becomes a page that says what to do.
  Reply handle_page(RequestContext& context) {
    try {
      return route_.handle(site_, context);
    } catch (const office::OfficeError& error) {
      return problem_page(error);
    }
  }

  // Reads a POST's urlencoded body under the caps, or a multipart one with its file for a
  // route that takes files; a refusal's page when it cannot.
  std::optional<Reply> read_form(HTTPServerRequest& request, RequestContext& context) {
    const std::string type = request.getContentType();
    const bool multipart = type.starts_with("multipart/form-data");
    if (!type.starts_with("application/x-www-form-urlencoded") &&
        !(multipart && route_.takes_files)) {
      return forbidden_page("This form could not be sent",
                            "The console takes only its own forms. Go back and try again.");
    }
    try {
      if (multipart) {
        MultipartForm form = read_multipart_form(request);
        upload_folder_ = form.folder;
        context.form = std::move(form.fields);
        context.upload = std::move(form.upload);
        return std::nullopt;
      }
      std::string body(kMaximumFormBytes + 1, '\0');
      request.stream().read(body.data(), static_cast<std::streamsize>(body.size()));
      body.resize(static_cast<std::size_t>(request.stream().gcount()));
      context.form = parse_form(body);
    } catch (const FormTooLarge&) {
      Reply reply = forbidden_page("This form is too long",
                                   "Nothing was changed. Go back, shorten what you typed (or "
                                   "choose a smaller file) and try again.");
      reply.status = HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE;
      return reply;
    }
    return std::nullopt;
  }

  ConsoleSite& site_;
  const Route& route_;
  std::map<std::string, std::string> parameters_;
  std::string path_;
  std::filesystem::path upload_folder_;  // a multipart form's file, removed after the handler
};

class FileHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit FileHandler(StaticFile file) : file_(std::move(file)) {}
  void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override {
    add_security_headers(response, Caching::immutable);
    // sendFile sends no body to a HEAD request.
    response.sendFile(file_.path.string(), file_.media_type);
  }

 private:
  StaticFile file_;
};

class TextHandler : public Poco::Net::HTTPRequestHandler {
 public:
  TextHandler(HTTPResponse::HTTPStatus status, std::string text, std::string allow = "")
      : status_(status), text_(std::move(text)), allow_(std::move(allow)) {}
  void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override {
    if (!allow_.empty()) response.set("Allow", allow_);
    send_text(response, status_, text_);
  }

 private:
  HTTPResponse::HTTPStatus status_;
  std::string text_, allow_;
};

// The not-found page, signed in or not.
class NotFoundHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit NotFoundHandler(const ConsoleSite& site) : site_(site) {}
  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    RequestContext context;
    context.method = request.getMethod();
    send_reply(
        site_, context,
        show("not_found", "Page not found", nlohmann::json::object(), HTTPResponse::HTTP_NOT_FOUND),
        response);
  }

 private:
  const ConsoleSite& site_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* RequestRoutes::createRequestHandler(
    const HTTPServerRequest& request) {
  if (site_.only_client && request.clientAddress().host() != *site_.only_client) {
    return new TextHandler(HTTPResponse::HTTP_FORBIDDEN,
                           "The console answers only through its proxy.\n");
  }
  std::string path;
  try {
    path = Poco::URI(request.getURI()).getPath();  // percent-decoded
  } catch (const std::exception&) {
    return new TextHandler(HTTPResponse::HTTP_BAD_REQUEST, "The address is malformed.\n");
  }
  const std::string& method = request.getMethod();
  const bool read = method == HTTPRequest::HTTP_GET || method == HTTPRequest::HTTP_HEAD;
  if (read && site_.files.is_under_prefix(path)) {
    if (auto file = site_.files.find(path)) return new FileHandler(std::move(*file));
    return new NotFoundHandler(site_);
  }
  if (auto match = find_route(method, path)) return new PageRequest(site_, std::move(*match), path);
  if (has_path(path) || !read) {
    return new TextHandler(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                           "The console does not take that here.\n",
                           has_path(path) ? "GET, HEAD, POST" : "GET, HEAD");
  }
  return new NotFoundHandler(site_);
}

}  // namespace panelpack::console
