#include "console/server/listen_address.hpp"

#include <charconv>
#include <stdexcept>

#include <Poco/Net/IPAddress.h>

namespace panelpack::console {

namespace {

std::invalid_argument malformed(const std::string& text, const std::string& why) {
  return std::invalid_argument("--listen " + text + ": " + why +
                               "; write an address and a port, such as 127.0.0.1:8080");
}

}  // namespace

bool ListenAddress::is_loopback() const {
  Poco::Net::IPAddress address;
  return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
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
  Poco::Net::IPAddress address;
  if (!Poco::Net::IPAddress::tryParse(host, address)) {
    throw malformed(text, "'" + host + "' is not an IP address");
  }
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

}  // namespace panelpack::console
