// parse_received_message with GMime (in the IMAP module): the MIME tree walked as Outlook,
// phones and forwarding programs build it, every named part kept as a file, the text taken
// from text/plain (or the HTML's words), forwarded messages (message/rfc822) read the same way.

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mailer/html_text.hpp"
#include "mailer/imap_module.hpp"

namespace panelpack::mailer {
namespace {

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer memory) const { g_free(memory); }
};
using GString_ = std::unique_ptr<char, GFree>;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A header value on one line: CR, LF, tabs and other controls become spaces, runs collapse.
std::string one_line(const char* value) {
  std::string line;
  if (value == nullptr) return line;
  for (const char* p = value; *p != '\0'; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    const char kept = c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c);
    if (kept == ' ' && (line.empty() || line.back() == ' ')) continue;
    line += kept;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// The name without any folder ("C:\\Users\\x\\Chronology.docx" -> "Chronology.docx") or
// control characters; "" when nothing is left.
std::string plain_file_name(const char* name) {
  std::string cleaned = one_line(name);
  const std::size_t slash = cleaned.find_last_of("/\\");
  if (slash != std::string::npos) cleaned.erase(0, slash + 1);
  while (!cleaned.empty() && (cleaned.front() == ' ' || cleaned.front() == '.')) {
    cleaned.erase(0, 1);
  }
  return cleaned;
}

// The part's content with its transfer encoding (base64, quoted-printable, uuencode) undone.
std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GPtr<GMimeStream> memory(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, memory.get()) < 0) return {};
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// A text part's words in UTF-8 (GMime converts from its charset), with line ends as LF.
std::string part_text(GMimePart* part) {
  if (!GMIME_IS_TEXT_PART(part)) return decoded_content(part);
  GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
  if (!text) return {};
  std::string words(text.get());
  words.erase(std::remove(words.begin(), words.end(), '\r'), words.end());
  return words;
}

std::string trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// What one message (the outer one, or a forwarded one inside it) holds, while walking it.
struct Reading {
  bool forwarded = false;
  std::vector<std::string> plain;
  std::vector<std::string> html;
  std::vector<std::string> forwards;  // each forwarded message's subject and text
  std::vector<ReceivedFile>* files = nullptr;
  std::size_t unnamed = 0;
};

void read_message(GMimeMessage* message, Reading& reading, ReceivedMessage* head);

std::string joined(const std::vector<std::string>& texts) {
  std::string text;
  for (const std::string& piece : texts) {
    const std::string words = trimmed(piece);
    if (words.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += words;
  }
  return text;
}

// The body's text: text/plain, else the HTML's words; then every forwarded message's.
std::string body_text(const Reading& reading) {
  std::string text = !reading.plain.empty() ? joined(reading.plain) : "";
  if (text.empty() && !reading.html.empty()) {
    std::vector<std::string> words;
    for (const std::string& html : reading.html) words.push_back(html_to_text(html));
    text = joined(words);
  }
  for (const std::string& forward : reading.forwards) {
    if (forward.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += forward;
  }
  return text;
}

void walk(GMimeObject* object, Reading& reading) {
  if (object == nullptr) return;
  if (GMIME_IS_MESSAGE_PART(object)) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (inner == nullptr) return;
    Reading forwarded;
    forwarded.forwarded = true;
    forwarded.files = reading.files;
    read_message(inner, forwarded, nullptr);
    const std::string subject = one_line(g_mime_message_get_subject(inner));
    std::string block = subject;
    const std::string text = body_text(forwarded);
    if (!text.empty()) block += (block.empty() ? "" : "\n") + text;
    reading.forwards.push_back(block);
    return;
  }
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    const int count = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < count; ++i) walk(g_mime_multipart_get_part(multipart, i), reading);
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  GString_ mime_type(type != nullptr ? g_mime_content_type_get_mime_type(type) : nullptr);
  const std::string content_type = lower(mime_type ? mime_type.get() : "application/octet-stream");
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  const bool attachment =
      disposition != nullptr && g_mime_content_disposition_is_attachment(disposition);
  std::string name = plain_file_name(g_mime_part_get_filename(part));
  const bool body_part = content_type == "text/plain" || content_type == "text/html";
  if (name.empty() && body_part && !attachment) {
    (content_type == "text/plain" ? reading.plain : reading.html).push_back(part_text(part));
    return;
  }
  // A file: named, or declared an attachment without a name (kept under a made-up one rather
  // than lost).
  if (name.empty() && !attachment) return;
  if (name.empty()) name = "attachment-" + std::to_string(++reading.unnamed);
  ReceivedFile file;
  file.filename = name;
  file.content_type = content_type;
  file.bytes = decoded_content(part);
  file.forwarded = reading.forwarded;
  reading.files->push_back(std::move(file));
}

void read_message(GMimeMessage* message, Reading& reading, ReceivedMessage* head) {
  if (head != nullptr) {
    const char* id = g_mime_message_get_message_id(message);
    if (id != nullptr && *id != '\0') head->message_id = "<" + one_line(id) + ">";
    head->subject = one_line(g_mime_message_get_subject(message));
    InternetAddressList* from = g_mime_message_get_from(message);
    const int count = from != nullptr ? internet_address_list_length(from) : 0;
    for (int i = 0; i < count && head->from_email.empty(); ++i) {
      InternetAddress* address = internet_address_list_get_address(from, i);
      if (INTERNET_ADDRESS_IS_GROUP(address)) {
        InternetAddressList* members =
            internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
        if (members == nullptr || internet_address_list_length(members) == 0) continue;
        address = internet_address_list_get_address(members, 0);
      }
      if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
      head->from_name = one_line(internet_address_get_name(address));
      head->from_email =
          lower(one_line(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
    }
  }
  walk(g_mime_message_get_mime_part(message), reading);
}

}  // namespace

ReceivedMessage gmime_parse_received_message(std::string_view raw) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { g_mime_init(); });
  ReceivedMessage result;
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return result;  // not a message at all: nothing to read
  Reading reading;
  reading.files = &result.files;
  read_message(message.get(), reading, &result);
  result.text = body_text(reading);
  return result;
}

}  // namespace panelpack::mailer
