#include "console/server/listen_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace panelpack::console {

namespace {

std::invalid_argument malformed(const std::string& text, const std::string& why) {
  return std::invalid_argument("--listen " + text + ": " + why +
                               "; write an address and a port, such as 127.0.0.1:8080");
}

enum class Family { none, ipv4, ipv6 };

// Reads `host` as Poco's IPAddress, which binds it, reads it: IPv4 with inet_aton (so "127.1"
// is an address), IPv6 with inet_pton after dropping a "%scope". Without Poco, so that the
// command line can check an address without loading the console's module.
Family parse_ip(const std::string& host, unsigned char (&bytes)[16]) {
  in_addr ipv4{};
  if (!host.empty() && inet_aton(host.c_str(), &ipv4) != 0) {
    std::copy_n(reinterpret_cast<const unsigned char*>(&ipv4.s_addr), 4, bytes);
    return Family::ipv4;
  }
  const std::string unscoped = host.substr(0, host.find('%'));
  if (inet_pton(AF_INET6, unscoped.c_str(), bytes) == 1) return Family::ipv6;
  return Family::none;
}

}  // namespace

bool ListenAddress::is_loopback() const {
  unsigned char bytes[16] = {};
  static constexpr unsigned char kLoopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  switch (parse_ip(host, bytes)) {
    case Family::ipv4:
      return bytes[0] == 127;
    case Family::ipv6:
      return std::equal(bytes, bytes + 16, kLoopback6);
    case Family::none:
      return false;
  }
  return false;
}

std::string ListenAddress::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ListenAddress parse_listen_address(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw malformed(text, "no port");
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host.empty()) host = "127.0.0.1";
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc{} || end != port_text.data() + port_text.size() ||
      port > 65535) {
    throw malformed(text, "'" + port_text + "' is not a port (0 to 65535)");
  }
  unsigned char bytes[16] = {};
  if (parse_ip(host, bytes) == Family::none) {
    throw malformed(text, "'" + host + "' is not an IP address");
  }
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

}  // namespace panelpack::console
