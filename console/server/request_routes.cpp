#include "console/server/request_routes.hpp"

#include <exception>
#include <map>
#include <string_view>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "console/server/security_headers.hpp"

namespace panelpack::console {

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// The pages by path, and their titles.
const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kPagePaths = {
    {"/", {"start", "Start"}},
    {"/sign-in", {"sign_in", "Sign in"}},
};

bool is_read(const HTTPServerRequest& request) {
  return request.getMethod() == Poco::Net::HTTPRequest::HTTP_GET ||
         request.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD;
}

void send_text(HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
               const std::string& text) {
  response.setStatusAndReason(status);
  add_security_headers(response, Caching::never);
  response.setContentType("text/plain; charset=utf-8");
  response.sendBuffer(text.data(), text.size());
}

// A page from the templates, or the not-found page with its status.
class PageHandler : public Poco::Net::HTTPRequestHandler {
 public:
  PageHandler(const Routes& routes, std::string page, std::string title,
              HTTPResponse::HTTPStatus status)
      : routes_(routes), page_(std::move(page)), title_(std::move(title)), status_(status) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const nlohmann::json data = {{"service_name", routes_.heading.service_name},
                                 {"authority", routes_.heading.authority},
                                 {"page_title", title_}};
    std::string html;
    try {
      html = routes_.pages.render(page_, data);
    } catch (const std::exception&) {
      // The file's name and the fault are for the administrator's log, not the browser.
      send_text(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                "The page could not be made: its template is faulty. Tell the administrator.\n");
      return;
    }
    response.setStatusAndReason(status_);
    add_security_headers(response, Caching::never);
    response.setContentType("text/html; charset=utf-8");
    if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD) {
      response.setContentLength(static_cast<std::streamsize>(html.size()));
      response.send();
      return;
    }
    response.sendBuffer(html.data(), html.size());
  }

 private:
  const Routes& routes_;
  std::string page_, title_;
  HTTPResponse::HTTPStatus status_;
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

}  // namespace

Poco::Net::HTTPRequestHandler* RequestRoutes::createRequestHandler(
    const HTTPServerRequest& request) {
  if (routes_.only_client && request.clientAddress().host() != *routes_.only_client) {
    return new TextHandler(HTTPResponse::HTTP_FORBIDDEN,
                           "The console answers only through its proxy.\n");
  }
  std::string path;
  try {
    path = Poco::URI(request.getURI()).getPath();  // percent-decoded
  } catch (const std::exception&) {
    return new TextHandler(HTTPResponse::HTTP_BAD_REQUEST, "The address is malformed.\n");
  }
  if (!is_read(request)) {
    return new TextHandler(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                           "The console does not take that here yet.\n", "GET, HEAD");
  }
  if (routes_.files.is_under_prefix(path)) {
    if (auto file = routes_.files.find(path)) return new FileHandler(std::move(*file));
  } else if (const auto page = kPagePaths.find(path); page != kPagePaths.end()) {
    return new PageHandler(routes_, page->second.first, page->second.second, HTTPResponse::HTTP_OK);
  }
  return new PageHandler(routes_, "not_found", "Page not found", HTTPResponse::HTTP_NOT_FOUND);
}

}  // namespace panelpack::console
