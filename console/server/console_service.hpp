#pragma once
// What the console module (console_service.cpp, built as libpanelpack_console_server.so) gives
// ConsoleServer: the HTTP server itself, made by the module's one exported function, which
// console_server.cpp looks up with dlopen/dlsym when a server is made. Internal to console/.

#include "console/server/console_server.hpp"
#include "console/server/listen_address.hpp"

namespace panelpack::console {

// The server behind ConsoleServer (see its start() and stop()); stops when destroyed.
class ConsoleService {
 public:
  virtual ~ConsoleService() = default;
  virtual ListenAddress start() = 0;
  virtual void stop() = 0;
};

// `ConsoleService* NAME(const ServerSettings*)`: a new server, not started, owned by the caller.
// Throws office::OfficeError as ConsoleServer's constructor does.
using ConsoleServiceMaker = ConsoleService* (*)(const ServerSettings*);
inline constexpr const char* kConsoleServiceSymbol = "panelpack_console_service";

}  // namespace panelpack::console

extern "C" __attribute__((visibility("default"))) panelpack::console::ConsoleService*
panelpack_console_service(const panelpack::console::ServerSettings* settings);
