#include "mailer/mail_error.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace panelpack::mailer {
namespace {

// The codes SmtpSession throws about the server or the settings rather than about a message.
constexpr std::array<std::string_view, 13> kSessionCodes = {
    "connect_failed",       "timeout",
    "connection_lost",      "server_refused",
    "protocol_error",       "starttls_unavailable",
    "tls_failed",           "certificate_rejected",
    "auth_failed",          "auth_unavailable",
    "plain_needs_loopback", "auth_needs_tls",
    "smtp_module_missing",
};

}  // namespace

MailError::MailError(std::string code, std::string where, const std::string& message,
                     bool temporary)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      code_(std::move(code)),
      where_(std::move(where)),
      temporary_(temporary) {}

bool MailError::session_level() const noexcept {
  return std::find(kSessionCodes.begin(), kSessionCodes.end(), code_) != kSessionCodes.end();
}

}  // namespace panelpack::mailer
