// `panelpack serve`: the console (console/server/) on a loopback address until SIGTERM or
// SIGINT, then a clean stop: no new connections, the requests in flight finish.

#include <pthread.h>
#include <signal.h>

#include <array>
#include <charconv>
#include <chrono>
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

const std::array<OptionSpec, 8> serve_options = {{
    {"office", '\0', true},
    {"listen", '\0', true},
    {"assets", '\0', true},
    {"tls-cert", '\0', true},
    {"tls-key", '\0', true},
    {"behind-proxy", '\0', true},
    {"idle-timeout", '\0', true},
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

// Plain HTTP only where no other machine can listen in: elsewhere TLS, the console's own or
// a proxy's.
void refuse_unsafe_listening(const Arguments& arguments, const console::ListenAddress& listen) {
  if (arguments.has("tls-cert") != arguments.has("tls-key")) {
    throw UsageError(
        "--tls-cert and --tls-key go together: give the certificate (PEM) and its private key "
        "(PEM), or neither");
  }
  if (arguments.has("tls-cert") && arguments.has("behind-proxy")) {
    throw UsageError(
        "--tls-cert and --behind-proxy: choose one; behind a proxy, the proxy does "
        "TLS");
  }
  if (!listen.is_loopback() && !arguments.has("tls-cert") && !arguments.has("behind-proxy")) {
    throw UsageError("--listen " + listen.to_string() +
                     ": not a loopback address, and plain HTTP would carry children's data "
                     "across the network; listen on 127.0.0.1, give a certificate with "
                     "--tls-cert FILE --tls-key FILE, or put a proxy that does TLS in front and "
                     "name its address with --behind-proxy ADDRESS");
  }
}

// --idle-timeout SECONDS: how long an unused session lasts (30 minutes unless told).
std::chrono::seconds idle_timeout(const Arguments& arguments) {
  const auto text = arguments.value("idle-timeout");
  if (!text) return std::chrono::minutes(30);
  long seconds = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (error != std::errc() || end != text->data() + text->size() || seconds < 1 ||
      seconds > 24 * 3600) {
    throw UsageError("--idle-timeout " + *text +
                     ": not a number of seconds from 1 to 86400; the default is 1800 (30 "
                     "minutes)");
  }
  return std::chrono::seconds(seconds);
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
  const std::chrono::seconds idle = idle_timeout(arguments);
  const office::Workspace workspace = open_workspace(arguments.value("office"));

  const sigset_t stop_signals = block_stop_signals();
  console::ServerSettings settings;
  settings.listen = listen;
  if (const auto assets = arguments.value("assets")) settings.assets = *assets;
  settings.authority = workspace.office().authority;
  settings.proxy = arguments.value("behind-proxy");
  settings.office_root = workspace.root();
  settings.machine = workspace.machine();
  for (const auto& panel : workspace.office().panels) settings.panel_ids.push_back(panel.id);
  settings.session_idle = idle;
  if (const auto certificate = arguments.value("tls-cert")) {
    settings.tls_certificate = *certificate;
    settings.tls_key = *arguments.value("tls-key");
  }
  console::ConsoleServer server(settings);
  const console::ListenAddress bound = server.start();
  std::cout << "panelpack console on " << (settings.tls_certificate ? "https" : "http") << "://"
            << bound.to_string() << "/" << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cerr << "panelpack: stopping the console ("
            << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << "): finishing the requests in flight\n";
  server.stop();
  return ExitCode::success;
}

}  // namespace panelpack::cli
