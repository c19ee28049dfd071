// The IMAP module's one exported symbol: the table of what it does (imap_module.hpp).

#include "mailer/imap_module.hpp"

extern "C" const panelpack::mailer::ImapModuleFunctions* panelpack_imap_module() {
  static const panelpack::mailer::ImapModuleFunctions functions = {
      &panelpack::mailer::gmime_parse_received_message, &panelpack::mailer::curl_open_mailbox};
  return &functions;
}
