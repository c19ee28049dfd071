// A test-only command line over the mailbox side of the mailer, so test_imap.py can drive the
// real library against a real Dovecot. Every answer is one JSON document on stdout; mailer errors
// are {"error": code, "where", "message", "temporary"}, exit 0.
//
//   imap_tool list  --host H --port P [--security imaps|starttls|plain] [--ca FILE] [--user U]
//                   [--folder F] [--processed flag|move] [--processed-folder F] [--limit N]
//                   [--max-bytes N] [--mark] [--mark-twice] [--connect-timeout S]
//                   [--read-timeout S]                the password comes from $IMAP_PASSWORD
//   imap_tool parse FILE                               parse_received_message, as JSON

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "mailer/imap_mailbox.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/received_message.hpp"
#include "text/base64.hpp"
#include "text/sha256.hpp"

namespace {

namespace mailer = panelpack::mailer;
using nlohmann::json;

using Options = std::map<std::string, std::string>;

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 2; i < argc; ++i) {
    std::string name = argv[i];
    if (name.rfind("--", 0) != 0) throw std::runtime_error("unexpected argument " + name);
    name.erase(0, 2);
    if (name == "mark" || name == "mark-twice") {
      options[name] = "1";
    } else if (i + 1 < argc) {
      options[name] = argv[++i];
    } else {
      throw std::runtime_error("--" + name + " needs a value");
    }
  }
  return options;
}

std::string option(const Options& options, const std::string& name, const std::string& fallback) {
  const auto found = options.find(name);
  return found == options.end() ? fallback : found->second;
}

mailer::ImapSettings settings_from(const Options& options) {
  mailer::ImapSettings settings;
  settings.host = option(options, "host", "127.0.0.1");
  settings.port = std::stoi(option(options, "port", "993"));
  const std::string security = option(options, "security", "imaps");
  settings.security = security == "plain"      ? mailer::ImapSettings::Security::plain
                      : security == "starttls" ? mailer::ImapSettings::Security::starttls
                                               : mailer::ImapSettings::Security::imaps;
  settings.ca_file = option(options, "ca", "");
  settings.username = option(options, "user", "");
  const char* password = std::getenv("IMAP_PASSWORD");
  settings.password = password != nullptr ? password : "";
  settings.folder = option(options, "folder", "INBOX");
  settings.processed = option(options, "processed", "flag") == "move"
                           ? mailer::ImapSettings::Processed::move
                           : mailer::ImapSettings::Processed::flag;
  settings.processed_folder = option(options, "processed-folder", "Filed");
  settings.connect_timeout_seconds = std::stoi(option(options, "connect-timeout", "5"));
  settings.read_timeout_seconds = std::stoi(option(options, "read-timeout", "10"));
  return settings;
}

json list(const Options& options) {
  const auto mailbox = mailer::open_imap_mailbox(settings_from(options));
  const auto messages = mailbox->unprocessed(std::stoul(option(options, "limit", "100")),
                                             std::stoul(option(options, "max-bytes", "10000000")));
  json listed = json::array();
  for (const mailer::MailboxMessage& message : messages) {
    listed.push_back({{"uid", message.uid},
                      {"uid_validity", message.uid_validity},
                      {"arrived", std::chrono::duration_cast<std::chrono::seconds>(
                                      message.arrived.time_since_epoch())
                                      .count()},
                      {"size", message.size},
                      {"too_large", message.too_large},
                      {"sha256", panelpack::text::sha256_hex(message.raw)},
                      {"raw_base64", panelpack::text::base64(message.raw)}});
  }
  const int rounds = options.count("mark-twice") > 0 ? 2 : options.count("mark") > 0 ? 1 : 0;
  for (int round = 0; round < rounds; ++round) {
    for (const mailer::MailboxMessage& message : messages) mailbox->mark_processed(message);
  }
  return {{"messages", listed}, {"marked", rounds > 0 ? messages.size() : 0}};
}

json parse(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string raw = bytes.str();
  const mailer::ReceivedMessage message = mailer::parse_received_message(raw);
  json files = json::array();
  for (const mailer::ReceivedFile& file : message.files) {
    files.push_back({{"filename", file.filename},
                     {"content_type", file.content_type},
                     {"size", file.bytes.size()},
                     {"sha256", panelpack::text::sha256_hex(file.bytes)},
                     {"forwarded", file.forwarded}});
  }
  return {{"message_id", message.message_id},
          {"from_name", message.from_name},
          {"from_email", message.from_email},
          {"subject", message.subject},
          {"text", message.text},
          {"files", files}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: imap_tool list|parse ...\n";
    return 2;
  }
  const std::string command = argv[1];
  try {
    if (command == "parse" && argc == 3) {
      std::cout << parse(argv[2]).dump(1) << "\n";
    } else if (command == "list") {
      std::cout << list(parse_options(argc, argv)).dump() << "\n";
    } else {
      std::cerr << "unknown command " << command << "\n";
      return 2;
    }
  } catch (const mailer::MailError& error) {
    std::cout << json{{"error", error.code()},
                      {"where", error.where()},
                      {"message", error.what()},
                      {"temporary", error.temporary()}}
                     .dump()
              << "\n";
  } catch (const std::exception& error) {
    std::cerr << "imap_tool: " << error.what() << "\n";
    return 3;
  }
  return 0;
}
