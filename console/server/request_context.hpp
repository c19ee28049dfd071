#pragma once
// What a page handler is given (RequestContext) and what it answers (Reply). The dispatcher
// (request_routes.cpp) has already found the session, checked the role the route needs and the
// form's CSRF token, so a handler only does its page's work.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Net/HTTPResponse.h>
#include <nlohmann/json.hpp>

#include "console/server/form_fields.hpp"
#include "office/console/sessions.hpp"

namespace panelpack::console {

// A file sent with a multipart form (a route that takes files): written to a folder of its own
// outside the office, removed when the request ends.
struct UploadedFile {
  std::string field;           // the form's field name
  std::filesystem::path file;  // the bytes as sent
  std::uintmax_t bytes = 0;    // how many
  bool too_large = false;      // past kMaximumUploadBytes: the file holds only the start
};

struct RequestContext {
  std::string method;                        // GET, HEAD or POST
  std::string path;                          // percent-decoded
  std::map<std::string, std::string> query;  // the query's parameters, decoded
  // The route pattern's {names}: "/sittings/{panel}/{date}" gives "panel" and "date".
  std::map<std::string, std::string> parameters;
  std::string client;  // the browser's address, for the audit
  // The signed-in person: their account (name, role, panels) and the CSRF token every form of
  // theirs carries. Nothing when no one is signed in.
  std::optional<office::console::Session> session;
  std::string session_token;           // the cookie's token (to keep this session); never logged
  std::string sign_in_cookie;          // the sign-in form's cookie token, before any session
  FormFields form;                     // a POST's fields
  std::optional<UploadedFile> upload;  // a multipart POST's file, if it sent one
  // A page that shows a child's data names it here ("LCS900109"), for its view's audit row.
  std::string viewed_object_id;

  // The pattern's value `name` ("" when the route has none).
  const std::string& parameter(const std::string& name) const;

  office::console::Actor actor() const {
    return {session ? session->account.user_name : "-", client};
  }
};

// A file the browser saves rather than shows (a pack, a paper, a CSV): never cached.
struct Download {
  std::filesystem::path file;  // sent from disk when set; else `body`
  std::string body;
  std::string media_type;  // "application/zip"
  std::string file_name;   // the name the browser saves it under
};

struct Reply {
  Poco::Net::HTTPResponse::HTTPStatus status = Poco::Net::HTTPResponse::HTTP_OK;
  std::string page;   // the template's name; empty for a redirect
  std::string title;  // the page's title (before " - Permanence panel office")
  nlohmann::json data = nlohmann::json::object();  // the page's own values
  std::string location;                            // a 303 redirect's target
  std::vector<std::string> set_cookies;
  std::optional<Download> download;  // set: the answer is this file, not a page
};

// The file `download` as the answer, 200.
Reply send_file(Download download);

// POST, then redirect: a 303 to `location`, which the browser GETs.
Reply redirect_to(std::string location);
Reply show(std::string page, std::string title, nlohmann::json data = nlohmann::json::object(),
           Poco::Net::HTTPResponse::HTTPStatus status = Poco::Net::HTTPResponse::HTTP_OK);

// Adds a GOV.UK error: the summary's line linking to `field_id`, and the message beside the
// field (data[KEY_error]).
void add_error(nlohmann::json& data, const std::string& key, const std::string& field_id,
               const std::string& message);

}  // namespace panelpack::console
