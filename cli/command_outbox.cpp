// `panelpack outbox [list|retry|cancel]`: the office's outbox (OFFICE/panelpack.db) as the
// administrator sees it: what was sent, what waits and why, what failed for good.

#include <array>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/tick/tick_log.hpp"
#include "office_arguments.hpp"

namespace panelpack::cli {
namespace {

using mailer::OutboxRow;
using mailer::OutboxState;
using nlohmann::ordered_json;

const std::array<OptionSpec, 7> outbox_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"state", '\0', true},
    {"key", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
    {"all", '\0', false},
}};

constexpr const char* kSendingNote =
    "a tick died while sending it (or one is sending it right now): the next tick sends it "
    "again, and if the relay had already accepted it the recipient gets it twice";
constexpr const char* kResentNote =
    "sent again after a tick died while sending it: the recipient may have it twice (if the "
    "relay had accepted the first attempt)";
constexpr const char* kUnknownNote =
    "the relay gave no reply after the whole message was sent: it may have been delivered";
constexpr const char* kUnknownSentNote =
    "sent again after an attempt with no reply after the whole message: possible duplicate, "
    "the recipient may have it twice";
constexpr const char* kUnknownWaitingNote =
    "the relay gave no reply after the whole message was sent: it may have been delivered; it "
    "is sent again at the next attempt and marked a possible duplicate";
constexpr const char* kNotResentNote =
    "may have been delivered; not sent again: ask the recipient, then `panelpack outbox retry "
    "{ID}` to send it once more";

// The warning line for a row whose delivery is in doubt, or nullptr.
const char* doubt_note_text(const OutboxRow& row) {
  if (row.state == OutboxState::sending) return kSendingNote;
  if (row.unknown_outcomes == 0) return row.resent_after_crash ? kResentNote : nullptr;
  switch (row.state) {
    case OutboxState::sent:
      return row.resent_after_crash ? kResentNote : kUnknownSentNote;
    case OutboxState::queued:
    case OutboxState::failed_temporary:
      return row.resent_after_crash ? kSendingNote : kUnknownWaitingNote;
    case OutboxState::failed_permanent:
      return kNotResentNote;
    default:
      return kUnknownNote;
  }
}

// The warning line with the row's ID in place of {ID}; empty when its delivery is not in doubt.
std::string doubt_note(const OutboxRow& row) {
  const char* text = doubt_note_text(row);
  if (text == nullptr) return {};
  std::string note = text;
  if (const auto at = note.find("{ID}"); at != std::string::npos) {
    note.replace(at, 4, std::to_string(row.id));
  }
  return note;
}

panel::UtcInstant seconds_of(mailer::TimePoint time) {
  return std::chrono::floor<std::chrono::seconds>(time);
}

std::int64_t row_id(const std::string& text) {
  std::int64_t id = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000) {
      throw UsageError("a row ID is a number, as panelpack outbox list shows it, not '" + text +
                       "'");
    }
    id = id * 10 + (c - '0');
  }
  if (text.empty() || id == 0) throw UsageError("a row ID is a number from 1");
  return id;
}

OutboxState state_argument(const std::string& text) {
  std::string normal = text;
  for (char& c : normal) c = c == '-' ? '_' : c;
  if (const auto state = mailer::parse_outbox_state(normal)) return *state;
  throw UsageError(
      "--state is queued, sending, sent, failed_temporary, failed_permanent or "
      "cancelled, not '" +
      text + "'");
}

ordered_json row_json(const OutboxRow& row) {
  ordered_json json{{"id", row.id},
                    {"key", row.idempotency_key},
                    {"recipient", row.recipient},
                    {"subject", row.subject},
                    {"messageId", row.message_id},
                    {"state", mailer::to_string(row.state)},
                    {"attempts", row.attempts},
                    {"createdAt", panel::format_utc(seconds_of(row.created_at))},
                    {"nextAttemptAt", panel::format_utc(seconds_of(row.next_attempt_at))}};
  json["sentAt"] =
      row.sent_at ? ordered_json(panel::format_utc(seconds_of(*row.sent_at))) : nullptr;
  json["lastSmtpCode"] = row.last_smtp_code;
  json["lastReply"] = row.last_reply;
  json["resentAfterCrash"] = row.resent_after_crash;
  // Attempts that may have been delivered: a tick died while sending, or no reply came after
  // the whole message was sent.
  json["unknownOutcomes"] = row.unknown_outcomes;
  // The documented duplicates: a row whose delivery was in doubt and that is (to be) sent again.
  json["mayBeDuplicate"] = row.possible_duplicate() || row.state == OutboxState::sending;
  if (const std::string note = doubt_note(row); !note.empty()) json["note"] = note;
  return json;
}

std::string counts_text(const mailer::Outbox& outbox) {
  std::string text;
  std::size_t total = 0;
  for (const auto& [state, count] : outbox.counts()) {
    total += count;
    if (count > 0)
      text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + mailer::to_string(state);
  }
  return std::to_string(total) + (total == 1 ? " row" : " rows") +
         (text.empty() ? "" : ": " + text);
}

void print_rows(const std::vector<OutboxRow>& rows) {
  std::cout << "  " << std::left << std::setw(6) << "ID" << std::setw(18) << "STATE" << std::setw(7)
            << "TRIES"
            << "KEY / LAST REPLY\n";
  for (const OutboxRow& row : rows) {
    std::cout << "  " << std::left << std::setw(6) << row.id << std::setw(18)
              << mailer::to_string(row.state) << std::setw(7) << row.attempts << row.idempotency_key
              << '\n';
    std::string reply = row.last_reply.substr(0, row.last_reply.find_first_of("\r\n"));
    if (row.state == OutboxState::failed_temporary) {
      reply += " (next attempt " + log_time(seconds_of(row.next_attempt_at)) + ")";
    }
    if (!reply.empty() && row.state != OutboxState::sending) {
      std::cout << std::string(33, ' ') << reply << '\n';
    }
    if (const std::string note = doubt_note(row); !note.empty()) {
      std::cout << std::string(33, ' ') << "! " << note << '\n';
    }
  }
}

ExitCode list(const mailer::Outbox* outbox, const Arguments& arguments, const std::string& path) {
  mailer::OutboxFilter filter;
  if (const auto state = arguments.value("state")) filter.state = state_argument(*state);
  filter.key_prefix = arguments.value("key").value_or("");
  std::optional<std::int64_t> only;
  if (arguments.positionals().size() == 2) only = row_id(arguments.positionals()[1]);
  std::vector<OutboxRow> rows;
  if (outbox != nullptr) {
    for (OutboxRow& row : outbox->list(filter)) {
      if (!only || row.id == *only) rows.push_back(std::move(row));
    }
  }
  if (only && rows.empty()) {
    throw CommandFailure(ExitCode::bad_input, path + ": no row " + std::to_string(*only));
  }
  if (arguments.has("json")) {
    ordered_json list = ordered_json::array();
    for (const OutboxRow& row : rows) {
      ordered_json entry = row_json(row);
      if (only) {
        ordered_json audit = ordered_json::array();
        for (const auto& attempt : outbox->attempts(row.id)) {
          audit.push_back({{"at", panel::format_utc(seconds_of(attempt.at))},
                           {"outcome", attempt.outcome},
                           {"smtpCode", attempt.smtp_code},
                           {"reply", attempt.reply}});
        }
        entry["audit"] = std::move(audit);
      }
      list.push_back(std::move(entry));
    }
    ordered_json counts = ordered_json::object();
    if (outbox != nullptr) {
      for (const auto& [state, count] : outbox->counts()) counts[mailer::to_string(state)] = count;
    }
    std::cout << ordered_json{{"outbox", path}, {"counts", counts}, {"rows", list}}.dump(2) << '\n';
    return ExitCode::success;
  }
  if (outbox == nullptr) {
    std::cout << "the outbox is empty: " << path
              << " does not exist yet (panelpack tick makes it)\n";
    return ExitCode::success;
  }
  std::cout << path << ": " << counts_text(*outbox) << '\n';
  if (!rows.empty()) print_rows(rows);
  if (only) {
    for (const auto& attempt : outbox->attempts(*only)) {
      std::cout << "  " << log_time(seconds_of(attempt.at)) << "  " << attempt.outcome << "  "
                << attempt.smtp_code << "  "
                << attempt.reply.substr(0, attempt.reply.find_first_of("\r\n")) << '\n';
    }
  }
  return ExitCode::success;
}

// retry or cancel: one row by ID, the rows whose key starts with --key, or (retry --all)
// every failed row.
ExitCode change(mailer::Outbox* outbox, const Arguments& arguments, const std::string& path,
                panel::UtcInstant now) {
  const std::string& action = arguments.positionals()[0];
  const bool retry = action == "retry";
  const bool by_id = arguments.positionals().size() == 2;
  const auto prefix = arguments.value("key");
  const bool all = arguments.has("all");
  if (arguments.has("state")) throw UsageError(action + " takes no --state; list shows the states");
  if (static_cast<int>(by_id) + static_cast<int>(prefix.has_value()) + static_cast<int>(all) != 1) {
    throw UsageError(retry ? "retry takes a row ID, --key PREFIX or --all"
                           : "cancel takes a row ID or --key PREFIX");
  }
  if (all && !retry) throw UsageError("cancel has no --all: give a row ID or --key PREFIX");
  if (outbox == nullptr) throw CommandFailure(ExitCode::bad_input, path + ": the outbox is empty");
  const auto changeable = [&](const OutboxRow& row) {
    if (retry)
      return row.state == OutboxState::failed_temporary ||
             row.state == OutboxState::failed_permanent;
    return row.state == OutboxState::queued || row.state == OutboxState::failed_temporary ||
           row.state == OutboxState::failed_permanent;
  };
  std::vector<std::int64_t> ids;
  if (by_id) {
    const std::int64_t id = row_id(arguments.positionals()[1]);
    std::optional<OutboxRow> found;
    for (OutboxRow& row : outbox->list()) {
      if (row.id == id) found = std::move(row);
    }
    if (!found) throw CommandFailure(ExitCode::bad_input, path + ": no row " + std::to_string(id));
    if (!changeable(*found)) {
      throw CommandFailure(
          ExitCode::bad_input,
          "row " + std::to_string(id) + " is " + mailer::to_string(found->state) +
              (retry ? ": only failed rows can be retried"
                     : ": only rows not yet sent (or being sent) can be cancelled"));
    }
    if ((retry ? outbox->retry(id, now) : outbox->cancel(id)) == 1) ids.push_back(id);
  } else {
    mailer::OutboxFilter filter;
    filter.key_prefix = prefix.value_or("");
    if (prefix && prefix->empty())
      throw UsageError("--key needs a prefix such as reminder|permanence|");
    for (const OutboxRow& row : outbox->list(filter)) {
      if (!changeable(row)) continue;
      if ((retry ? outbox->retry(row.id, now) : outbox->cancel(row.id)) == 1) ids.push_back(row.id);
    }
  }
  if (arguments.has("json")) {
    std::cout << ordered_json{{"action", action}, {"changed", ids.size()}, {"ids", ids}}.dump(2)
              << '\n';
  } else {
    std::cout << (retry ? "retrying " : "cancelled ") << ids.size()
              << (ids.size() == 1 ? " row" : " rows");
    for (std::size_t i = 0; i < ids.size(); ++i) std::cout << (i == 0 ? ": " : ", ") << ids[i];
    std::cout << (retry && !ids.empty() ? " (the next tick sends them)" : "") << '\n';
  }
  return ExitCode::success;
}

}  // namespace

ExitCode run_outbox(std::span<const std::string> words) {
  Arguments arguments = Arguments::parse(words, outbox_options);
  std::vector<std::string> positionals = arguments.positionals();
  const std::string action = positionals.empty() ? "list" : positionals[0];
  if (action != "list" && action != "retry" && action != "cancel") {
    throw UsageError("outbox takes list, retry or cancel, not '" + action + "'");
  }
  if (positionals.empty()) {
    std::vector<std::string> with_action{"list"};
    with_action.insert(with_action.end(), words.begin(), words.end());
    arguments = Arguments::parse(with_action, outbox_options);
  }
  if (arguments.positionals().size() > 2)
    throw UsageError("outbox " + action + " takes at most one row ID");
  if (action == "list" && arguments.has("all"))
    throw UsageError("list shows every row already; --all is for retry");
  const auto now = now_from(arguments.value("now"));
  const Workspace workspace = open_workspace(arguments.value("office"));
  const auto path = outbox_path(workspace);
  try {
    std::error_code error;
    std::optional<mailer::Outbox> outbox;
    // list only reads: opened read-only, it works on a full disk and writes nothing.
    if (std::filesystem::exists(path, error)) {
      if (action == "list") {
        outbox.emplace(mailer::Outbox::open_read_only(path));
      } else {
        outbox.emplace(path);
      }
    }
    mailer::Outbox* opened = outbox ? &*outbox : nullptr;
    return action == "list" ? list(opened, arguments, path.string())
                            : change(opened, arguments, path.string(), now);
  } catch (const mailer::MailError& failure) {
    throw CommandFailure(ExitCode::machine_failure, failure.what());
  }
}

}  // namespace panelpack::cli
