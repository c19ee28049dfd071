// The help of the console's command: serve.

#include <string>

#include "help/help.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view serve_text = R"(Usage:
  panelpack serve [--office DIR] [--listen ADDRESS:PORT] [--assets DIR]
                  [--tls-cert FILE --tls-key FILE | --behind-proxy ADDRESS]
                  [--idle-timeout SECONDS]

Starts the console: the office in a web browser, for the Business Support Officer, served
by panelpack itself (no other web server to install). When it is ready it prints one line,
  panelpack console on http://127.0.0.1:8080/
and serves until it gets SIGTERM (systemd's stop) or SIGINT (Ctrl+C); then it takes no new
connections, lets the requests in flight finish, and exits 0. The console is being built:
for now people sign in (accounts made with 'panelpack users add'), change a one-time
password, sign out, and administrators read the audit; every other task is still done with
the other commands.

Signing in: a session cookie (HttpOnly, SameSite=Strict, Secure over TLS) that ends after
--idle-timeout without use and 12 hours after sign-in; every form carries a CSRF token;
at most 10 sign-in attempts a minute from one address, and an account locks for 15
minutes after 5 wrong passwords.

Pages are made from the Mustache files in panelpack's templates/console/ (a council may
reword them), styled with the GOV.UK and MoJ design systems, which
scripts/install-frontend.sh installs with npm. Every answer carries a
Content-Security-Policy without inline script, X-Frame-Options DENY, nosniff and no
referrer; pages are never cached (docs/console.md).

Options:
  --listen ADDRESS:PORT   where to listen (default 127.0.0.1:8080). Port 0 takes a free
                          port, printed in the ready line. Only a loopback address
                          (127.x.x.x, [::1]) is allowed for plain HTTP; any other is
                          refused, exit 2, unless TLS is on (--tls-cert) or --behind-proxy
                          names the proxy in front.
  --tls-cert FILE         serve HTTPS with this certificate (PEM, with its chain) and
  --tls-key FILE          its private key (PEM, not encrypted): TLS 1.2 or 1.3 only,
                          forward-secret AEAD ciphers, no compression.
  --behind-proxy ADDRESS  a reverse proxy that does TLS sits in front: connections are taken
                          from ADDRESS alone (403 to any other), the client's address is the
                          last of its X-Forwarded-For, and cookies are marked Secure.
  --idle-timeout SECONDS  how long a signed-in session lasts unused (default 1800, 30
                          minutes; 1 to 86400). Tests set a few seconds.
  --assets DIR            the npm install of the design systems (a node_modules folder).
                          Default: console/node_modules of the source panelpack was built
                          from. A missing install stops serve with exit 3, naming
                          scripts/install-frontend.sh.
  --office DIR            the office folder (office.json, cases/, bookings/...). Default:
                          $PANELPACK_OFFICE, else the current directory.
  -h, --help              show this help.

Examples:
  panelpack users add alice@council.example --role administrator --name "Alice Smith"
  panelpack serve --office /srv/panel-office --listen 127.0.0.1:8080
  panelpack serve --listen 0.0.0.0:8443 --tls-cert /etc/panelpack/cert.pem \
                  --tls-key /etc/panelpack/key.pem

)";

}  // namespace

std::optional<std::string_view> console_help_for(std::string_view command) {
  static const std::string serve = std::string(serve_text) + std::string(exit_codes_help());
  if (command == "serve") return serve;
  return std::nullopt;
}

}  // namespace panelpack::cli
