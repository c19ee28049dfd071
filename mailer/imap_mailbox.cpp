// open_imap_mailbox: the settings' checks here (no TLS only on loopback), the IMAP conversation
// in the IMAP module (curl_mailbox.cpp), loaded on first use.

#include "mailer/imap_mailbox.hpp"

#include <algorithm>

#include "mailer/imap_module.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/smtp_session.hpp"  // is_loopback_host

namespace panelpack::mailer {
namespace {

// Folder names are sent quoted; non-ASCII ones would need modified UTF-7, which we do not write.
bool usable_folder_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
  });
}

bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

std::unique_ptr<ImapMailbox> open_imap_mailbox(const ImapSettings& settings) {
  const std::string& host = settings.host;
  const std::string server = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                             std::to_string(settings.port);
  if (host.empty() || host.find_first_of(" \r\n\t/@[]") != std::string::npos ||
      settings.port <= 0 || settings.port > 65535) {
    throw MailError("mailbox_unreachable", server,
                    "the mailbox's host name or port is not usable: check mail.intake");
  }
  if (settings.security == ImapSettings::Security::plain && !is_loopback_host(host)) {
    throw MailError("mailbox_insecure", server,
                    "IMAP without TLS is allowed only to a loopback server (127.0.0.0/8, ::1, "
                    "localhost): use \"imaps\" or \"starttls\"");
  }
  if (has_control(settings.username) || has_control(settings.password)) {
    throw MailError("mailbox_login", server,
                    "the user name or password holds a control character: check the password "
                    "file");
  }
  for (const std::string* folder : {&settings.folder, &settings.processed_folder}) {
    if (!usable_folder_name(*folder)) {
      throw MailError("mailbox_folder", server,
                      "the folder name \"" + *folder +
                          "\" must be printable ASCII (non-ASCII folder names are not supported)");
    }
  }
  return std::unique_ptr<ImapMailbox>(imap_module().open_mailbox(settings, server));
}

}  // namespace panelpack::mailer
