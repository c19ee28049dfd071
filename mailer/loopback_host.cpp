// Where plain SMTP is allowed: in the mailer and in the SMTP module, which both check it.

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "mailer/smtp_session.hpp"

namespace panelpack::mailer {

bool is_loopback_host(const std::string& host) {
  std::string lowered = host;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lowered == "localhost" || lowered == "localhost.") return true;
  unsigned char address[16];
  if (inet_pton(AF_INET, host.c_str(), address) == 1) return address[0] == 127;
  if (inet_pton(AF_INET6, host.c_str(), address) == 1) {
    static constexpr unsigned char kLoopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                                     0, 0, 0, 0, 0, 0, 0, 1};
    static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(address, address + 16, kLoopback6)) return true;
    return std::equal(address, address + 12, kMappedPrefix) && address[12] == 127;
  }
  return false;
}

}  // namespace panelpack::mailer
