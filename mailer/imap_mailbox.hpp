#pragma once
// One folder of an IMAP mailbox (RFC 9051/3501) over TLS, through libcurl: the messages not
// yet processed, each fetched whole with the time it arrived, then marked processed (a keyword,
// or moved to another folder). Nothing is ever deleted or expunged by panelpack.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace panelpack::mailer {

struct ImapSettings {
  std::string host;
  int port = 993;
  // imaps: TLS from the start; starttls: STARTTLS before the login (refused when the server does
  // not offer it); plain: no TLS, refused unless the host is loopback (loopback_host.hpp).
  enum class Security { imaps, starttls, plain } security = Security::imaps;
  std::string username;
  std::string password;
  std::string ca_file;  // PEM of trusted CAs; empty: the system's. The certificate is always
                        // verified, host name included.
  std::string folder = "INBOX";
  // flag: the message stays and gets the keyword kProcessedKeyword; move: it is moved (UID MOVE,
  // or COPY + flag where MOVE is not offered) to processed_folder, created when missing.
  enum class Processed { flag, move } processed = Processed::flag;
  std::string processed_folder = "Filed";
  int connect_timeout_seconds = 15;
  int read_timeout_seconds = 60;
};

inline constexpr const char* kProcessedKeyword = "$PanelpackFiled";

struct MailboxMessage {
  std::string uid;           // the IMAP UID, decimal
  std::string uid_validity;  // the folder's UIDVALIDITY: with uid, the message's identity
  std::chrono::system_clock::time_point arrived;  // INTERNALDATE: when the server received it
  std::string raw;                                // the whole message (RFC 5322 bytes)
  std::size_t size = 0;                           // RFC822.SIZE
  bool too_large = false;
};

class ImapMailbox {
 public:
  virtual ~ImapMailbox() = default;
  // Messages in the folder without kProcessedKeyword (processed: flag) or all of them (move:
  // processed ones are no longer there), oldest first, at most `limit`. A message longer than
  // `max_bytes` is listed with `raw` empty and `too_large` set (it is not fetched): the caller
  // refuses it by size.
  virtual std::vector<MailboxMessage> unprocessed(std::size_t limit, std::size_t max_bytes) = 0;
  // Marks one message processed as the settings say. Idempotent.
  virtual void mark_processed(const MailboxMessage& message) = 0;
};

// Connects and logs in. Throws MailError with a code and words a person can act on:
// "mailbox_unreachable" (host, port and what failed: refused, timed out, name not found),
// "mailbox_tls" (the certificate or TLS failed, and why), "mailbox_login" (the server refused
// the login: its reply), "mailbox_folder" (no such folder), "mailbox_insecure" (plain for a host
// not on loopback).
std::unique_ptr<ImapMailbox> open_imap_mailbox(const ImapSettings& settings);

}  // namespace panelpack::mailer
