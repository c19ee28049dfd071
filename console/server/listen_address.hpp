#pragma once
// Where the console listens: HOST:PORT as `panelpack serve --listen` takes it, and whether that
// address is reachable only from this machine (loopback), which is all plain HTTP may serve.

#include <cstdint>
#include <string>

namespace panelpack::console {

struct ListenAddress {
  std::string host;    // an IPv4 or IPv6 address, without brackets
  std::uint16_t port;  // 0 asks the system for a free port

  // 127.0.0.0/8 or ::1: only programs on this machine can connect.
  bool is_loopback() const;
  // HOST:PORT, with brackets around an IPv6 host.
  std::string to_string() const;
};

// Reads 127.0.0.1:8080, [::1]:8080 or :8080 (loopback). Throws std::invalid_argument with a
// message naming the text and the form expected; host names are refused, so that what is
// checked for loopback is what is bound.
ListenAddress parse_listen_address(const std::string& text);

}  // namespace panelpack::console
