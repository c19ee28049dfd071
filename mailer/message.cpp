#include "mailer/message.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "mailer/mail_error.hpp"

namespace panelpack::mailer {
namespace {

constexpr std::size_t kMaxAddress = 254;  // RFC 5321 path limit less the angle brackets
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxMessageId = 250;

// RFC 5322 atext: what a dot-atom local part may hold besides the dots.
bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  constexpr std::string_view kSymbols = "!#$%&'*+-/=?^_`{|}~";
  return kSymbols.find(c) != std::string_view::npos;
}

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// What goes into an error message about a bad value: control characters shown as '?'.
std::string printable(std::string_view text) {
  std::string shown;
  for (const char c : text.substr(0, 300)) {
    const auto byte = static_cast<unsigned char>(c);
    shown += (byte < 0x20 || byte == 0x7f) ? '?' : c;
  }
  return shown;
}

[[noreturn]] void reject(std::string_view email, const std::string& why) {
  throw MailError("invalid_address", printable(email), "not a usable email address: " + why);
}

// Empty when `domain` is a host name (LDH labels), otherwise what is wrong with it.
std::string domain_problem(std::string_view domain) {
  if (domain.empty()) return "the domain is empty";
  if (domain.size() > 253) return "the domain is longer than 253 characters";
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    if (label.empty()) return "the domain has an empty label (two dots, or a dot at an end)";
    if (label.size() > kMaxLabel) return "a label of the domain is longer than 63 characters";
    if (!std::all_of(label.begin(), label.end(), is_label_char)) {
      return "the domain may hold only letters, digits, hyphens and dots (write an "
             "international domain in its xn-- form)";
    }
    if (label.front() == '-' || label.back() == '-') {
      return "a label of the domain starts or ends with a hyphen";
    }
    start = end + 1;
  }
  return {};
}

std::string hex(std::uint64_t value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = kDigits[value & 0xf];
    value >>= 4;
  }
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

// Headers write_mime writes itself; an extra header of the same name would contradict them.
bool is_reserved_header(std::string_view name) {
  constexpr std::array<std::string_view, 13> kReserved = {
      "from", "to",         "cc",           "bcc",         "reply-to", "sender",     "subject",
      "date", "message-id", "mime-version", "return-path", "received", "resent-from"};
  if (name.size() >= 8 && equals_ignoring_case(name.substr(0, 8), "content-")) return true;
  return std::any_of(kReserved.begin(), kReserved.end(), [&](std::string_view reserved) {
    return equals_ignoring_case(name, reserved);
  });
}

void validate_header_name(std::string_view name) {
  // RFC 5322 ftext: printable ASCII except the colon.
  const bool ftext =
      !name.empty() && name.size() <= 76 &&
      std::all_of(name.begin(), name.end(), [](char c) { return c >= 33 && c <= 126 && c != ':'; });
  if (!ftext) {
    throw MailError("invalid_header_name", printable(name),
                    "a header name must be 1 to 76 printable ASCII characters without spaces or "
                    "a colon");
  }
  if (is_reserved_header(name)) {
    throw MailError("reserved_header", printable(name),
                    "the mailer writes this header itself; it cannot be given as an extra header");
  }
}

void validate_message_id(std::string_view id) {
  const bool framed = id.size() >= 5 && id.size() <= kMaxMessageId && id.front() == '<' &&
                      id.back() == '>' && std::count(id.begin(), id.end(), '@') == 1;
  const std::string_view inner = framed ? id.substr(1, id.size() - 2) : std::string_view{};
  const bool clean = framed && std::all_of(inner.begin(), inner.end(), [](char c) {
                       return c >= 33 && c <= 126 && c != '<' && c != '>' && c != '"' &&
                              c != '\\' && c != '(' && c != ')' && c != ',' && c != ';' &&
                              c != '[' && c != ']';
                     });
  if (!clean || inner.front() == '@' || inner.back() == '@') {
    throw MailError("invalid_message_id", printable(id),
                    "a Message-ID must look like <unique@domain>, in printable ASCII, at most 250 "
                    "characters");
  }
}

void validate_content_type(std::string_view type) {
  if (type.empty()) return;
  const auto is_token = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
  };
  const std::size_t slash = type.find('/');
  const bool ok =
      type.size() <= 100 && slash != std::string_view::npos && slash > 0 &&
      slash + 1 < type.size() &&
      std::all_of(type.begin(), type.begin() + static_cast<std::ptrdiff_t>(slash), is_token) &&
      std::all_of(type.begin() + static_cast<std::ptrdiff_t>(slash) + 1, type.end(), is_token);
  if (!ok) {
    throw MailError("invalid_content_type", printable(type),
                    "an attachment's content type must be type/subtype, e.g. application/pdf, "
                    "without parameters");
  }
}

// What write_mime needs of an invitation: a method it can name in the part's Content-Type (RFC
// 6047 2.4) and text that is an iCalendar object (icalendar.hpp writes both).
void validate_calendar(const CalendarPart& calendar) {
  if (calendar.method != "REQUEST" && calendar.method != "CANCEL") {
    throw MailError("invalid_calendar", printable(calendar.method),
                    "a calendar part's method must be REQUEST or CANCEL");
  }
  if (calendar.text.rfind("BEGIN:VCALENDAR", 0) != 0) {
    throw MailError("invalid_calendar", printable(calendar.text.substr(0, 40)),
                    "a calendar part's text must be an iCalendar object, starting "
                    "BEGIN:VCALENDAR");
  }
}

}  // namespace

std::string make_message_id(std::string_view domain) {
  if (const std::string problem = domain_problem(domain); !problem.empty()) {
    throw MailError("invalid_address", printable(domain),
                    "cannot make a Message-ID for this domain: " + problem);
  }
  // std::random_device reads the kernel's random source on Linux: no seeding to get wrong.
  std::random_device random;
  const auto word = [&] {
    return (static_cast<std::uint64_t>(random()) << 32) | static_cast<std::uint64_t>(random());
  };
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return "<" + hex(static_cast<std::uint64_t>(micros), 14) + "." + hex(word(), 16) +
         hex(word(), 16) + "@" + std::string(domain) + ">";
}

void validate_address(std::string_view email) {
  if (email.empty()) reject(email, "it is empty");
  if (email.size() > kMaxAddress) reject(email, "it is longer than 254 characters");
  for (const char c : email) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\r' || byte == '\n') reject(email, "it contains a line break");
    if (byte < 0x20 || byte == 0x7f) reject(email, "it contains a control character");
    if (byte == ' ') reject(email, "it contains a space");
    if (byte >= 0x80) {
      reject(email,
             "it contains non-ASCII characters (write an international domain in its "
             "xn-- form)");
    }
  }
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos) reject(email, "it has no @");
  if (email.find('@', at + 1) != std::string_view::npos) reject(email, "it has more than one @");
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty()) reject(email, "nothing comes before the @");
  if (local.size() > kMaxLocalPart) reject(email, "the part before the @ is over 64 characters");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    reject(email, "the part before the @ starts or ends with a dot, or has two together");
  }
  for (const char c : local) {
    if (c != '.' && !is_atext(c)) {
      reject(email, std::string("the part before the @ contains '") + c +
                        "' (no <, >, quotes, brackets, commas, colons or backslashes)");
    }
  }
  if (const std::string problem = domain_problem(domain); !problem.empty()) {
    reject(email, problem);
  }
}

std::string email_domain(std::string_view email) {
  validate_address(email);
  std::string domain(email.substr(email.find('@') + 1));
  std::transform(domain.begin(), domain.end(), domain.begin(), lower);
  return domain;
}

bool domain_allowed(std::string_view email, std::span<const std::string> allowed) {
  if (allowed.empty()) return true;
  const std::string domain = email_domain(email);
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& entry) {
    std::string wanted = entry;
    std::transform(wanted.begin(), wanted.end(), wanted.begin(), lower);
    if (!wanted.empty() && wanted.front() == '.') wanted.erase(0, 1);
    if (wanted.empty()) return false;
    if (domain == wanted) return true;
    return domain.size() > wanted.size() &&
           domain.compare(domain.size() - wanted.size(), wanted.size(), wanted) == 0 &&
           domain[domain.size() - wanted.size() - 1] == '.';
  });
}

void validate_message(const Message& message) {
  validate_address(message.from.email);
  if (message.to.empty()) {
    throw MailError("missing_recipient", "To", "a message needs at least one To address");
  }
  for (const Address& address : message.to) validate_address(address.email);
  for (const Address& address : message.cc) validate_address(address.email);
  if (message.reply_to) validate_address(message.reply_to->email);
  if (!message.message_id.empty()) validate_message_id(message.message_id);
  for (const auto& [name, value] : message.extra_headers) validate_header_name(name);
  for (const Attachment& attachment : message.attachments) {
    if (attachment.file.empty()) {
      throw MailError("attachment_unreadable", attachment.filename, "an attachment names no file");
    }
    validate_content_type(attachment.content_type);
  }
  if (message.calendar) validate_calendar(*message.calendar);
}

}  // namespace panelpack::mailer
