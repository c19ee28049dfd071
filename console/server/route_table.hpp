#pragma once
// The console's pages: for each method and path, the least role it needs (administrator >
// chair > viewer > member; none: open to anyone) and whether it shows a child's data (then each
// view is audited with the object's id). Later pages add a line here and a handler.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "office/console/roles.hpp"

namespace panelpack::console {

using PageHandlerFunction = Reply (*)(ConsoleSite&, RequestContext&);

struct Route {
  std::string_view method;                          // "GET" (HEAD too) or "POST"
  std::string_view path;                            // a pattern: "/sittings/{panel}/{date}"
  std::optional<office::console::Role> least_role;  // none: no sign-in needed
  // Empty: shows no child's data. Else the audit's object kind of a view ("case", "sitting").
  std::string_view audited_view;
  PageHandlerFunction handle;
  // True: a POST may also come as multipart/form-data with one file (multipart_form.hpp).
  bool takes_files = false;
};

// A route found for a request, with the values of its pattern's {names}.
struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> parameters;  // "/sittings/{panel}/{date}": panel, date
};

// The route of `method` (HEAD as GET) and `path`, or nothing. A pattern's "{name}" segment
// matches any one non-empty segment of the path.
std::optional<RouteMatch> find_route(std::string_view method, std::string_view path);
// True when some method has a route at `path` (then another method is 405, not 404).
bool has_path(std::string_view path);

}  // namespace panelpack::console
