#pragma once
// Where to go after signing in (/sign-in?next=PATH): only a path of this site is taken, so a
// link cannot send someone who signs in to another site (an open redirect).

#include <string>
#include <string_view>

namespace panelpack::console {

// `next` when it is a relative path of this site ("/admin/audit", "/?x=1"), else "/". Refused:
// anything not starting with one '/', "//host" and "/\host" (other sites to a browser), a
// scheme, control characters, backslashes, and /sign-in itself.
std::string safe_next_path(std::string_view next);

}  // namespace panelpack::console
