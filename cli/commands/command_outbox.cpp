// `panelpack outbox [list|retry|cancel]`: the office's outbox (OFFICE/panelpack.db) as the
// administrator sees it: what was sent, what waits and why, what failed for good.

#include <array>
#include <iomanip>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "mailer/outbox.hpp"
#include "office/mail/outbox_view.hpp"
#include "office/tick/tick_log.hpp"

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

std::string counts_text(const office::OutboxListing& listing) {
  std::string text;
  std::size_t total = 0;
  for (const auto& [state, count] : listing.counts) {
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
      reply += " (next attempt " + office::log_time(seconds_of(row.next_attempt_at)) + ")";
    }
    if (!reply.empty() && row.state != OutboxState::sending) {
      std::cout << std::string(33, ' ') << reply << '\n';
    }
    if (const std::string note = office::doubt_note(row); !note.empty()) {
      std::cout << std::string(33, ' ') << "! " << note << '\n';
    }
  }
}

ExitCode list(const office::Workspace& workspace, const Arguments& arguments) {
  office::OutboxQuery query;
  if (const auto state = arguments.value("state")) query.state = state_argument(*state);
  query.key_prefix = arguments.value("key").value_or("");
  if (arguments.positionals().size() == 2) query.row = row_id(arguments.positionals()[1]);
  const office::OutboxListing listing = office::list_outbox(workspace, query);
  if (arguments.has("json")) {
    std::cout << office::to_json(listing, query.row.has_value()).dump(2) << '\n';
    return ExitCode::success;
  }
  if (!listing.exists) {
    std::cout << "the outbox is empty: " << listing.path.string()
              << " does not exist yet (panelpack tick makes it)\n";
    return ExitCode::success;
  }
  std::cout << listing.path.string() << ": " << counts_text(listing) << '\n';
  if (!listing.rows.empty()) print_rows(listing.rows);
  for (const auto& attempt : listing.attempts) {
    std::cout << "  " << office::log_time(seconds_of(attempt.at)) << "  " << attempt.outcome << "  "
              << attempt.smtp_code << "  "
              << attempt.reply.substr(0, attempt.reply.find_first_of("\r\n")) << '\n';
  }
  return ExitCode::success;
}

// retry or cancel: one row by ID, the rows whose key starts with --key, or (retry --all)
// every failed row.
ExitCode change(const office::Workspace& workspace, const Arguments& arguments,
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
  office::OutboxChange change;
  change.action = retry ? office::OutboxAction::retry : office::OutboxAction::cancel;
  if (by_id) change.row = row_id(arguments.positionals()[1]);
  if (prefix && prefix->empty())
    throw UsageError("--key needs a prefix such as reminder|permanence|");
  change.key_prefix = prefix;
  const std::vector<std::int64_t> ids = office::change_outbox(workspace, change, now).ids;
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
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  return action == "list" ? list(workspace, arguments) : change(workspace, arguments, now);
}

}  // namespace panelpack::cli
