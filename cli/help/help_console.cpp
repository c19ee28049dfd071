// The help of the console's command: serve.

#include <string>

#include "help/help.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view serve_text = R"(Usage:
  panelpack serve [--office DIR] [--listen ADDRESS:PORT] [--assets DIR]
                  [--behind-proxy ADDRESS]

Starts the console: the office in a web browser, for the Business Support Officer, served
by panelpack itself (no other web server to install). When it is ready it prints one line,
  panelpack console on http://127.0.0.1:8080/
and serves until it gets SIGTERM (systemd's stop) or SIGINT (Ctrl+C); then it takes no new
connections, lets the requests in flight finish, and exits 0. The console is being built:
for now it shows its start page; every task is still done with the other commands.

Pages are made from the Mustache files in panelpack's templates/console/ (a council may
reword them), styled with the GOV.UK and MoJ design systems, which
scripts/install-frontend.sh installs with npm. Every answer carries a
Content-Security-Policy without inline script, X-Frame-Options DENY, nosniff and no
referrer; pages are never cached (docs/console.md).

Options:
  --listen ADDRESS:PORT   where to listen (default 127.0.0.1:8080). Port 0 takes a free
                          port, printed in the ready line. Only a loopback address
                          (127.x.x.x, [::1]) is allowed for plain HTTP; any other is
                          refused, exit 2, unless --behind-proxy names the proxy in front.
                          The console does not do TLS itself yet (--tls-cert and --tls-key
                          are refused).
  --behind-proxy ADDRESS  a reverse proxy that does TLS sits in front: connections are taken
                          from ADDRESS alone (403 to any other).
  --assets DIR            the npm install of the design systems (a node_modules folder).
                          Default: console/node_modules of the source panelpack was built
                          from. A missing install stops serve with exit 3, naming
                          scripts/install-frontend.sh.
  --office DIR            the office folder (office.json, cases/, bookings/...). Default:
                          $PANELPACK_OFFICE, else the current directory.
  -h, --help              show this help.

Example:
  panelpack serve --office /srv/panel-office --listen 127.0.0.1:8080

)";

}  // namespace

std::optional<std::string_view> console_help_for(std::string_view command) {
  static const std::string serve = std::string(serve_text) + std::string(exit_codes_help());
  if (command == "serve") return serve;
  return std::nullopt;
}

}  // namespace panelpack::cli
