// Loading the IMAP module (libpanelpack_imap.so: libcurl, GMime, glib) on first use, the way
// smtp_session.cpp loads the SMTP one.

#include <mutex>

#include "mailer/imap_module.hpp"
#include "mailer/mail_error.hpp"
#include "text/own_module.hpp"

namespace panelpack::mailer {

const ImapModuleFunctions& imap_module() {
  static std::once_flag loaded;
  static text::OwnModule module;
  static const ImapModuleFunctions* functions = nullptr;
  std::call_once(loaded, [] {
    module = text::load_own_module(PANELPACK_IMAP_MODULE_NAME, PANELPACK_IMAP_MODULE_BUILT,
                                   kImapModuleSymbol);
    if (module.entry != nullptr) functions = reinterpret_cast<ImapModuleEntry>(module.entry)();
  });
  if (functions == nullptr) {
    throw MailError("imap_module_missing", module.path.string(),
                    "panelpack's mailbox module (IMAP, MIME reading) cannot be loaded (" +
                        module.failure +
                        "): reinstall panelpack, or install libcurl4 and libgmime-3.0-0");
  }
  return *functions;
}

}  // namespace panelpack::mailer
