#pragma once
// The console's HTTP server (Poco::Net::HTTPServer): loads the page templates, finds the
// design systems' files, listens, serves from a pool of threads, and stops cleanly. Poco lives
// in the console module (console_service.cpp), loaded when the first server is made.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console/server/listen_address.hpp"
#include "office/machine.hpp"

namespace panelpack::console {

struct ServerSettings {
  ListenAddress listen{"127.0.0.1", 8080};
  // The npm install of console/package.json: its node_modules folder.
  std::filesystem::path assets = default_assets_folder();
  // layout.mustache, the pages and static/ (console.css, console.mjs).
  std::filesystem::path templates = default_templates_folder();
  // office.json's authority, named in every page's footer.
  std::string authority;
  // Behind a reverse proxy: its address, the only one connections are taken from.
  std::optional<std::string> proxy;
  // The office (its console/console.sqlite holds the accounts) and its panels' ids.
  std::filesystem::path office_root;
  std::vector<std::string> panel_ids;
  // LibreOffice and secrets for the office's operations (the front end reads the environment).
  office::Machine machine;
  // A session unused this long ends (`serve --idle-timeout`; tests set seconds).
  std::chrono::seconds session_idle = std::chrono::minutes(30);
  // TLS of the console's own (PEM files): HTTPS, TLS 1.2 at least. Both or neither.
  std::optional<std::filesystem::path> tls_certificate;
  std::optional<std::filesystem::path> tls_key;

  // console/node_modules of the source tree panelpack was built from.
  static std::filesystem::path default_assets_folder();
  // The installed templates' console/ folder (office/installed_templates.hpp).
  static std::filesystem::path default_templates_folder();
};

class ConsoleService;

class ConsoleServer {
 public:
  // Loads the templates, checks the assets are installed and opens the office's console store.
  // Throws office::OfficeError: machine_failure when the npm install is missing (naming
  // scripts/install-frontend.sh) or the console module cannot be loaded (naming the file
  // tried), bad_input for a faulty template, bad_argument for a proxy that is not an IP
  // address.
  explicit ConsoleServer(ServerSettings settings);
  ~ConsoleServer();  // stops, as stop() does
  ConsoleServer(const ConsoleServer&) = delete;
  ConsoleServer& operator=(const ConsoleServer&) = delete;

  // Binds the listen address and starts serving; returns the address bound (with the port
  // the system chose when it was 0). Throws office::OfficeError (machine_failure) when the
  // address cannot be bound, bad_input when the TLS certificate or key cannot be used.
  ListenAddress start();

  // Stops accepting connections, lets the requests in flight finish, closes idle
  // connections, then returns. Does nothing when not started.
  void stop();

 private:
  ServerSettings settings_;
  std::unique_ptr<ConsoleService> service_;
};

}  // namespace panelpack::console
