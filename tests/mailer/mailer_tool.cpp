// A test-only command line over the mailer, so the Python tests can drive the real library
// against a real SMTP server, and SIGKILL it mid-drain. Every answer is one JSON document (or one
// JSON line per item) on stdout; mailer errors are reported as {"error": code, ...}, exit 0.
//
//   mailer_tool mime   --message M.json [--date UNIX]             MIME on stdout
//   mailer_tool ical   --event E.json                            the VCALENDAR on stdout
//   mailer_tool connect SMTP...                                  connect, EHLO, TLS, AUTH, QUIT
//   mailer_tool send   SMTP... --message M.json --from ADDR --to ADDR [--to ADDR...]
//   mailer_tool queue  --db F --now UNIX [--allowed a.org,b.org]  JSON lines on stdin:
//                      {"key":..., "recipient":{"name","email"}, "message":{...}}
//   mailer_tool drain  --db F --now UNIX [--limit N] [--give-up-hours H] (SMTP... | --dry-run DIR)
//   mailer_tool list   --db F
//   mailer_tool counts --db F
//   mailer_tool retry  --db F --now UNIX (--id N | --failed)
//   mailer_tool cancel --db F (--id N | --prefix P)
// A message's "event" (see event_from) becomes its calendar part through calendar_part().
// SMTP...: --host H --port P [--security starttls|plain] [--ca FILE] [--user U --password P]
//          [--read-timeout S] [--connect-timeout S]

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "mailer/icalendar.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/mime_writer.hpp"
#include "mailer/outbox.hpp"
#include "mailer/smtp_session.hpp"
#include "mailer/transport.hpp"

namespace {

namespace mailer = panelpack::mailer;
using nlohmann::json;

// --name value pairs; a repeated name keeps every value (option() takes the last).
using Options = std::multimap<std::string, std::string>;

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 2; i < argc; ++i) {
    std::string name = argv[i];
    if (name.rfind("--", 0) != 0) throw std::runtime_error("unexpected argument " + name);
    name.erase(0, 2);
    if (name == "failed") {
      options.emplace(name, "1");
    } else if (i + 1 < argc) {
      options.emplace(name, argv[++i]);
    } else {
      throw std::runtime_error("--" + name + " needs a value");
    }
  }
  return options;
}

std::string option(const Options& options, const std::string& name,
                   const std::string& fallback = "") {
  const auto [first, last] = options.equal_range(name);
  return first == last ? fallback : std::prev(last)->second;
}

std::string required(const Options& options, const std::string& name) {
  if (options.count(name) == 0) throw std::runtime_error("--" + name + " is required");
  return option(options, name);
}

mailer::TimePoint unix_time(const std::string& text) {
  return mailer::TimePoint(std::chrono::seconds(std::stoll(text)));
}

mailer::Address address_from(const json& value) {
  return mailer::Address{value.value("name", ""), value.at("email").get<std::string>()};
}

// {"year","month","day","hour","minute"}
mailer::LondonTime london_time_from(const json& value) {
  return mailer::LondonTime{value.at("year").get<int>(), value.at("month").get<int>(),
                            value.at("day").get<int>(), value.at("hour").get<int>(),
                            value.at("minute").get<int>()};
}

// {"uid", "sequence", "method": "request"|"cancel", "start", "end", "stamp_utc", "summary",
//  "location", "description", "organizer", "attendees": [...]}
mailer::CalendarEvent event_from(const json& value) {
  mailer::CalendarEvent event;
  event.uid = value.at("uid").get<std::string>();
  event.sequence = value.value("sequence", 0);
  event.method = value.value("method", "request") == "cancel"
                     ? mailer::CalendarEvent::Method::cancel
                     : mailer::CalendarEvent::Method::request;
  event.start = london_time_from(value.at("start"));
  event.end = london_time_from(value.at("end"));
  event.stamp_utc = value.at("stamp_utc").get<std::string>();
  event.summary = value.value("summary", "");
  event.location = value.value("location", "");
  event.description = value.value("description", "");
  event.organizer = address_from(value.at("organizer"));
  for (const json& attendee : value.value("attendees", json::array())) {
    event.attendees.push_back(address_from(attendee));
  }
  return event;
}

mailer::Message message_from(const json& value) {
  mailer::Message message;
  message.from = address_from(value.at("from"));
  for (const json& to : value.value("to", json::array())) message.to.push_back(address_from(to));
  for (const json& cc : value.value("cc", json::array())) message.cc.push_back(address_from(cc));
  if (value.contains("reply_to")) message.reply_to = address_from(value.at("reply_to"));
  message.subject = value.value("subject", "");
  message.text = value.value("text", "");
  message.html = value.value("html", "");
  message.message_id = value.value("message_id", "");
  for (const json& attachment : value.value("attachments", json::array())) {
    message.attachments.push_back(mailer::Attachment{attachment.at("file").get<std::string>(),
                                                     attachment.value("filename", ""),
                                                     attachment.value("content_type", "")});
  }
  for (const json& header : value.value("extra_headers", json::array())) {
    message.extra_headers.emplace_back(header.at(0).get<std::string>(),
                                       header.at(1).get<std::string>());
  }
  if (value.contains("event")) message.calendar = mailer::calendar_part(event_from(value["event"]));
  return message;
}

mailer::Message read_message(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return message_from(json::parse(in));
}

mailer::SmtpSettings smtp_settings(const Options& options) {
  mailer::SmtpSettings settings;
  settings.host = option(options, "host", "127.0.0.1");
  settings.port = static_cast<std::uint16_t>(std::stoi(required(options, "port")));
  settings.security = option(options, "security", "starttls") == "plain"
                          ? mailer::SmtpSettings::Security::plain
                          : mailer::SmtpSettings::Security::starttls;
  settings.ca_file = option(options, "ca");
  settings.username = option(options, "user");
  settings.password = option(options, "password");
  settings.read_timeout = std::chrono::seconds(std::stoi(option(options, "read-timeout", "10")));
  settings.connect_timeout =
      std::chrono::seconds(std::stoi(option(options, "connect-timeout", "5")));
  return settings;
}

json error_json(const mailer::MailError& error) {
  return json{{"error", error.code()},
              {"temporary", error.temporary()},
              {"where", error.where()},
              {"message", error.what()}};
}

json result_json(const mailer::SendResult& result) {
  return json{{"outcome", mailer::to_string(result.outcome)},
              {"code", result.smtp_code},
              {"reply", result.reply}};
}

void print(const json& value) {
  std::cout << value.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
}

int mime(const Options& options) {
  const mailer::Message message = read_message(required(options, "message"));
  mailer::write_mime(std::cout, message, unix_time(option(options, "date", "1765789200")));
  std::cout.flush();
  return 0;
}

int ical(const Options& options) {
  std::ifstream in(required(options, "event"));
  if (!in) throw std::runtime_error("cannot read " + required(options, "event"));
  std::cout << mailer::write_icalendar(event_from(json::parse(in)));
  std::cout.flush();
  return 0;
}

int connect_command(const Options& options) {
  mailer::SmtpSession session(smtp_settings(options));
  const auto started = std::chrono::steady_clock::now();
  json line{{"connected", false}};
  try {
    session.connect();
    line["connected"] = session.connected();
  } catch (const mailer::MailError& error) {
    line.update(error_json(error));
  }
  line["elapsed_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  print(line);
  return 0;
}

int send(const Options& options) {
  const mailer::Message message = read_message(required(options, "message"));
  const std::string from = required(options, "from");
  mailer::SmtpSession session(smtp_settings(options));
  const auto [first, last] = options.equal_range("to");
  for (auto it = first; it != last; ++it) {
    const auto started = std::chrono::steady_clock::now();
    json line{{"recipient", it->second}};
    try {
      line.update(result_json(session.send(message, from, it->second)));
    } catch (const mailer::MailError& error) {
      line.update(error_json(error));
    }
    line["elapsed_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
    print(line);
  }
  return 0;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

mailer::OutboxPolicy policy(const Options& options) {
  mailer::OutboxPolicy chosen;
  chosen.give_up_after = std::chrono::hours(std::stoi(option(options, "give-up-hours", "48")));
  return chosen;
}

int queue(const Options& options) {
  mailer::Outbox outbox(required(options, "db"), policy(options));
  const std::vector<std::string> allowed = split_commas(option(options, "allowed"));
  const mailer::TimePoint now = unix_time(required(options, "now"));
  for (std::string line; std::getline(std::cin, line);) {
    if (line.empty()) continue;
    const json request = json::parse(line);
    try {
      const mailer::QueueResult result =
          outbox.queue(request.at("key").get<std::string>(), address_from(request.at("recipient")),
                       message_from(request.at("message")), allowed, now);
      print(json{{"id", result.id}, {"already_queued", result.already_queued}});
    } catch (const mailer::MailError& error) {
      print(error_json(error));
    }
  }
  return 0;
}

int drain(const Options& options) {
  mailer::Outbox outbox(required(options, "db"), policy(options));
  const mailer::TimePoint now = unix_time(required(options, "now"));
  const std::size_t limit = options.count("limit") != 0 ? std::stoul(required(options, "limit"))
                                                        : std::numeric_limits<std::size_t>::max();
  mailer::DrainReport report;
  if (options.count("dry-run") != 0) {
    mailer::EmlFolderTransport transport(required(options, "dry-run"));
    report = outbox.drain(transport, now, limit);
  } else {
    mailer::SmtpTransport transport(smtp_settings(options));
    report = outbox.drain(transport, now, limit);
  }
  print(json{{"attempted", report.attempted},
             {"delivered", report.delivered},
             {"deferred", report.deferred},
             {"failed_permanent", report.failed_permanent},
             {"recovered_after_crash", report.recovered_after_crash},
             {"written", report.written},
             {"stopped_code", report.stopped_code},
             {"stopped_message", report.stopped_message},
             {"unknown_outcomes", report.unknown_outcomes},
             {"cut_short", report.cut_short},
             {"left_due", report.left_due}});
  return 0;
}

std::int64_t seconds(mailer::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

int list(const Options& options) {
  const mailer::Outbox outbox(required(options, "db"));
  json rows = json::array();
  for (const mailer::OutboxRow& row : outbox.list()) {
    json attempts = json::array();
    for (const mailer::AttemptRecord& attempt : outbox.attempts(row.id)) {
      attempts.push_back({{"at", seconds(attempt.at)},
                          {"outcome", attempt.outcome},
                          {"code", attempt.smtp_code},
                          {"reply", attempt.reply}});
    }
    rows.push_back({{"id", row.id},
                    {"key", row.idempotency_key},
                    {"recipient", row.recipient},
                    {"message_id", row.message_id},
                    {"state", mailer::to_string(row.state)},
                    {"attempts", row.attempts},
                    {"next_attempt_at", seconds(row.next_attempt_at)},
                    {"sent_at", row.sent_at ? json(seconds(*row.sent_at)) : json()},
                    {"last_smtp_code", row.last_smtp_code},
                    {"last_reply", row.last_reply},
                    {"resent_after_crash", row.resent_after_crash},
                    {"unknown_outcomes", row.unknown_outcomes},
                    {"audit", attempts}});
  }
  print(rows);
  return 0;
}

int counts(const Options& options) {
  const mailer::Outbox outbox(required(options, "db"));
  json result = json::object();
  for (const auto& [state, count] : outbox.counts()) result[mailer::to_string(state)] = count;
  print(result);
  return 0;
}

int retry(const Options& options) {
  mailer::Outbox outbox(required(options, "db"));
  const mailer::TimePoint now = unix_time(required(options, "now"));
  const std::size_t changed = options.count("failed") != 0
                                  ? outbox.retry_failed(now)
                                  : outbox.retry(std::stoll(required(options, "id")), now);
  print(json{{"changed", changed}});
  return 0;
}

int cancel(const Options& options) {
  mailer::Outbox outbox(required(options, "db"));
  const std::size_t changed = options.count("prefix") != 0
                                  ? outbox.cancel_by_key_prefix(required(options, "prefix"))
                                  : outbox.cancel(std::stoll(required(options, "id")));
  print(json{{"changed", changed}});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr
        << "usage: mailer_tool mime|ical|connect|send|queue|drain|list|counts|retry|cancel ...\n";
    return 2;
  }
  const std::string command = argv[1];
  try {
    const Options options = parse_options(argc, argv);
    if (command == "mime") return mime(options);
    if (command == "ical") return ical(options);
    if (command == "connect") return connect_command(options);
    if (command == "send") return send(options);
    if (command == "queue") return queue(options);
    if (command == "drain") return drain(options);
    if (command == "list") return list(options);
    if (command == "counts") return counts(options);
    if (command == "retry") return retry(options);
    if (command == "cancel") return cancel(options);
    std::cerr << "unknown command " << command << "\n";
    return 2;
  } catch (const mailer::MailError& error) {
    print(error_json(error));
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "mailer_tool: " << error.what() << "\n";
    return 3;
  }
}
