#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mailer/icalendar.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/mime_writer.hpp"
#include "support/temporary_folder.hpp"

namespace fs = std::filesystem;
namespace mailer = panelpack::mailer;

namespace {

// Monday 15 December 2025, 09:00:00 UTC.
const auto kDate = std::chrono::system_clock::time_point(std::chrono::seconds(1765789200));

std::string mime(const mailer::Message& message) {
  std::ostringstream out;
  mailer::write_mime(out, message, kDate);
  return out.str();
}

mailer::Message sample() {
  mailer::Message message;
  message.from = {"Panel Office", "panel@example.org"};
  message.to = {{"Jo Bloggs", "jo@example.org"}};
  message.subject = "Reminder";
  message.text = "Hello\nthere";
  message.message_id = "<1.2@example.org>";
  return message;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string header_block(const std::string& text) {
  return text.substr(0, text.find("\r\n\r\n") + 2);
}

// The names of the header fields in a header block (lines not starting with white space).
std::vector<std::string> field_names(const std::string& headers) {
  std::vector<std::string> names;
  for (const std::string& line : lines_of(headers)) {
    if (line.empty() || line[0] == ' ' || line[0] == '\t') continue;
    names.push_back(line.substr(0, line.find(':')));
  }
  return names;
}

// Unfolded value of the first header called `name`.
std::string header_value(const std::string& headers, const std::string& name) {
  std::string value;
  bool inside = false;
  for (const std::string& line : lines_of(headers)) {
    if (inside && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line;
      continue;
    }
    if (inside) break;
    if (line.rfind(name + ":", 0) == 0) {
      inside = true;
      value = line.substr(name.size() + 1);
    }
  }
  return value;
}

std::string base64_decode(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const std::size_t index = kAlphabet.find(c);
    if (index == std::string::npos) continue;
    bits = (bits << 6) | static_cast<std::uint32_t>(index);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return bytes;
}

std::string quoted_printable_decode(const std::string& text) {
  std::string bytes;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (text[i] == '=' && i + 2 < text.size()) {
      bytes += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      bytes += text[i];
    }
  }
  return bytes;
}

// The encoded-words of a header value, decoded and joined; each must be at most 75 characters
// and hold whole UTF-8 sequences.
std::string decode_words(const std::string& value, bool* all_short_and_whole) {
  static const std::regex word(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  std::string decoded;
  *all_short_and_whole = true;
  for (auto it = std::sregex_iterator(value.begin(), value.end(), word);
       it != std::sregex_iterator(); ++it) {
    const std::string chunk = base64_decode((*it)[1].str());
    if (it->length() > 75) *all_short_and_whole = false;
    if (!chunk.empty() && (static_cast<unsigned char>(chunk[0]) & 0xc0) == 0x80) {
      *all_short_and_whole = false;
    }
    const auto last = static_cast<unsigned char>(chunk.back());
    const std::size_t tail_start = chunk.find_last_not_of(
        std::string("\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
                    "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
                    "\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"
                    "\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf"));
    const auto lead = static_cast<unsigned char>(chunk[tail_start]);
    const std::size_t expected = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (last >= 0x80 && chunk.size() - tail_start != expected) *all_short_and_whole = false;
    decoded += chunk;
  }
  return decoded;
}

// The filename*= value of a Content-Disposition, its RFC 2231 continuations joined.
std::string rfc2231_filename(const std::string& disposition) {
  static const std::regex parameter(R"(filename\*(?:[0-9]+\*)?=([^;\s]*);)");
  std::string joined;
  for (auto it = std::sregex_iterator(disposition.begin(), disposition.end(), parameter);
       it != std::sregex_iterator(); ++it) {
    joined += (*it)[1].str();
  }
  return joined;
}

// Every line ends in CRLF (no bare CR or LF) and none is over 998 octets.
void expect_wire_clean(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
    if (text[i] == '\r') {
      ASSERT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  ASSERT_GE(text.size(), 2U);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  for (const std::string& line : lines_of(text)) EXPECT_LE(line.size(), 998U);
}

using panelpack::testing::TemporaryFolder;

fs::path write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST(MimeWriter, TextOnlyIsOneQuotedPrintablePartWithTheHeadersSet) {
  const std::string text = mime(sample());
  expect_wire_clean(text);
  const std::string headers = header_block(text);
  EXPECT_EQ(header_value(headers, "Date"), " Mon, 15 Dec 2025 09:00:00 +0000");
  EXPECT_EQ(header_value(headers, "From"), " Panel Office <panel@example.org>");
  EXPECT_EQ(header_value(headers, "To"), " Jo Bloggs <jo@example.org>");
  EXPECT_EQ(header_value(headers, "Message-ID"), " <1.2@example.org>");
  EXPECT_EQ(header_value(headers, "MIME-Version"), " 1.0");
  EXPECT_EQ(header_value(headers, "Content-Type"), " text/plain; charset=UTF-8");
  EXPECT_EQ(header_value(headers, "Content-Transfer-Encoding"), " quoted-printable");
  EXPECT_EQ(text.substr(text.find("\r\n\r\n") + 4), "Hello\r\nthere\r\n");
}

TEST(MimeWriter, MakesAMessageIdFromTheSendersDomainWhenNoneIsGiven) {
  mailer::Message message = sample();
  message.message_id.clear();
  const std::string value = header_value(header_block(mime(message)), "Message-ID");
  EXPECT_TRUE(std::regex_match(value, std::regex(R"( <[0-9a-f.]+@example\.org>)"))) << value;
}

TEST(MimeWriter, LineBreaksInAnyHeaderValueAddNoHeader) {
  mailer::Message message = sample();
  for (const std::string& trick :
       {std::string("\r\nBcc: evil@evil.org"), std::string("\nBcc: evil@evil.org"),
        std::string("\rBcc: evil@evil.org"), std::string("\r\n\r\nbody injection"),
        std::string("\xE2\x80\xA8"
                    "Bcc: evil@evil.org")}) {
    message.subject = "Reminder" + trick;
    message.from.name = "Panel" + trick;
    message.to = {{"Jo" + trick, "jo@example.org"}};
    message.cc = {{"Sam" + trick, "sam@example.org"}};
    message.reply_to = mailer::Address{"Office" + trick, "office@example.org"};
    message.extra_headers = {{"X-Panel-Key", "abc" + trick}};
    const std::string text = mime(message);
    expect_wire_clean(text);
    const std::vector<std::string> names = field_names(header_block(text));
    const std::vector<std::string> expected = {"Date",
                                               "From",
                                               "Reply-To",
                                               "To",
                                               "Cc",
                                               "Message-ID",
                                               "Subject",
                                               "X-Panel-Key",
                                               "MIME-Version",
                                               "Content-Type",
                                               "Content-Transfer-Encoding"};
    EXPECT_EQ(names, expected);
    EXPECT_EQ(text.find("\r\nBcc"), std::string::npos);
  }
}

TEST(MimeWriter, NonAsciiSubjectAndNamesAreEncodedWordsThatNeverSplitACharacter) {
  mailer::Message message = sample();
  // Mixed 2-, 3- and 4-byte characters, long enough to need several encoded-words.
  std::string subject = "OFFICIAL-SENSITIVE: r\xC3\xA9union \xE2\x80\x94 ";
  for (int i = 0; i < 20; ++i) subject += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\x8E ";
  subject += "end";
  message.subject = subject;
  message.from.name = "Bureau des \xC3\xA9tudes (Z\xC3\xBCrich) \xE2\x80\x9Cquoted\xE2\x80\x9D";
  message.to = {{"J\xC3\xB3 O'Brien-\xC5\x81ukasz", "jo@example.org"},
                {"Plain Person", "plain@example.org"}};
  const std::string text = mime(message);
  expect_wire_clean(text);
  const std::string headers = header_block(text);
  for (const std::string& line : lines_of(headers)) EXPECT_LE(line.size(), 78U) << line;

  bool clean = false;
  EXPECT_EQ(decode_words(header_value(headers, "Subject"), &clean), subject);
  EXPECT_TRUE(clean);
  // Plain words stay atoms; the run of words that need encoding is one encoded-word.
  const std::string from = header_value(headers, "From");
  EXPECT_EQ(from.rfind(" Bureau des =?UTF-8?B?", 0), 0U) << from;
  EXPECT_EQ(decode_words(from, &clean),
            "\xC3\xA9tudes (Z\xC3\xBCrich) \xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_TRUE(clean);
  const std::string to = header_value(headers, "To");
  EXPECT_NE(to.find("<jo@example.org>,"), std::string::npos);
  EXPECT_NE(to.find("Plain Person <plain@example.org>"), std::string::npos);
}

TEST(MimeWriter, DisplayNamesWithSpecialsAreQuotedAndEscaped) {
  mailer::Message message = sample();
  message.to = {{"Bloggs, Jo \"JB\" \\ Team", "jo@example.org"}};
  const std::string to = header_value(header_block(mime(message)), "To");
  EXPECT_EQ(to, " \"Bloggs, Jo \\\"JB\\\" \\\\ Team\" <jo@example.org>");
}

TEST(MimeWriter, ARawEncodedWordInASubjectIsEncodedNotPassedThrough) {
  mailer::Message message = sample();
  message.subject = "=?UTF-8?B?QmNjOiBldmls?=";
  bool clean = false;
  EXPECT_EQ(decode_words(header_value(header_block(mime(message)), "Subject"), &clean),
            message.subject);
}

TEST(MimeWriter, LongAsciiSubjectFoldsAtSpacesAndUnfoldsToTheSameText) {
  mailer::Message message = sample();
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "word" + std::to_string(i) + (i % 7 == 0 ? "  " : " ");
  subject += "last";
  message.subject = subject;
  const std::string headers = header_block(mime(message));
  for (const std::string& line : lines_of(headers)) EXPECT_LE(line.size(), 78U) << line;
  EXPECT_EQ(header_value(headers, "Subject"), " " + subject);
}

TEST(MimeWriter, TextAndHtmlAreAnAlternativeAndBodiesAreNormalisedToCrlf) {
  mailer::Message message = sample();
  message.text = "line one\nline two\rline three\r\n.\n.starts with a dot\ntrailing space \n" +
                 std::string(300, 'x') + "\n=equals\xC3\xA9";
  message.html = "<p>Hello</p>\n<p>caf\xC3\xA9</p>";
  const std::string text = mime(message);
  expect_wire_clean(text);
  for (const std::string& line : lines_of(text.substr(text.find("\r\n\r\n")))) {
    EXPECT_LE(line.size(), 76U) << line;
  }
  const std::smatch boundary = [&] {
    std::smatch match;
    std::regex_search(text, match, std::regex("multipart/alternative;\\s+boundary=\"([^\"]+)\""));
    return match;
  }();
  ASSERT_FALSE(boundary.empty());
  const std::string delimiter = "--" + boundary[1].str();
  const std::size_t first = text.find(delimiter + "\r\n");
  const std::size_t second = text.find(delimiter + "\r\n", first + 1);
  const std::size_t closing = text.find(delimiter + "--\r\n");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  ASSERT_NE(closing, std::string::npos);
  const std::string plain_part = text.substr(first, second - first);
  const std::string html_part = text.substr(second, closing - second);
  EXPECT_NE(plain_part.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(html_part.find("Content-Type: text/html; charset=UTF-8"), std::string::npos);
  const std::string plain_body = plain_part.substr(plain_part.find("\r\n\r\n") + 4);
  EXPECT_EQ(quoted_printable_decode(plain_body.substr(0, plain_body.size() - 2)),
            "line one\r\nline two\r\nline three\r\n.\r\n.starts with a dot\r\ntrailing space "
            "\r\n" +
                std::string(300, 'x') + "\r\n=equals\xC3\xA9");
  // No encoded line starts with a dot (nothing for the SMTP layer to stuff) or ends in a space.
  for (const std::string& line : lines_of(plain_body)) {
    EXPECT_TRUE(line.empty() || (line[0] != '.' && line.back() != ' ')) << line;
  }
}

TEST(MimeWriter, InvalidUtf8BecomesReplacementCharacters) {
  mailer::Message message = sample();
  message.subject = "bad \xC3 byte \xFF";
  bool clean = false;
  EXPECT_EQ(decode_words(header_value(header_block(mime(message)), "Subject"), &clean),
            "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
}

TEST(MimeWriter, AttachmentsMakeMultipartMixedWithBase64AndBothFilenames) {
  TemporaryFolder folder;
  std::string bytes;
  std::mt19937 random(7);
  for (int i = 0; i < 3 * 57 * 1024 + 11; ++i) bytes += static_cast<char>(random() & 0xff);
  const fs::path pdf = write_file(folder.path() / "pack.pdf", bytes);
  const fs::path notes = write_file(folder.path() / "notes.txt", "plain notes");

  mailer::Message message = sample();
  message.html = "<p>Hi</p>";
  message.attachments = {
      {pdf, "R\xC3\xA9sum\xC3\xA9 d\xE2\x80\x99\xC3\xA9t\xC3\xA9 \xE2\x80\x94 LCS900102.pdf",
       "application/pdf"},
      {notes, "", ""}};
  const std::string text = mime(message);
  expect_wire_clean(text);
  const std::string headers = header_block(text);
  EXPECT_NE(header_value(headers, "Content-Type").find("multipart/mixed; boundary=\"=_"),
            std::string::npos);
  EXPECT_NE(text.find("Content-Type: multipart/alternative"), std::string::npos);

  const std::size_t pdf_part = text.find("Content-Type: application/pdf;");
  ASSERT_NE(pdf_part, std::string::npos);
  const std::string pdf_headers = header_block(text.substr(pdf_part));
  const std::string disposition = header_value(pdf_headers, "Content-Disposition");
  EXPECT_NE(disposition.find("attachment;"), std::string::npos);
  EXPECT_EQ(rfc2231_filename(disposition),
            "UTF-8''R%C3%A9sum%C3%A9%20d%E2%80%99%C3%A9t%C3%A9%20%E2%80%94%20LCS900102.pdf")
      << disposition;
  EXPECT_NE(disposition.find("filename=\"R_sum_ d__t_ _ LCS900102.pdf\""), std::string::npos)
      << disposition;

  const std::size_t body_start = pdf_part + pdf_headers.size() + 2;
  const std::string base64_body =
      text.substr(body_start, text.find("\r\n--", body_start) - body_start);
  const std::vector<std::string> lines = lines_of(base64_body);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_EQ(lines[i].size(), 76U);
  EXPECT_EQ(base64_decode(base64_body), bytes);

  const std::size_t notes_part = text.find("Content-Type: application/octet-stream;");
  ASSERT_NE(notes_part, std::string::npos);
  EXPECT_EQ(header_value(header_block(text.substr(notes_part)), "Content-Disposition"),
            " attachment; filename=\"notes.txt\"");
}

TEST(MimeWriter, AVeryLongAttachmentNameIsSplitIntoRfc2231Continuations) {
  TemporaryFolder folder;
  const fs::path file = write_file(folder.path() / "a.pdf", "x");
  std::string name;
  for (int i = 0; i < 30; ++i) name += "\xC3\xA9t\xC3\xA9 ";
  name += ".pdf";
  mailer::Message message = sample();
  message.attachments = {{file, name, "application/pdf"}};
  const std::string text = mime(message);
  expect_wire_clean(text);
  const std::string part = header_block(text.substr(text.find("Content-Type: application/pdf")));
  for (const std::string& line : lines_of(part)) EXPECT_LE(line.size(), 78U) << line;
  EXPECT_NE(part.find("filename*0*=UTF-8''"), std::string::npos);
  EXPECT_NE(part.find("filename*1*="), std::string::npos);
  std::string expected = "UTF-8''";
  for (int i = 0; i < 30; ++i) expected += "%C3%A9t%C3%A9%20";
  expected += ".pdf";
  EXPECT_EQ(rfc2231_filename(header_value(part, "Content-Disposition")), expected);
  // No continuation splits a %XX escape.
  EXPECT_EQ(std::regex_search(part, std::regex("%[0-9A-F]?;")), false);
}

TEST(MimeWriter, BoundariesNeverOccurInTheEncodedBodies) {
  mailer::Message message = sample();
  message.text = "--=_panelpack_0123456789abcdef0123456789abcdef\n--";
  message.html = "<pre>--=_panelpack_</pre>";
  const std::string text = mime(message);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(text, match, std::regex("boundary=\"([^\"]+)\"")));
  const std::string boundary = match[1].str();
  std::size_t count = 0;
  for (std::size_t at = text.find(boundary); at != std::string::npos;
       at = text.find(boundary, at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 4U);  // the parameter, two delimiters and the closing one
}

TEST(MimeWriter, AMissingAttachmentIsReportedByFile) {
  mailer::Message message = sample();
  message.attachments = {{"/nonexistent/pack.pdf", "pack.pdf", "application/pdf"}};
  std::ostringstream out;
  try {
    mailer::write_mime(out, message, kDate);
    FAIL() << "no error";
  } catch (const mailer::MailError& error) {
    EXPECT_EQ(error.code(), "attachment_unreadable");
    EXPECT_EQ(error.where(), "/nonexistent/pack.pdf");
  }
}

TEST(MimeWriter, RefusesAnInvalidAddressBeforeWritingAnything) {
  mailer::Message message = sample();
  message.to = {{"Jo", "jo@example.org\r\nBcc: evil@evil.org"}};
  std::ostringstream out;
  EXPECT_THROW(mailer::write_mime(out, message, kDate), mailer::MailError);
  EXPECT_TRUE(out.str().empty());
}

namespace {

mailer::CalendarPart invitation(mailer::CalendarEvent::Method method) {
  mailer::CalendarEvent event;
  event.uid = "booking-permanence-2026-07-15-LCS900102@example.org";
  event.method = method;
  event.start = {2026, 7, 15, 9, 30};
  event.end = {2026, 7, 15, 10, 30};
  event.stamp_utc = "20261205T142000Z";
  event.summary = "Permanence panel: LCS900102 (A.B.)";
  event.description = "Caf\xC3\xA9 at the door; papers by 8 July.";
  event.organizer = {"Panel Office", "panel@example.org"};
  event.attendees = {{"Jo Bloggs", "jo@example.org"}};
  return mailer::calendar_part(event);
}

// The base64 body of the part whose headers start at `part` (up to the next delimiter).
std::string part_body(const std::string& text, std::size_t part) {
  const std::size_t start = text.find("\r\n\r\n", part) + 4;
  return text.substr(start, text.find("\r\n--", start) - start);
}

}  // namespace

TEST(MimeWriter, AnInvitationIsATextCalendarAlternativeAndAnInviteIcsFile) {
  TemporaryFolder folder;
  const fs::path pdf = write_file(folder.path() / "pack.pdf", "%PDF-1.7 pack");
  mailer::Message message = sample();
  message.html = "<p>Hello</p>";
  message.attachments = {{pdf, "", "application/pdf"}};
  message.calendar = invitation(mailer::CalendarEvent::Method::request);
  const std::string text = mime(message);
  expect_wire_clean(text);
  EXPECT_NE(header_value(header_block(text), "Content-Type").find("multipart/mixed;"),
            std::string::npos);

  // multipart/mixed { alternative { plain, html, calendar }, pack.pdf, invite.ics }, in order.
  const std::size_t alternative = text.find("Content-Type: multipart/alternative;");
  const std::size_t plain = text.find("Content-Type: text/plain; charset=UTF-8\r\n");
  const std::size_t html = text.find("Content-Type: text/html; charset=UTF-8\r\n");
  const std::size_t calendar = text.find(
      "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n");
  const std::size_t attachment = text.find("Content-Type: application/pdf;");
  const std::size_t invite = text.find(
      "Content-Type: application/ics; name=\"invite.ics\"\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment; filename=\"invite.ics\"\r\n\r\n");
  ASSERT_NE(alternative, std::string::npos);
  ASSERT_NE(calendar, std::string::npos);
  ASSERT_NE(invite, std::string::npos);
  EXPECT_LT(alternative, plain);
  EXPECT_LT(plain, html);
  EXPECT_LT(html, calendar);
  EXPECT_LT(calendar, attachment);
  EXPECT_LT(attachment, invite);
  // The alternative closes before the attachments start.
  const std::smatch boundary = [&] {
    std::smatch match;
    std::regex_search(text, match, std::regex("multipart/alternative;\\s+boundary=\"([^\"]+)\""));
    return match;
  }();
  ASSERT_FALSE(boundary.empty());
  const std::size_t closing = text.find("--" + boundary[1].str() + "--\r\n");
  EXPECT_LT(calendar, closing);
  EXPECT_LT(closing, attachment);

  // Both carry the VCALENDAR byte for byte, CRLF line ends included.
  EXPECT_EQ(base64_decode(part_body(text, calendar)), message.calendar->text);
  EXPECT_EQ(base64_decode(part_body(text, invite)), message.calendar->text);
  for (const std::string& line : lines_of(part_body(text, calendar))) {
    EXPECT_LE(line.size(), 76U);
  }
}

TEST(MimeWriter, AnInvitationWithoutAttachmentsIsStillMixedForItsFile) {
  mailer::Message message = sample();
  message.calendar = invitation(mailer::CalendarEvent::Method::cancel);
  const std::string text = mime(message);
  expect_wire_clean(text);
  EXPECT_NE(header_value(header_block(text), "Content-Type").find("multipart/mixed;"),
            std::string::npos);
  EXPECT_EQ(text.find("Content-Type: text/html"), std::string::npos);
  const std::size_t plain = text.find("Content-Type: text/plain; charset=UTF-8\r\n");
  const std::size_t calendar =
      text.find("Content-Type: text/calendar; charset=UTF-8; method=CANCEL\r\n");
  const std::size_t invite = text.find("Content-Type: application/ics; name=\"invite.ics\"");
  ASSERT_NE(plain, std::string::npos);
  ASSERT_NE(calendar, std::string::npos);
  ASSERT_NE(invite, std::string::npos);
  EXPECT_LT(plain, calendar);
  EXPECT_LT(calendar, invite);
  EXPECT_EQ(base64_decode(part_body(text, invite)), message.calendar->text);
  EXPECT_NE(message.calendar->text.find("\r\nSTATUS:CANCELLED\r\n"), std::string::npos);
}

TEST(MimeWriter, WithoutAnInvitationNothingChanges) {
  const std::string text = mime(sample());
  EXPECT_EQ(text.find("text/calendar"), std::string::npos);
  EXPECT_EQ(text.find("invite.ics"), std::string::npos);
  EXPECT_EQ(text.find("multipart/"), std::string::npos);
}
