// SmtpSession: the policy checks and the validation, here; the SMTP conversation, in the SMTP
// module (smtp_connection.cpp, libpanelpack_smtp.so), loaded on the first connection so that
// the commands that send no mail never link Poco NetSSL or OpenSSL's TLS.

#include "mailer/smtp_session.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <utility>

#include "mailer/mail_error.hpp"
#include "mailer/smtp_module.hpp"
#include "text/own_module.hpp"

namespace panelpack::mailer {
namespace {

// The module's entry point, looked up once; throws MailError "smtp_module_missing" naming the
// file tried when it cannot be loaded.
SmtpConnectionMaker connection_maker() {
  static std::once_flag loaded;
  static text::OwnModule module;
  std::call_once(loaded, [] {
    module = text::load_own_module(PANELPACK_SMTP_MODULE_NAME, PANELPACK_SMTP_MODULE_BUILT,
                                   kSmtpConnectionSymbol);
  });
  if (module.entry == nullptr) {
    throw MailError("smtp_module_missing", module.path.string(),
                    "panelpack's mail module (SMTP) cannot be loaded (" + module.failure +
                        "): reinstall panelpack, or install Poco's NetSSL library "
                        "(libpoconetssl80)");
  }
  return reinterpret_cast<SmtpConnectionMaker>(module.entry);
}

}  // namespace

const char* to_string(SendResult::Outcome outcome) {
  switch (outcome) {
    case SendResult::Outcome::delivered:
      return "delivered";
    case SendResult::Outcome::temporary_failure:
      return "temporary_failure";
    case SendResult::Outcome::permanent_failure:
      return "permanent_failure";
    case SendResult::Outcome::unknown:
      return "unknown_outcome";
  }
  return "unknown";
}

SmtpSession::SmtpSession(SmtpSettings settings) : settings_(std::move(settings)) {
  const std::string& host = settings_.host;
  server_ = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
            std::to_string(settings_.port);
  if (host.empty() || host.find_first_of(" \r\n\t/") != std::string::npos) {
    throw MailError("connect_failed", server_, "the server's host name is not usable");
  }
  const bool plain = settings_.security == SmtpSettings::Security::plain;
  if (plain && !is_loopback_host(host)) {
    throw MailError("plain_needs_loopback", server_,
                    "plain SMTP (no TLS) is allowed only to a loopback relay (127.0.0.0/8, ::1, "
                    "localhost); use STARTTLS");
  }
  if (plain && (!settings_.username.empty() || !settings_.password.empty())) {
    throw MailError("auth_needs_tls", server_,
                    "credentials are sent only inside TLS; with plain SMTP leave them empty");
  }
  const auto has_nul = [](const std::string& text) { return text.find('\0') != std::string::npos; };
  if (has_nul(settings_.username) || has_nul(settings_.password)) {
    throw MailError("auth_failed", server_, "a user name or password cannot hold NUL");
  }
  const std::string& helo = settings_.helo_name;
  if (!helo.empty() && (helo.size() > 255 || !std::all_of(helo.begin(), helo.end(), [](char c) {
                          return c > 32 && c < 127;
                        }))) {
    throw MailError("invalid_helo_name", helo, "the EHLO name must be printable ASCII");
  }
}

SmtpSession::~SmtpSession() {
  close();
}

SmtpSession::SmtpSession(SmtpSession&&) noexcept = default;

SmtpSession& SmtpSession::operator=(SmtpSession&& other) noexcept {
  if (this != &other) {
    close();
    settings_ = std::move(other.settings_);
    server_ = std::move(other.server_);
    connection_ = std::move(other.connection_);
  }
  return *this;
}

SmtpConnection& SmtpSession::connection() {
  if (!connection_) connection_.reset(connection_maker()(&settings_, &server_));
  return *connection_;
}

void SmtpSession::connect() {
  connection().connect();
}

bool SmtpSession::connected() const noexcept {
  return connection_ && connection_->connected();
}

void SmtpSession::close() noexcept {
  if (connection_) connection_->close();
}

std::string SmtpSession::server() const {
  return server_;
}

SendResult SmtpSession::send(const Message& message, const std::string& envelope_from,
                             const std::string& recipient) {
  validate_address(envelope_from);
  validate_address(recipient);
  validate_message(message);
  for (const Attachment& attachment : message.attachments) {
    std::ifstream readable(attachment.file, std::ios::binary);
    if (!readable) {
      throw MailError("attachment_unreadable", attachment.file.string(),
                      "cannot open the attachment");
    }
  }
  return connection().send(message, envelope_from, recipient);
}

}  // namespace panelpack::mailer
