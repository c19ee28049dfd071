#pragma once
// Where the outbox hands each message: a real SMTP relay, or a folder of .eml files for a dry
// run.

#include <filesystem>
#include <string>
#include <vector>

#include "mailer/message.hpp"
#include "mailer/smtp_session.hpp"

namespace panelpack::mailer {

// Sends one message to one envelope recipient. Session-level failures a person must fix (TLS,
// certificate, credentials) are thrown as MailError; everything about the one message is the
// result.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual SendResult send(const Message& message, const std::string& envelope_from,
                          const std::string& recipient) = 0;
  // True when send() only writes copies: the outbox then leaves every row as it was.
  virtual bool dry_run() const noexcept { return false; }
};

// One SmtpSession reused for every message, reconnected after a dropped connection.
class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  SendResult send(const Message& message, const std::string& envelope_from,
                  const std::string& recipient) override;
  SmtpSession& session() noexcept { return session_; }

 private:
  SmtpSession session_;
};

// The dry run: each message is written, exactly as it would be sent, to
// FOLDER/<message-id>--<recipient>.eml (atomically: a crash leaves no half file), and reported
// delivered with smtp_code 0. Nothing is sent.
class EmlFolderTransport final : public Transport {
 public:
  // Creates the folder if needed (std::filesystem::filesystem_error otherwise).
  explicit EmlFolderTransport(std::filesystem::path folder);
  SendResult send(const Message& message, const std::string& envelope_from,
                  const std::string& recipient) override;
  bool dry_run() const noexcept override { return true; }
  const std::vector<std::filesystem::path>& written() const noexcept { return written_; }

 private:
  std::filesystem::path folder_;
  std::vector<std::filesystem::path> written_;
};

}  // namespace panelpack::mailer
