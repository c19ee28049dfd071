// `panelpack serve`: the console (console/server/) on a loopback address until SIGTERM or
// SIGINT, then a clean stop: no new connections, the requests in flight finish.

#include <pthread.h>
#include <signal.h>

#include <array>
#include <iostream>
#include <stdexcept>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "console/server/console_server.hpp"
#include "console/server/listen_address.hpp"
#include "exit_codes.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 7> serve_options = {{
    {"office", '\0', true},
    {"listen", '\0', true},
    {"assets", '\0', true},
    {"tls-cert", '\0', true},
    {"tls-key", '\0', true},
    {"behind-proxy", '\0', true},
    {"help", 'h', false},
}};

constexpr const char* kDefaultListen = "127.0.0.1:8080";

console::ListenAddress listen_address(const Arguments& arguments) {
  try {
    return console::parse_listen_address(arguments.value("listen").value_or(kDefaultListen));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
}

// Plain HTTP only where no other machine can listen in; TLS of its own comes later.
void refuse_unsafe_listening(const Arguments& arguments, const console::ListenAddress& listen) {
  if (arguments.has("tls-cert") || arguments.has("tls-key")) {
    throw UsageError(
        "--tls-cert/--tls-key: the console does not do TLS itself yet (a later version will); "
        "listen on 127.0.0.1, or behind a proxy that does TLS with --behind-proxy ADDRESS");
  }
  if (!listen.is_loopback() && !arguments.has("behind-proxy")) {
    throw UsageError("--listen " + listen.to_string() +
                     ": not a loopback address, and plain HTTP would carry children's data "
                     "across the network; listen on 127.0.0.1, or put a proxy that does TLS in "
                     "front and name its address with --behind-proxy ADDRESS");
  }
}

// SIGTERM and SIGINT wait for sigwait in this thread: blocked before any thread starts, so
// that the server's threads inherit the mask and never take them.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

}  // namespace

ExitCode run_serve(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, serve_options);
  if (!arguments.positionals().empty()) throw UsageError("serve takes no arguments, only options");
  const console::ListenAddress listen = listen_address(arguments);
  refuse_unsafe_listening(arguments, listen);
  const office::Workspace workspace = open_workspace(arguments.value("office"));

  const sigset_t stop_signals = block_stop_signals();
  console::ServerSettings settings;
  settings.listen = listen;
  if (const auto assets = arguments.value("assets")) settings.assets = *assets;
  settings.authority = workspace.office().authority;
  settings.proxy = arguments.value("behind-proxy");
  console::ConsoleServer server(settings);
  const console::ListenAddress bound = server.start();
  std::cout << "panelpack console on http://" << bound.to_string() << "/" << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cerr << "panelpack: stopping the console ("
            << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << "): finishing the requests in flight\n";
  server.stop();
  return ExitCode::success;
}

}  // namespace panelpack::cli
