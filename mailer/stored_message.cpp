#include "mailer/stored_message.hpp"

#include <nlohmann/json.hpp>

namespace panelpack::mailer {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json address_json(const Address& address) {
  return json{{"name", address.name}, {"email", address.email}};
}

Address address_from(const json& value) {
  return Address{value.at("name").get<std::string>(), value.at("email").get<std::string>()};
}

json addresses_json(const std::vector<Address>& addresses) {
  json list = json::array();
  for (const Address& address : addresses) list.push_back(address_json(address));
  return list;
}

std::vector<Address> addresses_from(const json& list) {
  std::vector<Address> addresses;
  for (const json& value : list) addresses.push_back(address_from(value));
  return addresses;
}

}  // namespace

std::string message_json(const Message& message, const std::vector<SpooledFile>& spooled) {
  json stored{{"from", address_json(message.from)},
              {"to", addresses_json(message.to)},
              {"cc", addresses_json(message.cc)},
              {"subject", message.subject},
              {"text", message.text},
              {"html", message.html},
              {"message_id", message.message_id}};
  if (message.reply_to) stored["reply_to"] = address_json(*message.reply_to);
  json attachments = json::array();
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const Attachment& attachment = message.attachments[i];
    attachments.push_back(
        {{"sha256", spooled[i].sha256},
         {"size", spooled[i].size},
         {"filename",
          attachment.filename.empty() ? attachment.file.filename().string() : attachment.filename},
         {"content_type", attachment.content_type}});
  }
  stored["attachments"] = attachments;
  json headers = json::array();
  for (const auto& [name, value] : message.extra_headers) headers.push_back({name, value});
  stored["extra_headers"] = headers;
  // Kept as written, so a later drain sends the invitation made when the message was queued.
  if (message.calendar) {
    stored["calendar"] = {{"method", message.calendar->method}, {"text", message.calendar->text}};
  }
  // Invalid UTF-8 is replaced rather than refused; write_mime would replace it anyway.
  return stored.dump(-1, ' ', false, json::error_handler_t::replace);
}

Message message_from(const std::string& text, const fs::path& spool,
                     std::vector<std::string>& sha256s) {
  const json stored = json::parse(text);
  Message message;
  message.from = address_from(stored.at("from"));
  message.to = addresses_from(stored.at("to"));
  message.cc = addresses_from(stored.at("cc"));
  if (stored.contains("reply_to")) message.reply_to = address_from(stored.at("reply_to"));
  message.subject = stored.at("subject").get<std::string>();
  message.text = stored.at("text").get<std::string>();
  message.html = stored.at("html").get<std::string>();
  message.message_id = stored.at("message_id").get<std::string>();
  for (const json& attachment : stored.at("attachments")) {
    const std::string sha = attachment.at("sha256").get<std::string>();
    message.attachments.push_back(Attachment{spool / sha,
                                             attachment.at("filename").get<std::string>(),
                                             attachment.at("content_type").get<std::string>()});
    sha256s.push_back(sha);
  }
  for (const json& header : stored.at("extra_headers")) {
    message.extra_headers.emplace_back(header.at(0).get<std::string>(),
                                       header.at(1).get<std::string>());
  }
  // Rows queued before invitations existed have no "calendar".
  if (stored.contains("calendar")) {
    const json& calendar = stored.at("calendar");
    message.calendar = CalendarPart{calendar.at("method").get<std::string>(),
                                    calendar.at("text").get<std::string>()};
  }
  return message;
}

std::optional<std::vector<std::string>> attachment_sha256s(std::string_view text) {
  try {
    const json message = json::parse(text);
    std::vector<std::string> sha256s;
    for (const json& attachment : message.at("attachments")) {
      sha256s.push_back(attachment.at("sha256").get<std::string>());
    }
    return sha256s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace panelpack::mailer
