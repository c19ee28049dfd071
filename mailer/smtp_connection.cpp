// The SMTP module (libpanelpack_smtp.so): a connection to one relay through Poco NetSSL and
// OpenSSL. smtp_session.cpp loads it on the first connection, so that the commands that send
// no mail start without those libraries.

#include "mailer/smtp_module.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/InvalidCertificateHandler.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/VerificationErrorArgs.h>
#include <Poco/Net/X509Certificate.h>
#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <fstream>
#include <functional>
#include <mutex>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <utility>
#include <vector>

#include "mailer/mail_error.hpp"
#include "mailer/mime_writer.hpp"
#include "text/base64.hpp"

namespace panelpack::mailer {
namespace {

constexpr std::size_t kMaxReplyLine = 4096;
constexpr int kMaxReplyLines = 200;
constexpr std::size_t kMaxQuotedReply = 500;
constexpr std::size_t kDataChunk = 64 * 1024;
constexpr std::chrono::seconds kQuitWait{2};

// What the last certificate check on this thread objected to, set by the handler below (the
// handshake reports only "certificate verify failed").
thread_local std::string last_certificate_problem;

// Poco's default handler asks on stdin whether to accept a bad certificate; this one refuses
// every certificate OpenSSL could not verify, and remembers why.
class RejectInvalidCertificates final : public Poco::Net::InvalidCertificateHandler {
 public:
  RejectInvalidCertificates() : InvalidCertificateHandler(false) {}
  void onInvalidCertificate(const void* /*sender*/,
                            Poco::Net::VerificationErrorArgs& error) override {
    last_certificate_problem =
        error.errorMessage() + " at depth " + std::to_string(error.errorDepth());
    error.setIgnoreError(false);
  }
};

void initialise_tls_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::SSLManager::instance().initializeClient(
        Poco::Net::SSLManager::PrivateKeyPassphraseHandlerPtr(),
        Poco::Net::SSLManager::InvalidCertificateHandlerPtr(new RejectInvalidCertificates),
        Poco::Net::Context::Ptr());
  });
}

bool is_ip_literal(const std::string& host) {
  unsigned char address[16];
  return inet_pton(AF_INET, host.c_str(), address) == 1 ||
         inet_pton(AF_INET6, host.c_str(), address) == 1;
}

// The server's reply: its code and the text of each line, without the code.
struct Reply {
  int code = 0;
  std::vector<std::string> lines;
};

bool positive(const Reply& reply) {
  return reply.code >= 200 && reply.code < 300;
}

// The reply as errors and results quote it: "550 5.1.1 no such user", printable, bounded.
std::string describe(const Reply& reply) {
  std::string text = std::to_string(reply.code);
  for (const std::string& line : reply.lines) {
    if (!line.empty()) text += " " + line;
  }
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) c = '?';
  }
  if (text.size() > kMaxQuotedReply) text = text.substr(0, kMaxQuotedReply) + "...";
  return text;
}

// Thrown when a reused connection turns out to be dead at the first command of a message:
// nothing of the message was sent, so it is safe to reconnect and start again.
struct StaleConnection {};

// Dot-stuffs the message on its way to the socket (RFC 5321 4.5.2) and makes every line end
// CRLF even if a bare CR or LF slipped through, so no data line can end the DATA early.
// Socket failures are kept and rethrown by finish(), not thrown through the ostream.
class DataStreambuf final : public std::streambuf {
 public:
  explicit DataStreambuf(std::function<void(const char*, std::size_t)> sink)
      : sink_(std::move(sink)) {
    buffer_.reserve(kDataChunk + 8);
  }

  // Ends the data with CRLF "." CRLF and sends what is left; rethrows a socket failure.
  // final_dot_tried() tells whether the failure came while sending the final ".".
  void finish() {
    if (pending_cr_ || !at_line_start_) emit_line_end();
    pending_cr_ = false;
    rethrow_failure();
    buffer_ += ".\r\n";
    final_dot_tried_ = true;
    flush();
    rethrow_failure();
  }
  bool final_dot_tried() const noexcept { return final_dot_tried_; }
  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    put(traits_type::to_char_type(c));
    return failure_ ? traits_type::eof() : c;
  }
  std::streamsize xsputn(const char* text, std::streamsize count) override {
    for (std::streamsize i = 0; i < count && !failure_; ++i) put(text[i]);
    return failure_ ? 0 : count;
  }
  int sync() override {
    flush();
    return failure_ ? -1 : 0;
  }

 private:
  void put(char c) {
    if (pending_cr_) {
      pending_cr_ = false;
      emit_line_end();
      if (c == '\n') return;
    }
    if (c == '\r') {
      pending_cr_ = true;
      return;
    }
    if (c == '\n') {
      emit_line_end();
      return;
    }
    if (at_line_start_ && c == '.') buffer_ += '.';
    at_line_start_ = false;
    buffer_ += c;
    if (buffer_.size() >= kDataChunk) flush();
  }
  void emit_line_end() {
    buffer_ += "\r\n";
    at_line_start_ = true;
  }
  void flush() {
    if (failure_ || buffer_.empty()) return;
    try {
      sink_(buffer_.data(), buffer_.size());
    } catch (...) {
      failure_ = std::current_exception();
    }
    buffer_.clear();
  }

  std::function<void(const char*, std::size_t)> sink_;
  std::string buffer_;
  bool at_line_start_ = true;
  bool pending_cr_ = false;
  bool final_dot_tried_ = false;
  std::exception_ptr failure_;
};

// What the session was doing when the network failed, for the error's code and wording.
enum class Phase { connecting, talking, handshake };

class Connection final : public SmtpConnection {
 public:
  Connection(SmtpSettings settings_given, std::string server_given)
      : settings(std::move(settings_given)), server(std::move(server_given)) {}
  ~Connection() override { quit(); }

  void connect() override {
    if (!open) connect_now();
  }
  bool connected() const noexcept override { return open; }
  void close() noexcept override { quit(); }
  SendResult send(const Message& message, const std::string& envelope_from,
                  const std::string& recipient) override;

 private:
  SmtpSettings settings;
  std::string server;
  Poco::Net::StreamSocket socket;  // after STARTTLS, holds the SecureStreamSocket's impl
  Poco::Net::Context::Ptr tls_context;
  bool open = false;
  bool tls = false;
  std::string helo;
  std::string received;                 // bytes read but not yet consumed as reply lines
  std::vector<std::string> extensions;  // EHLO keywords and parameters, upper-cased
  long wait_seconds = 60;               // for each reply: the read timeout, shorter for QUIT

  // ---- failures ----

  // Called inside a catch block: turns the exception in flight into a MailError.
  [[noreturn]] void rethrow_as_mail_error(Phase phase) const {
    try {
      throw;
    } catch (const MailError&) {
      throw;
    } catch (const Poco::TimeoutException&) {
      throw MailError(
          "timeout", server,
          phase == Phase::connecting
              ? "no connection within " + std::to_string(settings.connect_timeout.count()) + " s"
              : "no answer within " + std::to_string(settings.read_timeout.count()) + " s",
          true);
    } catch (const Poco::Net::CertificateValidationException& error) {
      throw MailError(
          "certificate_rejected", server,
          "the server's certificate was rejected (" + error.displayText() + "); nothing was sent");
    } catch (const Poco::Net::SSLException& error) {
      if (phase == Phase::handshake) {
        if (!last_certificate_problem.empty()) {
          throw MailError("certificate_rejected", server,
                          "the server's certificate was rejected (" + last_certificate_problem +
                              "); nothing was sent");
        }
        throw MailError("tls_failed", server,
                        "the TLS handshake failed (" + error.displayText() + "); nothing was sent");
      }
      throw MailError("connection_lost", server,
                      "the connection failed (" + error.displayText() + ")", true);
    } catch (const Poco::Net::DNSException& error) {
      throw MailError("connect_failed", server,
                      "cannot resolve the server's name (" + error.displayText() + ")", true);
    } catch (const Poco::Exception& error) {
      if (phase == Phase::connecting) {
        throw MailError("connect_failed", server, "cannot connect (" + error.displayText() + ")",
                        true);
      }
      if (phase == Phase::handshake) {
        throw MailError("tls_failed", server,
                        "the TLS handshake failed (" + error.displayText() + "); nothing was sent");
      }
      throw MailError("connection_lost", server,
                      "the connection failed (" + error.displayText() + ")", true);
    }
  }

  // ---- the wire ----

  void send_all(const char* data, std::size_t size) {
    try {
      while (size > 0) {
        const int sent =
            socket.sendBytes(data, static_cast<int>(std::min<std::size_t>(size, kDataChunk)));
        if (sent <= 0) {
          throw MailError("connection_lost", server, "the connection closed while sending", true);
        }
        data += sent;
        size -= static_cast<std::size_t>(sent);
      }
    } catch (...) {
      rethrow_as_mail_error(Phase::talking);
    }
  }

  std::string read_line() {
    for (;;) {
      const std::size_t end = received.find('\n');
      if (end != std::string::npos) {
        std::string line = received.substr(0, end);
        received.erase(0, end + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      if (received.size() > kMaxReplyLine) {
        throw MailError("protocol_error", server, "a reply line is longer than 4096 characters",
                        true);
      }
      char chunk[4096];
      int got = 0;
      try {
        // Our own wait: a blocking TLS read would wait for SO_RCVTIMEO and then poll as long
        // again. Bytes TLS has already decrypted are not seen by poll, hence available().
        if (socket.available() == 0 &&
            !socket.poll(Poco::Timespan(wait_seconds, 0), Poco::Net::Socket::SELECT_READ)) {
          throw Poco::TimeoutException();
        }
        got = socket.receiveBytes(chunk, static_cast<int>(sizeof chunk));
      } catch (...) {
        rethrow_as_mail_error(Phase::talking);
      }
      if (got <= 0) {
        throw MailError("connection_lost", server, "the server closed the connection", true);
      }
      received.append(chunk, static_cast<std::size_t>(got));
    }
  }

  Reply read_reply() {
    Reply reply;
    for (int count = 0;; ++count) {
      const std::string line = read_line();
      const bool shaped = line.size() >= 3 &&
                          std::all_of(line.begin(), line.begin() + 3,
                                      [](char c) { return c >= '0' && c <= '9'; }) &&
                          (line.size() == 3 || line[3] == ' ' || line[3] == '-');
      const int code = shaped ? std::stoi(line.substr(0, 3)) : 0;
      if (!shaped || (count > 0 && code != reply.code) || count >= kMaxReplyLines) {
        throw MailError("protocol_error", server,
                        "the server's reply is not SMTP: " + describe(Reply{0, {line}}), true);
      }
      reply.code = code;
      reply.lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
      if (line.size() == 3 || line[3] == ' ') return reply;
    }
  }

  Reply command(const std::string& line) {
    const std::string wire = line + "\r\n";
    send_all(wire.data(), wire.size());
    return read_reply();
  }

  // ---- connection ----

  // Closes without a word: after a failure, or when the server hung up.
  void drop() noexcept {
    if (open) {
      try {
        socket.close();
      } catch (...) {  // closing a broken socket may fail; it is closed either way
      }
    }
    socket = Poco::Net::StreamSocket();
    open = false;
    tls = false;
    received.clear();
    extensions.clear();
  }

  void quit() noexcept {
    if (!open) return;
    try {
      wait_seconds = kQuitWait.count();
      const std::string wire = "QUIT\r\n";
      send_all(wire.data(), wire.size());
      read_reply();
    } catch (...) {  // the server may already have gone; QUIT is a courtesy
    }
    drop();
  }

  bool has_extension(std::string_view keyword) const {
    return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& line) {
      return line == keyword || line.rfind(std::string(keyword) + " ", 0) == 0;
    });
  }

  std::vector<std::string> auth_mechanisms() const {
    std::vector<std::string> mechanisms;
    for (const std::string& line : extensions) {
      if (line.rfind("AUTH ", 0) != 0 && line.rfind("AUTH=", 0) != 0) continue;
      std::istringstream words(line.substr(5));
      for (std::string word; words >> word;) mechanisms.push_back(word);
    }
    return mechanisms;
  }

  void ehlo() {
    const Reply reply = command("EHLO " + helo);
    if (!positive(reply)) {
      throw MailError("server_refused", server, "the server refused EHLO: " + describe(reply),
                      reply.code / 100 == 4);
    }
    extensions.clear();
    for (std::size_t i = 1; i < reply.lines.size(); ++i) {
      std::string line = reply.lines[i];
      std::transform(line.begin(), line.end(), line.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      extensions.push_back(line);
    }
  }

  Poco::Net::Context::Ptr make_tls_context() const {
    if (!settings.ca_file.empty()) {
      std::ifstream readable(settings.ca_file);
      if (!readable) {
        throw MailError("tls_failed", server,
                        "cannot read the CA file " + settings.ca_file.string());
      }
    }
    Poco::Net::Context::Params params;
    params.caLocation = settings.ca_file.string();
    params.loadDefaultCAs = settings.ca_file.empty();
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES";
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    // Poco's own name check skips localhost unless strict and resolves names through DNS for an
    // IP; OpenSSL checks the name during the handshake instead, exactly as configured here.
    context->enableExtendedCertificateVerification(false);
    X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(context->sslContext());
    const bool set =
        is_ip_literal(settings.host)
            ? X509_VERIFY_PARAM_set1_ip_asc(verify, settings.host.c_str()) == 1
            : X509_VERIFY_PARAM_set1_host(verify, settings.host.c_str(), settings.host.size()) == 1;
    if (!set) throw MailError("tls_failed", server, "cannot set the name to verify");
    X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    return context;
  }

  // The host name for SNI; none for an IP address (RFC 6066 3), which Poco would send as is.
  std::string server_name_indication() const {
    return is_ip_literal(settings.host) ? std::string() : settings.host;
  }

  // The same name check again on the certificate the handshake accepted.
  void check_peer_name(const Poco::Net::SecureStreamSocket& secure) const {
    const Poco::Net::X509Certificate certificate = secure.peerCertificate();
    X509* x509 = const_cast<X509*>(certificate.certificate());
    const int matched = is_ip_literal(settings.host)
                            ? X509_check_ip_asc(x509, settings.host.c_str(), 0)
                            : X509_check_host(x509, settings.host.c_str(), settings.host.size(),
                                              X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
    if (matched != 1) {
      throw MailError(
          "certificate_rejected", server,
          "the server's certificate is not for " + settings.host + "; nothing was sent");
    }
  }

  void start_tls() {
    if (!has_extension("STARTTLS")) {
      quit();
      throw MailError("starttls_unavailable", server,
                      "the server does not offer STARTTLS, and plain SMTP is allowed only to a "
                      "loopback relay; nothing was sent");
    }
    const Reply reply = command("STARTTLS");
    // Refused even with a 4xx: a relay that offers TLS and then refuses it needs a person
    // (or is being tampered with), not a retry in plain text.
    if (reply.code != 220) {
      quit();
      throw MailError("starttls_unavailable", server,
                      "the server refused STARTTLS: " + describe(reply) + "; nothing was sent");
    }
    // Bytes already waiting would be read as if they came over TLS (CVE-2011-0411).
    if (!received.empty()) {
      drop();
      throw MailError("tls_failed", server,
                      "the server sent data after agreeing to STARTTLS; nothing was sent");
    }
    initialise_tls_once();
    if (tls_context.isNull()) tls_context = make_tls_context();
    last_certificate_problem.clear();
    try {
      Poco::Net::SecureStreamSocket secure =
          Poco::Net::SecureStreamSocket::attach(socket, server_name_indication(), tls_context);
      check_peer_name(secure);
      socket = secure;
    } catch (...) {
      drop();
      rethrow_as_mail_error(Phase::handshake);
    }
    tls = true;
    ehlo();
  }

  void authenticate() {
    const std::vector<std::string> mechanisms = auth_mechanisms();
    if (std::find(mechanisms.begin(), mechanisms.end(), "PLAIN") == mechanisms.end()) {
      std::string offered;
      for (const std::string& mechanism : mechanisms) offered += " " + mechanism;
      quit();
      throw MailError("auth_unavailable", server,
                      "the server does not offer AUTH PLAIN (it offers:" +
                          (offered.empty() ? std::string(" nothing") : offered) + ")");
    }
    std::string credentials;
    credentials += '\0';
    credentials += settings.username;
    credentials += '\0';
    credentials += settings.password;
    const Reply reply = command("AUTH PLAIN " + text::base64(credentials));
    if (reply.code != 235) {
      quit();
      throw MailError("auth_failed", server,
                      "the server refused the credentials: " + describe(reply),
                      reply.code / 100 == 4);
    }
  }

  void connect_now() {
    drop();
    Poco::Net::SocketAddress address;
    try {
      address = Poco::Net::SocketAddress(settings.host, settings.port);
      // Poco's isLoopback() knows only ::1 for IPv6, not ::ffff:127.0.0.1.
      if (settings.security == SmtpSettings::Security::plain &&
          !is_loopback_host(address.host().toString())) {
        throw MailError("plain_needs_loopback", server,
                        settings.host + " resolves to " + address.host().toString() +
                            ", which is not a loopback address; plain SMTP is refused");
      }
      Poco::Net::StreamSocket plain;
      plain.connect(address, Poco::Timespan(settings.connect_timeout.count(), 0));
      socket = plain;
      open = true;
      wait_seconds = static_cast<long>(settings.read_timeout.count());
      socket.setReceiveTimeout(Poco::Timespan(settings.read_timeout.count(), 0));
      socket.setSendTimeout(Poco::Timespan(settings.read_timeout.count(), 0));
      socket.setNoDelay(true);
    } catch (...) {
      drop();
      rethrow_as_mail_error(Phase::connecting);
    }
    try {
      const Reply greeting = read_reply();
      if (greeting.code != 220) {
        throw MailError("server_refused", server,
                        "the server's greeting refuses service: " + describe(greeting),
                        greeting.code / 100 == 4);
      }
      helo = settings.helo_name;
      if (helo.empty()) {
        const Poco::Net::IPAddress local = socket.address().host();
        helo = local.family() == Poco::Net::IPAddress::IPv6 ? "[IPv6:" + local.toString() + "]"
                                                            : "[" + local.toString() + "]";
      }
      ehlo();
      if (settings.security == SmtpSettings::Security::starttls) start_tls();
      if (!settings.username.empty()) authenticate();
    } catch (...) {
      drop();
      rethrow_as_mail_error(Phase::talking);
    }
  }

  // ---- one message ----

  // The outcome of a refused command; RSET keeps the session usable, 421 means it is over.
  SendResult refused(const Reply& reply) {
    SendResult result;
    result.smtp_code = reply.code;
    result.reply = describe(reply);
    const int kind = reply.code / 100;
    result.outcome =
        kind == 5 ? SendResult::Outcome::permanent_failure : SendResult::Outcome::temporary_failure;
    if (reply.code == 421 || (kind != 4 && kind != 5)) {
      drop();
      return result;
    }
    try {
      if (!positive(command("RSET"))) drop();
    } catch (const MailError&) {
      drop();
    }
    return result;
  }

  SendResult transaction(const Message& message, const std::string& envelope_from,
                         const std::string& recipient, bool reused) {
    Reply reply;
    try {
      reply = command("MAIL FROM:<" + envelope_from + ">");
    } catch (const MailError& error) {
      if (reused && error.code() == "connection_lost") throw StaleConnection{};
      throw;
    }
    if (reused && reply.code == 421) throw StaleConnection{};
    if (!positive(reply)) return refused(reply);
    reply = command("RCPT TO:<" + recipient + ">");
    if (!positive(reply)) return refused(reply);
    reply = command("DATA");
    if (reply.code != 354) return refused(reply);

    DataStreambuf data([this](const char* bytes, std::size_t size) { send_all(bytes, size); });
    std::ostream out(&data);
    try {
      write_mime(out, message, std::chrono::system_clock::now());
    } catch (const MailError& error) {
      if (error.code() == "write_failed") data.rethrow_failure();
      throw;
    }
    try {
      data.finish();
      reply = read_reply();
    } catch (const MailError& error) {
      if (!data.final_dot_tried() || !error.temporary()) throw;
      // The relay may have stored it and lost the connection, or answered too late.
      drop();
      SendResult unknown{SendResult::Outcome::unknown, 0,
                         std::string(error.what()) +
                             " after the whole message was sent: the relay may have accepted it"};
      unknown.timed_out = error.code() == "timeout";
      return unknown;
    }
    if (!positive(reply)) return refused(reply);
    return SendResult{SendResult::Outcome::delivered, reply.code, describe(reply)};
  }
};

SendResult Connection::send(const Message& message, const std::string& envelope_from,
                            const std::string& recipient) {
  for (int round = 0; round < 2; ++round) {
    const bool reused = open && round == 0;
    try {
      if (!open) connect_now();
      return transaction(message, envelope_from, recipient, reused);
    } catch (const StaleConnection&) {
      drop();
    } catch (const MailError& error) {
      drop();
      if (!error.temporary() || !error.session_level()) throw;
      SendResult failed{SendResult::Outcome::temporary_failure, 0, error.what()};
      failed.timed_out = error.code() == "timeout";
      return failed;
    } catch (...) {
      drop();  // whatever it was, the transaction is in an unknown state
      throw;
    }
  }
  return SendResult{SendResult::Outcome::temporary_failure, 0,
                    server + ": the connection was lost twice before MAIL FROM"};
}

}  // namespace
}  // namespace panelpack::mailer

panelpack::mailer::SmtpConnection* panelpack_smtp_connection(
    const panelpack::mailer::SmtpSettings* settings, const std::string* server) {
  return new panelpack::mailer::Connection(*settings, *server);
}
