#include "mailer/outbox.hpp"

#include <set>
#include <utility>

#include "mailer/attachment_spool.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/outbox_rows.hpp"
#include "mailer/outbox_transitions.hpp"
#include "mailer/stored_message.hpp"

namespace panelpack::mailer {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxKey = 1000;

}  // namespace

// The rows, the attachment spool beside them, and the policy for retries.
struct Outbox::State {
  OutboxRows rows;
  fs::path spool;
  OutboxPolicy policy;

  State(const fs::path& file, OutboxPolicy chosen)
      : rows(file), spool(fs::path(file).concat(".spool")), policy(chosen) {}

  State(const fs::path& file, ReadOnly)
      : rows(OutboxRows::open_read_only(file)), spool(fs::path(file).concat(".spool")) {}

  DrainReport dry_run(Transport& transport, std::int64_t now, std::size_t limit) {
    DrainReport report;
    for (const auto& [recipient, text] : rows.due_messages(now, limit)) {
      std::vector<std::string> attachments;
      const Message message = message_from(text, spool, attachments);
      try {
        transport.send(message, message.from.email, recipient);
        ++report.written;
      } catch (const MailError& error) {
        report.stopped_code = error.code();
        report.stopped_message = error.what();
        break;
      }
    }
    return report;
  }
};

Outbox::Outbox(const fs::path& database, OutboxPolicy policy)
    : state_(std::make_unique<State>(database, policy)) {}

Outbox::Outbox(const fs::path& database, ReadOnly)
    : state_(std::make_unique<State>(database, ReadOnly{})) {}

Outbox Outbox::open_read_only(const fs::path& database) {
  return Outbox(database, ReadOnly{});
}

Outbox::~Outbox() = default;
Outbox::Outbox(Outbox&&) noexcept = default;
Outbox& Outbox::operator=(Outbox&&) noexcept = default;

const fs::path& Outbox::spool_folder() const noexcept {
  return state_->spool;
}

std::size_t Outbox::prune_spool() {
  std::set<std::string> still_needed;
  for (const std::string& message : state_->rows.sendable_messages()) {
    const auto sha256s = attachment_sha256s(message);
    if (!sha256s) return 0;  // a row that cannot be read might need any file: keep them all
    still_needed.insert(sha256s->begin(), sha256s->end());
  }
  return remove_unneeded(state_->spool, still_needed);
}

QueueResult Outbox::queue(std::string_view idempotency_key, const Address& recipient,
                          Message message, std::span<const std::string> allowed_domains,
                          TimePoint now) {
  if (idempotency_key.empty() || idempotency_key.size() > kMaxKey) {
    throw MailError("invalid_key", std::string(idempotency_key.substr(0, 80)),
                    "an idempotency key must be 1 to 1000 characters");
  }
  validate_address(recipient.email);
  if (message.to.empty()) message.to.push_back(recipient);
  const auto check_allowed = [&](const Address& address) {
    validate_address(address.email);
    if (!domain_allowed(address.email, allowed_domains)) {
      std::string domains;
      for (const std::string& domain : allowed_domains) {
        domains += (domains.empty() ? "" : ", ") + domain;
      }
      throw MailError("recipient_not_allowed", address.email,
                      "mail may go only to addresses in " + domains +
                          " (and their subdomains); nothing was queued");
    }
  };
  check_allowed(recipient);
  for (const Address& address : message.to) check_allowed(address);
  for (const Address& address : message.cc) check_allowed(address);
  validate_message(message);

  if (const auto id = state_->rows.find(idempotency_key)) return QueueResult{*id, true};

  if (message.message_id.empty()) {
    message.message_id = make_message_id(email_domain(message.from.email));
  }
  std::vector<SpooledFile> spooled;
  for (const Attachment& attachment : message.attachments) {
    spooled.push_back(spool_attachment(attachment.file, state_->spool));
  }
  return state_->rows.insert(idempotency_key, recipient.email, message.subject, message.message_id,
                             message_json(message, spooled), to_seconds(now));
}

DrainReport Outbox::drain(Transport& transport, TimePoint now, std::size_t limit,
                          std::chrono::steady_clock::duration time_budget) {
  const auto started = std::chrono::steady_clock::now();
  const std::int64_t at = to_seconds(now);
  if (transport.dry_run()) return state_->dry_run(transport, at, limit);

  DrainReport report;
  report.recovered_after_crash = state_->rows.recover_interrupted(at);
  while (report.attempted < limit) {
    if (std::chrono::steady_clock::now() - started >= time_budget) {
      report.cut_short = "time_budget";
      break;
    }
    const std::optional<ClaimedRow> row = state_->rows.claim_next(at);
    if (!row) break;
    ++report.attempted;

    // A fault found before sending (unreadable stored message, changed attachment) is
    // permanent for the row; the transport is not asked.
    std::optional<SendResult> result;
    std::vector<std::string> attachments;
    Message message;
    try {
      message = message_from(row->message, state_->spool, attachments);
      if (const std::string changed = changed_attachment(state_->spool, attachments);
          !changed.empty()) {
        result = SendResult{SendResult::Outcome::permanent_failure, 0, changed};
      }
    } catch (const std::exception& error) {
      result = SendResult{SendResult::Outcome::permanent_failure, 0,
                          std::string("the stored message cannot be read: ") + error.what()};
    }
    if (!result) {
      try {
        result = transport.send(message, message.from.email, row->recipient);
      } catch (const MailError& error) {
        if (error.temporary()) {
          result = SendResult{SendResult::Outcome::temporary_failure, 0, error.what()};
        } else if (error.session_level()) {
          state_->rows.record_session_error(*row, error.what(), at);
          report.stopped_code = error.code();
          report.stopped_message = error.what();
          break;
        } else {
          result = SendResult{SendResult::Outcome::permanent_failure, 0, error.what()};
        }
      } catch (const std::exception& error) {
        state_->rows.record_session_error(*row, error.what(), at);
        report.stopped_code = "transport_error";
        report.stopped_message = error.what();
        break;
      }
    }
    const Transition transition = after_attempt(*row, *result, at, state_->policy);
    state_->rows.record(*row, transition, at);
    switch (transition.state) {
      case OutboxState::sent:
        ++report.delivered;
        break;
      case OutboxState::failed_temporary:
        ++report.deferred;
        break;
      default:
        ++report.failed_permanent;
        break;
    }
    if (result->outcome == SendResult::Outcome::unknown) ++report.unknown_outcomes;
    // A hung relay would make every further message wait the whole read timeout too.
    if (result->timed_out) {
      report.cut_short = "relay_timeout";
      break;
    }
  }
  if (report.stopped() || !report.cut_short.empty()) report.left_due = state_->rows.count_due(at);
  return report;
}

std::vector<OutboxRow> Outbox::list(const OutboxFilter& filter) const {
  return state_->rows.list(filter);
}

std::vector<AttemptRecord> Outbox::attempts(std::int64_t row_id) const {
  return state_->rows.attempts(row_id);
}

std::map<OutboxState, std::size_t> Outbox::counts() const {
  return state_->rows.counts();
}

std::size_t Outbox::retry(std::int64_t id, TimePoint now) {
  return state_->rows.retry(id, now);
}

std::size_t Outbox::retry_failed(TimePoint now) {
  return state_->rows.retry_failed(now);
}

std::size_t Outbox::cancel(std::int64_t id) {
  return state_->rows.cancel(id);
}

std::size_t Outbox::cancel_by_key_prefix(std::string_view key_prefix) {
  if (key_prefix.empty()) {
    throw MailError("invalid_key", "",
                    "cancelling by key needs a prefix (an empty one would "
                    "cancel everything)");
  }
  return state_->rows.cancel_by_key_prefix(key_prefix);
}

}  // namespace panelpack::mailer
