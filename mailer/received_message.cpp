// parse_received_message: the GMime reader lives in the IMAP module (gmime_reader.cpp), loaded on
// the first message read so that glib and GMime stay out of every other command.

#include "mailer/received_message.hpp"

#include "mailer/imap_module.hpp"

namespace panelpack::mailer {

ReceivedMessage parse_received_message(std::string_view raw) {
  return imap_module().parse_received_message(raw);
}

}  // namespace panelpack::mailer
