#pragma once
// What the IMAP module (imap_module.cpp and friends, built as libpanelpack_imap.so with libcurl
// and GMime) gives the mailer: two functions, found through the module's one exported symbol,
// which imap_mailbox.cpp and received_message.cpp look up with dlopen/dlsym on first use, so the
// commands that read no mailbox never load libcurl, GMime or glib. Internal to mailer.

#include <string>
#include <string_view>

#include "mailer/imap_mailbox.hpp"
#include "mailer/received_message.hpp"

namespace panelpack::mailer {

struct ImapModuleFunctions {
  ReceivedMessage (*parse_received_message)(std::string_view raw);
  // Settings already checked by open_imap_mailbox; `server` is "host:port" for errors. Owned by
  // the caller.
  ImapMailbox* (*open_mailbox)(const ImapSettings& settings, const std::string& server);
};

// `const ImapModuleFunctions* NAME()`.
using ImapModuleEntry = const ImapModuleFunctions* (*)();
inline constexpr const char* kImapModuleSymbol = "panelpack_imap_module";

// The module's functions, loaded once; throws MailError "imap_module_missing" naming the file
// tried when it cannot be loaded. (imap_module_loader.cpp, in panelpack_mailer.)
const ImapModuleFunctions& imap_module();

// In the module: the GMime reader (gmime_reader.cpp) and the libcurl mailbox (curl_mailbox.cpp).
ReceivedMessage gmime_parse_received_message(std::string_view raw);
ImapMailbox* curl_open_mailbox(const ImapSettings& settings, const std::string& server);

}  // namespace panelpack::mailer

extern "C" __attribute__((visibility("default"))) const panelpack::mailer::ImapModuleFunctions*
panelpack_imap_module();
