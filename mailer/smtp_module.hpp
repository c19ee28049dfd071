#pragma once
// What the SMTP module (smtp_connection.cpp, built as libpanelpack_smtp.so) gives the mailer: a
// connection to one relay, made by the module's one exported function, which smtp_session.cpp
// looks up with dlopen/dlsym on first use. Internal to mailer.

#include <string>

#include "mailer/message.hpp"
#include "mailer/smtp_session.hpp"

namespace panelpack::mailer {

// The SMTP conversation behind SmtpSession, which has checked the settings and validated the
// message and its addresses before calling it.
class SmtpConnection {
 public:
  virtual ~SmtpConnection() = default;  // says QUIT when connected
  virtual void connect() = 0;           // unless connected
  virtual bool connected() const noexcept = 0;
  virtual void close() noexcept = 0;
  virtual SendResult send(const Message& message, const std::string& envelope_from,
                          const std::string& recipient) = 0;
};

// `SmtpConnection* NAME(const SmtpSettings*, const std::string* server)`: a new connection (not
// yet connected), owned by the caller.
using SmtpConnectionMaker = SmtpConnection* (*)(const SmtpSettings*, const std::string*);
inline constexpr const char* kSmtpConnectionSymbol = "panelpack_smtp_connection";

}  // namespace panelpack::mailer

extern "C" __attribute__((visibility("default"))) panelpack::mailer::SmtpConnection*
panelpack_smtp_connection(const panelpack::mailer::SmtpSettings* settings,
                          const std::string* server);
