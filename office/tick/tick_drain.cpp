#include "office/tick/tick_drain.hpp"

#include <limits>
#include <map>

#include "office/tick/tick_queue.hpp"

namespace panelpack::office {

namespace {

using mailer::OutboxState;
using Kind = OfficeEvent::Kind;

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
  const bool outcome_now_unknown = after.unknown_outcomes > before.unknown_outcomes;
  const std::string& key = after.idempotency_key;
  switch (after.state) {
    case OutboxState::sent:
      ++counts.sent;
      if (before.unknown_outcomes > 0 && !before.resent_after_crash) {
        log.event(Kind::mail_sent, key,
                  "sent again " + row_name(after) + ": " + reply_line(after) +
                      "; an earlier attempt had no reply after the whole message went, so the "
                      "recipient may have it twice (panelpack outbox list shows it)");
      } else if (after.resent_after_crash) {
        log.event(Kind::mail_sent, key,
                  "sent again " + row_name(after) + ": " + reply_line(after) +
                      "; a tick died while sending it, so the recipient may have it twice "
                      "(panelpack outbox list shows it)");
      } else {
        log.event(Kind::mail_sent, key, "sent " + row_name(after) + ": " + reply_line(after));
      }
      break;
    case OutboxState::failed_temporary:
      ++counts.deferred;
      if (outcome_now_unknown) {
        log.event(Kind::mail_deferred, key,
                  "may have been delivered " + row_name(after) + ": " + reply_line(after) +
                      "; it is sent again at " + log_time(seconds_of(after.next_attempt_at)) +
                      " and marked a possible duplicate");
        break;
      }
      log.event(Kind::mail_deferred, key,
                "deferred " + row_name(after) + ": " + reply_line(after) + "; next attempt at " +
                    log_time(seconds_of(after.next_attempt_at)));
      break;
    case OutboxState::failed_permanent:
      ++counts.failed;
      if (outcome_now_unknown) {
        log.problem(OfficeError::Code::bad_input, key,
                    row_name(after) + " may have been delivered, not sent again: " +
                        reply_line(after) + "; ask the recipient, then panelpack outbox retry " +
                        std::to_string(after.id) + " if it did not arrive");
        break;
      }
      log.problem(OfficeError::Code::bad_input, key,
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
                         panel::UtcInstant now, TickLog& log,
                         std::chrono::steady_clock::duration time_budget) {
  std::map<std::int64_t, mailer::OutboxRow> before;
  for (mailer::OutboxRow& row : outbox.list()) {
    if (row.state == OutboxState::queued || row.state == OutboxState::failed_temporary ||
        row.state == OutboxState::sending) {
      before.emplace(row.id, std::move(row));
    }
  }
  DrainCounts counts;
  if (before.empty()) return counts;
  const mailer::DrainReport report =
      outbox.drain(transport, now, std::numeric_limits<std::size_t>::max(), time_budget);
  counts.written = report.written;
  if (!transport.dry_run()) {
    for (const mailer::OutboxRow& row : outbox.list()) {
      const auto found = before.find(row.id);
      if (found != before.end()) log_outcome(found->second, row, log, counts);
    }
  }
  if (report.cut_short == "relay_timeout") {
    log.event(Kind::note, "",
              "the relay did not answer in time, so sending stopped for this tick: " +
                  std::to_string(report.left_due) +
                  " emails wait in the outbox for the next tick, their attempts unchanged");
  } else if (report.cut_short == "time_budget") {
    log.event(Kind::note, "",
              "this tick's time for sending (office.json /mail/smtp/drainTimeoutSeconds) ran "
              "out: " +
                  std::to_string(report.left_due) + " emails wait in the outbox for the next tick");
  }
  if (report.stopped() && transport.dry_run()) {
    log.problem(OfficeError::Code::machine_failure, "",
                "the dry run could not write its files (" + report.stopped_code +
                    "): " + report.stopped_message);
  } else if (report.stopped()) {
    log.problem(OfficeError::Code::machine_failure, "",
                "the relay could not be used (" + report.stopped_code +
                    "): " + report.stopped_message +
                    "; nothing more was sent, the rest wait in the outbox for the next tick");
  }
  return counts;
}

}  // namespace panelpack::office
