#pragma once
// Writing a Message as MIME by hand, because Poco 1.11's MailMessage lets CR/LF inject headers,
// splits UTF-8 in encoded names and buffers attachments (see docs/mailer.md).

#include <chrono>
#include <iosfwd>

#include "mailer/message.hpp"

namespace panelpack::mailer {

// Writes `message` as an RFC 5322 + MIME message with CRLF line ends and no line over 998
// octets (headers folded at 78, bodies quoted-printable, attachments base64 in 76 columns),
// ready for SMTP DATA before dot-stuffing, or for an .eml file. `date` becomes the Date header.
// Header values of any kind cannot add a header: control characters become spaces.
// Attachments are read from their files in chunks while writing, never whole.
// Throws MailError (see validate_message; "attachment_unreadable" naming the file, possibly
// after part of the message was written). Stream failures surface as the stream reports them.
void write_mime(std::ostream& out, const Message& message,
                std::chrono::system_clock::time_point date);

}  // namespace panelpack::mailer
