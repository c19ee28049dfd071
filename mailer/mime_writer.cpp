#include "mailer/mime_writer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "mailer/mail_error.hpp"
#include "text/base64.hpp"
#include "text/iso_date.hpp"
#include "text/utf8.hpp"

namespace panelpack::mailer {
namespace {

constexpr std::size_t kFoldColumn = 78;        // RFC 5322 2.1.1: lines SHOULD stay within 78
constexpr std::size_t kMaxEncodedWord = 75;    // RFC 2047 2
constexpr std::size_t kEncodedWordFrame = 12;  // "=?UTF-8?B?" + "?="
constexpr std::size_t kQuotedPrintableColumns = 76;
constexpr std::size_t kLongestRawWord = 900;  // longer words are encoded so they can be split
constexpr std::size_t kLongestQuotedName = 70;
constexpr std::size_t kLongestPlainFilename = 60;
constexpr std::size_t kBase64LineBytes = 57;  // 76 base64 characters
constexpr std::string_view kCrlf = "\r\n";
constexpr char kHexDigits[] = "0123456789ABCDEF";

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// A header value made safe: valid UTF-8, and every control character (C0, DEL, C1, and the
// Unicode line and paragraph separators) a space, so no value can end its header line.
std::string header_text(std::string_view raw) {
  const std::string text = text::replace_invalid_utf8(raw);
  std::string safe;
  safe.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = text::decode_utf8(text, at).length;
    const std::string_view sequence(text.data() + at, length);
    const auto lead = static_cast<unsigned char>(sequence[0]);
    const bool c0_or_del = length == 1 && (lead < 0x20 || lead == 0x7f);
    const bool c1 = length == 2 && lead == 0xc2 && static_cast<unsigned char>(sequence[1]) < 0xa0;
    const bool separator = sequence == "\xE2\x80\xA8" || sequence == "\xE2\x80\xA9";
    if (c0_or_del || c1 || separator) {
      safe += ' ';
    } else {
      safe += sequence;
    }
    at += length;
  }
  return std::string(trim_spaces(safe));
}

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// One header field being built, folded before a word whenever the line would pass 78 columns.
// A word longer than a line stays whole (callers keep words under 998 octets).
class HeaderField {
 public:
  explicit HeaderField(std::string_view name) : text_(name) {
    text_ += ':';
    column_ = text_.size();
  }
  // Columns left on the current line for a word after one separating space.
  std::size_t room() const { return column_ + 1 >= kFoldColumn ? 0 : kFoldColumn - column_ - 1; }
  // `separator` is the run of spaces the word had before it; folding keeps it after the CRLF,
  // so unfolding gives back the same text.
  void add_word(std::string_view word, std::string_view separator = " ") {
    if (words_on_line_ > 0 && column_ + separator.size() + word.size() > kFoldColumn) {
      text_ += kCrlf;
      column_ = 0;
      words_on_line_ = 0;
    }
    text_ += separator;
    text_ += word;
    column_ += separator.size() + word.size();
    ++words_on_line_;
  }
  std::string finish() && {
    text_ += kCrlf;
    return std::move(text_);
  }

 private:
  std::string text_;
  std::size_t column_ = 0;
  int words_on_line_ = 0;
};

// Appends `utf8` as RFC 2047 B encoded-words, each at most 75 characters and sized to the room
// on its line, never splitting a UTF-8 sequence between two words.
void add_encoded_words(HeaderField& field, std::string_view utf8) {
  std::size_t at = 0;
  while (at < utf8.size()) {
    std::size_t budget = field.room();
    // Too little room for even a 4-byte character: this word starts a new line.
    if (budget < kEncodedWordFrame + 8) budget = kFoldColumn - 1;
    budget = std::min(budget, kMaxEncodedWord);
    const std::size_t max_bytes = (budget - kEncodedWordFrame) / 4 * 3;
    std::size_t cut = std::min(at + max_bytes, utf8.size());
    while (cut < utf8.size() && cut > at && text::is_utf8_continuation(utf8[cut])) --cut;
    field.add_word("=?UTF-8?B?" + text::base64(utf8.substr(at, cut - at)) + "?=");
    at = cut;
  }
}

// Unstructured text (Subject, extra header values): plain words when it is printable ASCII,
// encoded-words when it holds anything else, "=?" (which readers would decode) or a word too
// long to fold.
void add_unstructured(HeaderField& field, std::string_view raw) {
  const std::string text = header_text(raw);
  bool encode = !is_printable_ascii(text) || text.find("=?") != std::string::npos;
  std::vector<std::pair<std::string_view, std::string_view>> words;  // separator, word
  const std::string_view view(text);
  for (std::size_t at = 0; !encode && at < view.size();) {
    const std::size_t word_start = view.find_first_not_of(' ', at);
    const std::size_t word_end = std::min(view.find(' ', word_start), view.size());
    if (word_end - word_start > kLongestRawWord) encode = true;
    words.emplace_back(at == 0 ? std::string_view(" ") : view.substr(at, word_start - at),
                       view.substr(word_start, word_end - word_start));
    at = word_end;
  }
  if (encode) {
    add_encoded_words(field, text);
    return;
  }
  for (const auto& [separator, word] : words) field.add_word(word, separator);
}

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_atom(std::string_view word) {
  return !word.empty() && word.find("=?") == std::string_view::npos &&
         std::all_of(word.begin(), word.end(), is_atext);
}

// A display name with runs of spaces made one space (they carry no meaning in a phrase).
std::string display_name(std::string_view raw) {
  const std::string text = header_text(raw);
  std::string name;
  for (const char c : text) {
    if (c == ' ' && !name.empty() && name.back() == ' ') continue;
    name += c;
  }
  return name;
}

// A phrase that is not all ASCII: words that are atoms stay plain, each run of other words is
// encoded together, spaces inside. Whitespace between two encoded-words is dropped by RFC 2047
// readers but read as a space by Python's email package (3.11), so runs never meet: only a run
// too long for one encoded-word is split, at a character boundary.
void add_phrase(HeaderField& field, std::string_view name) {
  std::string run;
  const auto flush = [&] {
    if (!run.empty()) add_encoded_words(field, run);
    run.clear();
  };
  std::size_t at = 0;
  while (at < name.size()) {
    const std::size_t end = std::min(name.find(' ', at), name.size());
    const std::string_view word = name.substr(at, end - at);
    if (is_atom(word)) {
      flush();
      field.add_word(word);
    } else {
      if (!run.empty()) run += ' ';
      run += word;
    }
    at = end + 1;
  }
  flush();
}

// "Name <email>" with the display name as atoms, a quoted-string with \ and " escaped, or
// encoded-words (never inside quotes) when it is not ASCII or too long to quote.
void add_address(HeaderField& field, const Address& address, bool last) {
  const std::string name = display_name(address.name);
  const std::string mailbox = "<" + address.email + ">" + (last ? "" : ",");
  if (name.empty()) {
    field.add_word(address.email + (last ? "" : ","));
    return;
  }
  const bool ascii = is_printable_ascii(name) && name.find("=?") == std::string::npos;
  const bool atoms =
      std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || is_atext(c); });
  if (ascii && !atoms && name.size() <= kLongestQuotedName) {
    std::string quoted = "\"";
    for (const char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    field.add_word(quoted);
  } else {
    add_phrase(field, name);
  }
  field.add_word(mailbox);
}

std::string address_list(std::string_view name, const std::vector<Address>& addresses) {
  HeaderField field(name);
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    add_address(field, addresses[i], i + 1 == addresses.size());
  }
  return std::move(field).finish();
}

std::string unstructured_header(std::string_view name, std::string_view value) {
  HeaderField field(name);
  add_unstructured(field, value);
  return std::move(field).finish();
}

// RFC 5322 3.3 date-time in UTC: "Tue, 15 Dec 2026 09:00:00 +0000".
std::string format_date(std::chrono::system_clock::time_point date) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(date);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  char text[40];
  const std::string_view month = text::month_abbreviation(static_cast<unsigned>(utc.tm_mon) + 1);
  std::snprintf(text, sizeof text, "%s, %02d %.*s %04d %02d:%02d:%02d +0000",
                kDays[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                static_cast<int>(month.size()), month.data(), utc.tm_year + 1900, utc.tm_hour,
                utc.tm_min, utc.tm_sec);
  return text;
}

// Body text as valid UTF-8 with every line end (CR, LF or CRLF) made CRLF.
std::string normalise_body(std::string_view raw) {
  const std::string text = text::replace_invalid_utf8(raw);
  std::string normal;
  normal.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      normal += kCrlf;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      normal += kCrlf;
    } else {
      normal += c;
    }
  }
  return normal;
}

// RFC 2045 6.7 quoted-printable of CRLF text: lines of at most 76 characters with soft breaks;
// '=' and bytes outside printable ASCII as =XX; a space or tab before a line end, and a dot that
// starts a line, encoded too.
std::string quoted_printable(std::string_view text) {
  std::string encoded;
  encoded.reserve(text.size() + text.size() / 8);
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t line_end = text.find(kCrlf, line_start);
    const bool last_line = line_end == std::string_view::npos;
    if (last_line) line_end = text.size();
    std::size_t column = 0;
    for (std::size_t i = line_start; i < line_end; ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      const bool ends_line = i + 1 == line_end;
      const auto token_for = [&](std::size_t at_column) {
        const bool literal = ((byte >= 33 && byte <= 126 && byte != '=') ||
                              ((byte == ' ' || byte == '\t') && !ends_line)) &&
                             !(byte == '.' && at_column == 0);
        if (literal) return std::string(1, static_cast<char>(byte));
        return std::string{'=', kHexDigits[byte >> 4], kHexDigits[byte & 0xf]};
      };
      std::string token = token_for(column);
      if (column + token.size() > kQuotedPrintableColumns - 1) {
        encoded += "=\r\n";
        column = 0;
        token = token_for(column);
      }
      encoded += token;
      column += token.size();
    }
    if (last_line) break;
    encoded += kCrlf;
    line_start = line_end + kCrlf.size();
  }
  return encoded;
}

std::string random_hex(std::size_t digits) {
  std::random_device random;
  std::string text;
  while (text.size() < digits) {
    std::uint32_t word = random();
    for (int i = 0; i < 8 && text.size() < digits; ++i, word >>= 4) {
      text += kHexDigits[word & 0xf];
    }
  }
  return text;
}

// "=_" cannot occur in quoted-printable (= is followed by hex or CRLF) nor in base64 (= only
// pads the end of a line), so these boundaries cannot clash with encoded content; callers
// still check the bodies they hold.
std::string make_boundary(std::string_view must_not_occur_in_a,
                          std::string_view must_not_occur_in_b) {
  for (;;) {
    std::string boundary = "=_panelpack_" + random_hex(32);
    if (must_not_occur_in_a.find(boundary) == std::string_view::npos &&
        must_not_occur_in_b.find(boundary) == std::string_view::npos) {
      return boundary;
    }
  }
}

// "Content-Type: multipart/SUBTYPE; boundary=..." folded so it stays within 78 columns.
std::string multipart_header(std::string_view subtype, const std::string& boundary) {
  HeaderField field("Content-Type");
  field.add_word("multipart/" + std::string(subtype) + ";");
  field.add_word("boundary=\"" + boundary + "\"");
  return std::move(field).finish();
}

std::string text_part_headers(std::string_view subtype) {
  return "Content-Type: text/" + std::string(subtype) +
         "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
}

// The name a recipient sees: the last path component only, safe as header text.
std::string attachment_name(const Attachment& attachment) {
  std::string name = header_text(attachment.filename.empty() ? attachment.file.filename().string()
                                                             : attachment.filename);
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  name = std::string(trim_spaces(name));
  return name.empty() ? "attachment" : name;
}

bool is_plain_filename(std::string_view name) {
  return name.size() <= kLongestPlainFilename && is_printable_ascii(name) &&
         name.find_first_of("\"\\") == std::string_view::npos &&
         name.find("=?") == std::string_view::npos;
}

// An ASCII stand-in for readers without RFC 2231: each non-ASCII character (and " or \) becomes
// '_', shortened with its extension kept.
std::string ascii_fallback(std::string_view name) {
  std::string fallback;
  for (std::size_t at = 0; at < name.size();) {
    const std::size_t length = std::max<std::size_t>(text::decode_utf8(name, at).length, 1);
    const char c = name[at];
    fallback += (length == 1 && c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') ? c : '_';
    at += length;
  }
  if (fallback.size() > kLongestPlainFilename) {
    const std::size_t dot = fallback.rfind('.');
    const std::string extension =
        (dot != std::string::npos && fallback.size() - dot <= 10) ? fallback.substr(dot) : "";
    fallback = fallback.substr(0, kLongestPlainFilename - extension.size()) + extension;
  }
  return fallback;
}

// RFC 2231 value characters: attr-char; everything else is %XX.
std::string percent_encode(std::string_view utf8) {
  std::string encoded;
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    const bool attr_char = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                           (byte >= '0' && byte <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    if (attr_char) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHexDigits[byte >> 4];
      encoded += kHexDigits[byte & 0xf];
    }
  }
  return encoded;
}

// Content-Disposition with the name as RFC 2231 filename*= (split into filename*0*=, *1*...
// when long) followed by an ASCII filename="..." fallback. filename* comes first because
// Python's email package (and some other readers) take the first of the two.
std::string content_disposition(std::string_view name) {
  HeaderField field("Content-Disposition");
  if (is_plain_filename(name)) {
    field.add_word("attachment;");
    field.add_word("filename=\"" + std::string(name) + "\"");
    return std::move(field).finish();
  }
  field.add_word("attachment;");
  const std::string encoded = percent_encode(name);
  // Each parameter on a line of its own: " " + prefix + value + ";" within 78 columns.
  const auto room_after = [](const std::string& prefix) { return kFoldColumn - 2 - prefix.size(); };
  const std::string single = "filename*=UTF-8''";
  if (encoded.size() <= room_after(single)) {
    field.add_word(single + encoded + ";");
  } else {
    std::size_t at = 0;
    for (int index = 0; at < encoded.size(); ++index) {
      const std::string prefix =
          "filename*" + std::to_string(index) + "*=" + (index == 0 ? "UTF-8''" : "");
      std::size_t cut = std::min(at + room_after(prefix), encoded.size());
      // Never split a %XX triplet.
      if (cut < encoded.size()) {
        if (encoded[cut - 1] == '%') {
          cut -= 1;
        } else if (encoded[cut - 2] == '%') {
          cut -= 2;
        }
      }
      field.add_word(prefix + encoded.substr(at, cut - at) + ";");
      at = cut;
    }
  }
  field.add_word("filename=\"" + ascii_fallback(name) + "\"");
  return std::move(field).finish();
}

void check_stream(std::ostream& out) {
  if (!out) throw MailError("write_failed", "", "the message could not be written out");
}

// Streams the file as base64 in 76-column lines, reading a few dozen kilobytes at a time.
void write_base64_file(std::ostream& out, const Attachment& attachment) {
  std::ifstream file(attachment.file, std::ios::binary);
  if (!file) {
    throw MailError("attachment_unreadable", attachment.file.string(),
                    "cannot open the attachment");
  }
  constexpr std::size_t kChunk = kBase64LineBytes * 1024;
  std::string chunk(kChunk, '\0');
  std::string lines;
  for (;;) {
    file.read(chunk.data(), static_cast<std::streamsize>(kChunk));
    const auto got = static_cast<std::size_t>(file.gcount());
    if (file.bad()) {
      throw MailError("attachment_unreadable", attachment.file.string(),
                      "reading the attachment failed");
    }
    lines.clear();
    for (std::size_t at = 0; at < got; at += kBase64LineBytes) {
      lines +=
          text::base64(std::string_view(chunk).substr(at, std::min(kBase64LineBytes, got - at)));
      lines += kCrlf;
    }
    out.write(lines.data(), static_cast<std::streamsize>(lines.size()));
    check_stream(out);
    if (got < kChunk) break;
  }
}

struct EncodedBodies {
  std::string text;
  std::string html;
  std::string calendar;  // base64 in 76-column lines, so its CRLF line ends arrive unchanged
};

// A MIME part: its header lines (each ending CRLF) and its encoded body.
struct Part {
  std::string headers;
  std::string_view body;
};

// RFC 6047 2.4: the method parameter says what the iCalendar object's METHOD says.
std::string calendar_part_headers(const CalendarPart& calendar) {
  return "Content-Type: text/calendar; charset=UTF-8; method=" + calendar.method +
         "\r\nContent-Transfer-Encoding: base64\r\n";
}

std::string base64_lines(std::string_view bytes) {
  std::string lines;
  for (std::size_t at = 0; at < bytes.size(); at += kBase64LineBytes) {
    lines += text::base64(bytes.substr(at, std::min(kBase64LineBytes, bytes.size() - at)));
    lines += kCrlf;
  }
  return lines;
}

// The body: the text, the HTML and the invitation there are, as multipart/alternative when
// more than one (plainest first, as RFC 2046 5.1.4 and Outlook expect), else the one part.
void write_body(std::ostream& out, const Message& message, const EncodedBodies& bodies) {
  const bool has_html = !message.html.empty();
  const bool has_text = !message.text.empty() || !has_html;
  std::vector<Part> parts;
  if (has_text) parts.push_back({text_part_headers("plain"), bodies.text});
  if (has_html) parts.push_back({text_part_headers("html"), bodies.html});
  if (message.calendar)
    parts.push_back({calendar_part_headers(*message.calendar), bodies.calendar});
  if (parts.size() == 1) {
    out << parts.front().headers << kCrlf << parts.front().body << kCrlf;
    check_stream(out);
    return;
  }
  const std::string boundary = make_boundary(bodies.text, bodies.html);
  out << multipart_header("alternative", boundary) << kCrlf;
  for (const Part& part : parts) {
    out << "--" << boundary << kCrlf << part.headers << kCrlf << part.body << kCrlf;
  }
  out << "--" << boundary << "--" << kCrlf;
  check_stream(out);
}

// The invitation again as a file, invite.ics: Thunderbird and Apple Mail offer that one when
// they do not read the text/calendar alternative.
void write_invite_file(std::ostream& out, const std::string& calendar_base64) {
  out << "Content-Type: application/ics; name=\"invite.ics\"\r\n"
      << "Content-Transfer-Encoding: base64\r\n"
      << content_disposition("invite.ics") << kCrlf << calendar_base64;
  check_stream(out);
}

}  // namespace

void write_mime(std::ostream& out, const Message& message,
                std::chrono::system_clock::time_point date) {
  validate_message(message);
  const std::string message_id = message.message_id.empty()
                                     ? make_message_id(email_domain(message.from.email))
                                     : message.message_id;

  std::string headers = "Date: " + format_date(date) + "\r\n";
  headers += address_list("From", {message.from});
  if (message.reply_to) headers += address_list("Reply-To", {*message.reply_to});
  headers += address_list("To", message.to);
  if (!message.cc.empty()) headers += address_list("Cc", message.cc);
  headers += "Message-ID: " + message_id + "\r\n";
  if (!message.subject.empty()) headers += unstructured_header("Subject", message.subject);
  for (const auto& [name, value] : message.extra_headers) {
    headers += unstructured_header(name, value);
  }
  headers += "MIME-Version: 1.0\r\n";

  const EncodedBodies bodies{
      quoted_printable(normalise_body(message.text)),
      quoted_printable(normalise_body(message.html)),
      message.calendar ? base64_lines(message.calendar->text) : std::string()};
  out << headers;
  if (message.attachments.empty() && !message.calendar) {
    write_body(out, message, bodies);
    return;
  }

  const std::string boundary = make_boundary(bodies.text, bodies.html);
  out << multipart_header("mixed", boundary) << kCrlf << "--" << boundary << kCrlf;
  write_body(out, message, bodies);
  for (const Attachment& attachment : message.attachments) {
    const std::string name = attachment_name(attachment);
    const std::string type =
        attachment.content_type.empty() ? "application/octet-stream" : attachment.content_type;
    out << kCrlf << "--" << boundary << kCrlf;
    HeaderField content_type("Content-Type");
    content_type.add_word(type + ";");
    content_type.add_word("name=\"" + ascii_fallback(name) + "\"");
    out << std::move(content_type).finish() << "Content-Transfer-Encoding: base64\r\n"
        << content_disposition(name) << kCrlf;
    check_stream(out);
    write_base64_file(out, attachment);
  }
  if (message.calendar) {
    out << kCrlf << "--" << boundary << kCrlf;
    write_invite_file(out, bodies.calendar);
  }
  out << kCrlf << "--" << boundary << "--" << kCrlf;
  check_stream(out);
}

}  // namespace panelpack::mailer
