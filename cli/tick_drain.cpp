#include "tick_drain.hpp"

#include <map>

#include "tick_queue.hpp"

namespace panelpack::cli {

namespace {

using mailer::OutboxState;

// The reply as one short line: what the log quotes of the server.
std::string reply_line(const mailer::OutboxRow& row) {
  std::string reply = row.last_reply.substr(0, row.last_reply.find_first_of("\r\n"));
  if (reply.size() > 200) reply = reply.substr(0, 200) + "...";
  if (row.last_smtp_code != 0 && !reply.starts_with(std::to_string(row.last_smtp_code))) {
    reply = std::to_string(row.last_smtp_code) + " " + reply;
  }
  return reply;
}

std::string row_name(const mailer::OutboxRow& row) {
  return "row " + std::to_string(row.id) + " (" + describe_key(row.idempotency_key) + ")";
}

panel::UtcInstant seconds_of(mailer::TimePoint time) {
  return std::chrono::floor<std::chrono::seconds>(time);
}

void log_outcome(const mailer::OutboxRow& before, const mailer::OutboxRow& after, TickLog& log,
                 DrainCounts& counts) {
  if (after.attempts == before.attempts && after.state == before.state) return;
  switch (after.state) {
    case OutboxState::sent:
      ++counts.sent;
      if (after.resent_after_crash) {
        log.event("sent again " + row_name(after) + ": " + reply_line(after) +
                  "; a tick died while sending it, so the recipient may have it twice "
                  "(panelpack outbox list shows it)");
      } else {
        log.event("sent " + row_name(after) + ": " + reply_line(after));
      }
      break;
    case OutboxState::failed_temporary:
      ++counts.deferred;
      log.event("deferred " + row_name(after) + ": " + reply_line(after) + "; next attempt at " +
                log_time(seconds_of(after.next_attempt_at)));
      break;
    case OutboxState::failed_permanent:
      ++counts.failed;
      log.problem(ExitCode::bad_input,
                  row_name(after) + " failed for good: " + reply_line(after) +
                      "; see panelpack outbox list --state failed_permanent, then retry or cancel "
                      "it");
      break;
    default:
      break;
  }
}

}  // namespace

DrainCounts drain_outbox(mailer::Outbox& outbox, mailer::Transport& transport,
                         panel::UtcInstant now, TickLog& log) {
  std::map<std::int64_t, mailer::OutboxRow> before;
  for (mailer::OutboxRow& row : outbox.list()) {
    if (row.state == OutboxState::queued || row.state == OutboxState::failed_temporary ||
        row.state == OutboxState::sending) {
      before.emplace(row.id, std::move(row));
    }
  }
  DrainCounts counts;
  if (before.empty()) return counts;
  const mailer::DrainReport report = outbox.drain(transport, now);
  counts.written = report.written;
  if (!transport.dry_run()) {
    for (const mailer::OutboxRow& row : outbox.list()) {
      const auto found = before.find(row.id);
      if (found != before.end()) log_outcome(found->second, row, log, counts);
    }
  }
  if (report.stopped() && transport.dry_run()) {
    log.problem(ExitCode::machine_failure, "the dry run could not write its files (" +
                                               report.stopped_code +
                                               "): " + report.stopped_message);
  } else if (report.stopped()) {
    log.problem(ExitCode::machine_failure,
                "the relay could not be used (" + report.stopped_code +
                    "): " + report.stopped_message +
                    "; nothing more was sent, the rest wait in the outbox for the next tick");
  }
  return counts;
}

}  // namespace panelpack::cli
