// ConsoleServer: the settings checked here, the server in the console module
// (console_service.cpp, libpanelpack_console_server.so), loaded when a server is made, so that
// the commands other than `serve` start without Poco's network and TLS libraries.

#include "console/server/console_server.hpp"

#include <mutex>

#include "console/server/console_service.hpp"
#include "office/error.hpp"
#include "office/installed_templates.hpp"
#include "text/own_module.hpp"

#ifndef PANELPACK_CONSOLE_NODE_MODULES
#define PANELPACK_CONSOLE_NODE_MODULES "console/node_modules"
#endif

namespace panelpack::console {

namespace fs = std::filesystem;
using office::OfficeError;

namespace {

// The module's entry point, looked up once; throws OfficeError (machine_failure) naming the
// file tried when it cannot be loaded.
ConsoleServiceMaker service_maker() {
  static std::once_flag loaded;
  static text::OwnModule module;
  std::call_once(loaded, [] {
    module = text::load_own_module(PANELPACK_CONSOLE_MODULE_NAME, PANELPACK_CONSOLE_MODULE_BUILT,
                                   kConsoleServiceSymbol);
  });
  if (module.entry == nullptr) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      module.path.string() + ": panelpack's console module cannot be loaded (" +
                          module.failure +
                          "); reinstall panelpack, or install Poco's Net and NetSSL libraries "
                          "(libpoconet80, libpoconetssl80)");
  }
  return reinterpret_cast<ConsoleServiceMaker>(module.entry);
}

}  // namespace

fs::path ServerSettings::default_assets_folder() {
  return PANELPACK_CONSOLE_NODE_MODULES;
}

fs::path ServerSettings::default_templates_folder() {
  return office::installed_templates_folder() / "console";
}

ConsoleServer::ConsoleServer(ServerSettings settings) : settings_(std::move(settings)) {
  if (settings_.office_root.empty()) {
    throw OfficeError(OfficeError::Code::bad_argument,
                      "the console needs its office folder (its accounts are in "
                      "OFFICE/console/); name it with --office DIR");
  }
  service_.reset(service_maker()(&settings_));
}

ConsoleServer::~ConsoleServer() {
  stop();
}

ListenAddress ConsoleServer::start() {
  return service_->start();
}

void ConsoleServer::stop() {
  if (service_) service_->stop();
}

}  // namespace panelpack::console
