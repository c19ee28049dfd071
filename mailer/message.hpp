#pragma once
// An email as the mailer knows it: people, text, HTML and files. Nothing here knows what the
// email is about.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace panelpack::mailer {

// A person or mailbox. `name` is any UTF-8 text (encoded on the way out); `email` must pass
// validate_address.
struct Address {
  std::string name;
  std::string email;
};

// A file sent with the message, read from `file` in chunks while the message is written.
struct Attachment {
  std::filesystem::path file;
  std::string filename;      // what the recipient sees (UTF-8); empty: the file's own name
  std::string content_type;  // "application/pdf"; empty: application/octet-stream
};

// An iCalendar invitation (RFC 6047 iMIP) sent as a third alternative of the body,
// "text/calendar; charset=UTF-8; method=REQUEST" (icalendar.hpp writes the text).
struct CalendarPart {
  std::string method;  // "REQUEST" or "CANCEL"
  std::string text;    // the VCALENDAR, CRLF line ends
};

struct Message {
  Address from;
  std::vector<Address> to, cc;  // header only: the envelope recipient is given to send()
  std::optional<Address> reply_to;
  std::string subject;
  std::string text;  // text/plain body, UTF-8; line ends of any kind
  std::string html;  // text/html alternative, UTF-8; empty: text only
  std::vector<Attachment> attachments;
  std::optional<CalendarPart> calendar;  // an invitation beside the text and HTML
  std::string message_id;  // "<id@domain>"; empty: write_mime makes one
  std::vector<std::pair<std::string, std::string>> extra_headers;  // name, value
};

// A new globally unique Message-ID, "<time.random@domain>", with 128 random bits.
// Throws MailError "invalid_address" when `domain` is not a host name.
std::string make_message_id(std::string_view domain);

// Refuses anything but a plain ASCII "local@domain" that cannot break an SMTP command or a
// header: CR, LF, spaces, control characters, <, >, quotes, a missing or second @, non-ASCII
// (use the xn-- form of a domain), over-long parts. Throws MailError "invalid_address".
void validate_address(std::string_view email);

// The domain of a valid address, lower-cased: "Jo@Example.ORG" gives "example.org".
std::string email_domain(std::string_view email);

// True when `email`'s domain is one of `allowed` or a subdomain of one (case-insensitive).
bool domain_allowed(std::string_view email, std::span<const std::string> allowed);

// Everything write_mime would refuse, checked without reading the attachments: addresses,
// at least one To, the Message-ID's form, extra header names (RFC 5322 ftext, not one the
// writer sets itself), attachment content types, a calendar part's method (REQUEST or CANCEL)
// and that its text starts BEGIN:VCALENDAR ("invalid_calendar"). Throws MailError.
void validate_message(const Message& message);

}  // namespace panelpack::mailer
