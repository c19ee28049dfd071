#pragma once
// An email read from a mailbox, as the sender's program made it (Outlook, a phone, a forward):
// parsed with GMime into who sent it, what it says and the files it carries, however deeply
// they are nested. Nothing here knows what the files are for.

#include <string>
#include <string_view>
#include <vector>

namespace panelpack::mailer {

struct ReceivedFile {
  // What the sender's program called it, decoded to UTF-8 (RFC 2231 and RFC 2047 names, and
  // the raw UTF-8 some phones send); never a path: any folder part is dropped.
  std::string filename;
  std::string content_type;  // as declared, lower case ("application/pdf"); often wrong
  std::string bytes;         // the decoded content
  // True when it came from inside a forwarded message (message/rfc822 part).
  bool forwarded = false;
};

struct ReceivedMessage {
  std::string message_id;  // "<...>" as written; empty when the message has none
  std::string from_name;   // decoded to UTF-8
  std::string from_email;  // lower case
  std::string subject;     // decoded to UTF-8, one line
  std::string text;        // the text/plain body (or the HTML's text when there is none), UTF-8
  // Every attachment and inline file, in the order they appear, forwarded messages included;
  // a forwarded message's own subject and text are appended to `text` after a blank line.
  std::vector<ReceivedFile> files;
};

// Parses one message as the mailbox holds it (RFC 5322 bytes). Never throws for a malformed
// message: it reads what it can (a part it cannot decode is left out of `files`).
ReceivedMessage parse_received_message(std::string_view raw);

}  // namespace panelpack::mailer
