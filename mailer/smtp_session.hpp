#pragma once
// Talking SMTP to one relay: STARTTLS with a verified certificate, AUTH PLAIN only inside TLS,
// one recipient per transaction. Poco appears only in smtp_connection.cpp, the SMTP module
// loaded on the first connection.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "mailer/message.hpp"

namespace panelpack::mailer {

struct SmtpSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 587;
  // plain: no TLS at all, allowed only to a loopback relay (127.0.0.0/8, ::1, "localhost").
  enum class Security { starttls, plain } security = Security::starttls;
  std::string username, password;  // empty username: no AUTH
  std::chrono::seconds connect_timeout{15}, read_timeout{60};
  std::filesystem::path ca_file;  // PEM file of trusted CAs; empty: the system's CAs
  std::string helo_name;          // empty: the local address as a literal, "[192.0.2.1]"
};

// What the server said about one message to one recipient.
struct SendResult {
  // 2xx delivered; 4xx, a dropped connection or a timeout: temporary; 5xx: permanent.
  // unknown: the whole message and its final "." were written but no reply was read (the
  // connection dropped, or the reply came after the read timeout): the relay may have it.
  enum class Outcome { delivered, temporary_failure, permanent_failure, unknown };
  Outcome outcome = Outcome::temporary_failure;
  int smtp_code = 0;  // 0 when the server gave no reply (connection refused, reset, timeout)
  std::string reply;  // the server's reply ("550 5.1.1 no such user"), or what went wrong
  // The relay did not answer within the read (or connect) timeout: it is hung, and every
  // further message would wait as long, so a drain stops.
  bool timed_out = false;
};

const char* to_string(SendResult::Outcome outcome);

class SmtpConnection;

// One connection to one relay, opened on first use (or by connect()) and reused for every send;
// a dropped connection is reopened by the next send. QUIT on destruction. Not thread-safe.
// Never logs, and never puts message content in an error. The first connection loads the SMTP
// module; when it cannot be loaded, connect() and send() throw MailError "smtp_module_missing"
// naming the file tried.
class SmtpSession {
 public:
  // Checks the policy before any connection: MailError "plain_needs_loopback" for plain SMTP to
  // a host that is not loopback, "auth_needs_tls" for credentials without TLS.
  explicit SmtpSession(SmtpSettings settings);
  ~SmtpSession();
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;
  SmtpSession(SmtpSession&&) noexcept;
  SmtpSession& operator=(SmtpSession&&) noexcept;

  // Connects, reads the greeting, says EHLO, starts TLS and authenticates, unless connected.
  // Throws MailError naming host:port: temporary "connect_failed", "timeout", "connection_lost",
  // "server_refused" (4xx); otherwise "server_refused" (5xx), "starttls_unavailable",
  // "tls_failed", "certificate_rejected", "auth_unavailable", "auth_failed".
  void connect();
  bool connected() const noexcept;
  // Says QUIT (briefly) and closes; does nothing when not connected.
  void close() noexcept;

  // Sends `message` to the one envelope `recipient`, Date stamped now, the DATA dot-stuffed.
  // A refused MAIL, RCPT or DATA is followed by RSET so the session stays usable. Connection
  // trouble (refused, reset, timeout) is a temporary_failure result, not an exception, unless it
  // came after the final "." of the DATA: then the outcome is unknown. Throws
  // MailError for an invalid message or address (before any command), an unreadable attachment,
  // and the session-level failures connect() throws that are not temporary.
  SendResult send(const Message& message, const std::string& envelope_from,
                  const std::string& recipient);

  // "host:port", as errors name it.
  std::string server() const;

 private:
  SmtpConnection& connection();  // made by the SMTP module on first use

  SmtpSettings settings_;
  std::string server_;
  std::unique_ptr<SmtpConnection> connection_;
};

// True for 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 (IPv4-mapped) and "localhost": where plain
// SMTP is allowed.
bool is_loopback_host(const std::string& host);

}  // namespace panelpack::mailer
