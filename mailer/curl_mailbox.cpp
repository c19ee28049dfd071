// The IMAP mailbox through libcurl (in the IMAP module): one easy handle for the session, so one
// connection and one login; the commands libcurl has no URL for are sent as custom requests and
// their untagged replies read by imap_replies.cpp.

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "mailer/imap_module.hpp"
#include "mailer/imap_replies.hpp"
#include "mailer/mail_error.hpp"

namespace panelpack::mailer {
namespace {

size_t append_to(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

class CurlMailbox final : public ImapMailbox {
 public:
  CurlMailbox(ImapSettings settings, std::string server)
      : settings_(std::move(settings)), server_(std::move(server)) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_.reset(curl_easy_init());
    if (!curl_) throw MailError("mailbox_unreachable", server_, "libcurl cannot start");
    configure();
    const std::string scheme =
        settings_.security == ImapSettings::Security::imaps ? "imaps://" : "imap://";
    const std::string& host = settings_.host;
    base_url_ = scheme + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                std::to_string(settings_.port) + "/";
    // The first request connects, secures and logs in; CAPABILITY after the login is the list
    // that counts (MOVE).
    capabilities_ = imap::capabilities(request(base_url_, "CAPABILITY", "asking its capabilities"));
    const std::string status =
        request(base_url_, "STATUS " + imap::quoted(settings_.folder) + " (UIDVALIDITY)",
                "opening the folder " + settings_.folder);
    uid_validity_ = imap::status_item(status, "UIDVALIDITY");
    if (uid_validity_.empty()) {
      throw MailError("mailbox_folder", server_,
                      "the server gave no UIDVALIDITY for the folder " + settings_.folder);
    }
    // libcurl selects the folder before the first command and checks UIDVALIDITY each time.
    folder_url_ = base_url_ + escaped(settings_.folder) + ";UIDVALIDITY=" + uid_validity_;
  }

  std::vector<MailboxMessage> unprocessed(std::size_t limit, std::size_t max_bytes) override {
    // UNKEYWORD in both modes: in move mode a processed message is gone anyway, and one copied
    // where MOVE is not offered carries the keyword.
    std::vector<std::string> uids = imap::search_results(
        request(folder_url_, std::string("UID SEARCH UNKEYWORD ") + kProcessedKeyword,
                "searching " + settings_.folder));
    if (uids.size() > limit) uids.resize(limit);
    std::vector<MailboxMessage> messages;
    for (const std::string& uid : uids) {
      const auto attributes = imap::fetch_attributes(
          request(folder_url_, "UID FETCH " + uid + " (UID FLAGS RFC822.SIZE INTERNALDATE)",
                  "reading message " + uid),
          uid);
      if (!attributes) continue;  // expunged by someone else since the search
      if (!attributes->internal_date) {
        throw MailError("mailbox_server", server_,
                        "the server gave no INTERNALDATE for message " + uid);
      }
      MailboxMessage message;
      message.uid = uid;
      message.uid_validity = uid_validity_;
      message.arrived = *attributes->internal_date;
      message.size = attributes->size;
      message.too_large = attributes->size > max_bytes;
      if (!message.too_large) {
        message.raw = request(folder_url_ + "/;UID=" + uid, "", "fetching message " + uid);
        const auto& flags = attributes->flags;
        // libcurl fetches BODY[], which marks the message read: a person's unread mail stays
        // unread.
        if (std::none_of(flags.begin(), flags.end(), [](const std::string& flag) {
              return flag == "\\Seen" || flag == "\\seen";
            })) {
          request(folder_url_, "UID STORE " + uid + " -FLAGS.SILENT (\\Seen)",
                  "keeping message " + uid + " unread");
        }
      }
      messages.push_back(std::move(message));
    }
    return messages;
  }

  void mark_processed(const MailboxMessage& message) override {
    if (message.uid_validity != uid_validity_) {
      throw MailError("mailbox_folder", server_,
                      "the folder " + settings_.folder + " was rebuilt since message " +
                          message.uid + " was listed (UIDVALIDITY " + message.uid_validity +
                          " is now " + uid_validity_ + "): run intake again");
    }
    const std::string& uid = message.uid;
    if (settings_.processed == ImapSettings::Processed::flag) {
      add_keyword(uid);
      return;
    }
    ensure_processed_folder();
    const std::string target = imap::quoted(settings_.processed_folder);
    if (capabilities_.count("MOVE") > 0) {
      request(folder_url_, "UID MOVE " + uid + " " + target,
              "moving message " + uid + " to " + settings_.processed_folder);
    } else {
      request(folder_url_, "UID COPY " + uid + " " + target,
              "copying message " + uid + " to " + settings_.processed_folder);
      add_keyword(uid);
    }
  }

 private:
  void configure() {
    curl_easy_setopt(curl_.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_.get(), CURLOPT_PROTOCOLS_STR, "imap,imaps");
    curl_easy_setopt(curl_.get(), CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_PASSWORD, settings_.password.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_USE_SSL,
                     settings_.security == ImapSettings::Security::plain
                         ? static_cast<long>(CURLUSESSL_NONE)
                         : static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(curl_.get(), CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl_.get(), CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl_.get(), CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!settings_.ca_file.empty())
      curl_easy_setopt(curl_.get(), CURLOPT_CAINFO, settings_.ca_file.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(settings_.connect_timeout_seconds));
    curl_easy_setopt(curl_.get(), CURLOPT_SERVER_RESPONSE_TIMEOUT,
                     static_cast<long>(settings_.read_timeout_seconds));
    curl_easy_setopt(curl_.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl_.get(), CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(settings_.read_timeout_seconds));
    // Reply lines longer than half the buffer are cut by libcurl: take the largest it allows.
    curl_easy_setopt(curl_.get(), CURLOPT_BUFFERSIZE, static_cast<long>(CURL_MAX_READ_SIZE));
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEFUNCTION, &append_to);
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEDATA, &body_);
    curl_easy_setopt(curl_.get(), CURLOPT_HEADERFUNCTION, &append_to);
    curl_easy_setopt(curl_.get(), CURLOPT_HEADERDATA, &replies_);
    curl_easy_setopt(curl_.get(), CURLOPT_ERRORBUFFER, error_);
  }

  std::string escaped(const std::string& text) {
    char* escaped = curl_easy_escape(curl_.get(), text.c_str(), static_cast<int>(text.size()));
    std::string result = escaped != nullptr ? escaped : "";
    curl_free(escaped);
    return result;
  }

  // One command on the session's connection; its untagged replies (custom) or the message's
  // bytes (a fetch URL). Throws MailError for what went wrong, in words a person can act on.
  std::string request(const std::string& url, const std::string& command, const std::string& what) {
    body_.clear();
    replies_.clear();
    error_[0] = '\0';
    curl_easy_setopt(curl_.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_CUSTOMREQUEST,
                     command.empty() ? nullptr : command.c_str());
    const CURLcode code = curl_easy_perform(curl_.get());
    if (code != CURLE_OK) throw error_for(code, what);
    return std::move(body_);
  }

  // The server's last line (its tagged answer), without the tag.
  std::string server_reply() const {
    std::string reply = replies_;
    while (!reply.empty() && (reply.back() == '\n' || reply.back() == '\r')) reply.pop_back();
    reply = reply.substr(
        reply.find_last_of('\n') == std::string::npos ? 0 : reply.find_last_of('\n') + 1);
    const std::size_t space = reply.find(' ');
    if (space != std::string::npos && reply.rfind("* ", 0) != 0) reply.erase(0, space + 1);
    for (char& c : reply) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return reply.size() > 300 ? reply.substr(0, 300) + "..." : reply;
  }

  MailError error_for(CURLcode code, const std::string& what) const {
    const std::string detail = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
    const std::string reply = server_reply();
    switch (code) {
      case CURLE_COULDNT_RESOLVE_HOST:
        return MailError("mailbox_unreachable", server_,
                         "the host name was not found (" + detail + "): check mail.intake's host",
                         true);
      case CURLE_COULDNT_CONNECT:
        return MailError("mailbox_unreachable", server_,
                         "the connection failed (" + detail + "): is the mail server up?", true);
      case CURLE_OPERATION_TIMEDOUT:
        return MailError("mailbox_unreachable", server_, "timed out " + what + " (" + detail + ")",
                         true);
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_PARTIAL_FILE:
        return MailError("mailbox_unreachable", server_,
                         "the connection was lost " + what + " (" + detail + ")", true);
      case CURLE_USE_SSL_FAILED:
        return MailError("mailbox_tls", server_,
                         "the server does not offer STARTTLS: use security \"imaps\" if it "
                         "speaks TLS from the start, or ask for STARTTLS to be enabled");
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_ISSUER_ERROR:
        return MailError("mailbox_tls", server_,
                         "TLS failed (" + detail +
                             "): check the server's certificate and mail.intake's ca_file");
      case CURLE_LOGIN_DENIED:
        return MailError("mailbox_login", server_,
                         "the server refused the login" + (reply.empty() ? "" : ": " + reply) +
                             ": check the user name and the password file");
      case CURLE_REMOTE_FILE_NOT_FOUND:
        return MailError("mailbox_folder", server_,
                         "the folder " + settings_.folder +
                             " cannot be opened, or was rebuilt (UIDVALIDITY changed), while " +
                             what + (reply.empty() ? "" : ": " + reply));
      case CURLE_QUOTE_ERROR:
        return MailError(
            what.rfind("opening the folder", 0) == 0 ? "mailbox_folder" : "mailbox_server", server_,
            "the server refused " + what + ": " + reply);
      default:
        return MailError("mailbox_server", server_,
                         what + " failed (" + detail + ")" + (reply.empty() ? "" : ": " + reply));
    }
  }

  void add_keyword(const std::string& uid) {
    request(folder_url_, "UID STORE " + uid + " +FLAGS.SILENT (" + kProcessedKeyword + ")",
            "marking message " + uid + " processed");
  }

  void ensure_processed_folder() {
    if (processed_folder_ready_) return;
    const std::string name = imap::quoted(settings_.processed_folder);
    if (!imap::lists_folder(request(base_url_, "LIST \"\" " + name, "looking for " + name),
                            settings_.processed_folder)) {
      request(base_url_, "CREATE " + name, "creating the folder " + settings_.processed_folder);
    }
    processed_folder_ready_ = true;
  }

  ImapSettings settings_;
  std::string server_;
  struct EasyCleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  std::unique_ptr<CURL, EasyCleanup> curl_;
  std::string base_url_;
  std::string folder_url_;
  std::string uid_validity_;
  std::set<std::string> capabilities_;
  bool processed_folder_ready_ = false;
  std::string body_;
  std::string replies_;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace

ImapMailbox* curl_open_mailbox(const ImapSettings& settings, const std::string& server) {
  return new CurlMailbox(settings, server);
}

}  // namespace panelpack::mailer
