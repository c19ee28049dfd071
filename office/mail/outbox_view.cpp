#include "office/mail/outbox_view.hpp"

#include <chrono>
#include <system_error>
#include <utility>

#include "mailer/mail_error.hpp"
#include "office/error.hpp"
#include "office/mail/mail_settings.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using mailer::OutboxRow;
using mailer::OutboxState;
using nlohmann::ordered_json;

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

// The warning for a row whose delivery is in doubt, or nullptr.
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

std::string utc_text(mailer::TimePoint time) {
  return panel::format_utc(std::chrono::floor<std::chrono::seconds>(time));
}

ordered_json row_json(const OutboxRow& row) {
  ordered_json json{{"id", row.id},
                    {"key", row.idempotency_key},
                    {"recipient", row.recipient},
                    {"subject", row.subject},
                    {"messageId", row.message_id},
                    {"state", mailer::to_string(row.state)},
                    {"attempts", row.attempts},
                    {"createdAt", utc_text(row.created_at)},
                    {"nextAttemptAt", utc_text(row.next_attempt_at)}};
  json["sentAt"] = row.sent_at ? ordered_json(utc_text(*row.sent_at)) : nullptr;
  json["lastSmtpCode"] = row.last_smtp_code;
  json["lastReply"] = row.last_reply;
  json["resentAfterCrash"] = row.resent_after_crash;
  // Attempts that may have been delivered: a tick died while sending, or no reply came after
  // the whole message was sent.
  json["unknownOutcomes"] = row.unknown_outcomes;
  // The documented duplicates: a row whose delivery was in doubt and that is (to be) sent again.
  json["mayBeDuplicate"] = may_be_duplicate(row);
  if (const std::string note = doubt_note(row); !note.empty()) json["note"] = note;
  return json;
}

// The outbox database's own failures are the machine's, not the office's files'.
[[noreturn]] void machine_failure(const mailer::MailError& failure) {
  throw OfficeError(OfficeError::Code::machine_failure, failure.what());
}

OfficeError no_row(const fs::path& path, std::int64_t id) {
  return OfficeError(OfficeError::Code::bad_input, path.string() + ": no row " + std::to_string(id),
                     {path.string(), ""});
}

bool changeable(OutboxAction action, const OutboxRow& row) {
  const bool failed =
      row.state == OutboxState::failed_temporary || row.state == OutboxState::failed_permanent;
  if (action == OutboxAction::retry) return failed;
  return failed || row.state == OutboxState::queued;
}

std::size_t apply(OutboxAction action, mailer::Outbox& outbox, std::int64_t id,
                  panel::UtcInstant now) {
  return action == OutboxAction::retry ? outbox.retry(id, now) : outbox.cancel(id);
}

OutboxChanged change_opened(mailer::Outbox& outbox, const fs::path& path,
                            const OutboxChange& change, panel::UtcInstant now) {
  const bool retry = change.action == OutboxAction::retry;
  OutboxChanged changed;
  if (change.row) {
    const std::int64_t id = *change.row;
    std::optional<OutboxRow> found;
    for (OutboxRow& row : outbox.list()) {
      if (row.id == id) found = std::move(row);
    }
    if (!found) throw no_row(path, id);
    if (!changeable(change.action, *found)) {
      throw OfficeError(OfficeError::Code::bad_input,
                        "row " + std::to_string(id) + " is " + mailer::to_string(found->state) +
                            (retry ? ": only failed rows can be retried"
                                   : ": only rows not yet sent (or being sent) can be cancelled"),
                        {path.string(), ""});
    }
    if (apply(change.action, outbox, id, now) == 1) changed.ids.push_back(id);
    return changed;
  }
  mailer::OutboxFilter filter;
  filter.key_prefix = change.key_prefix.value_or("");
  for (const OutboxRow& row : outbox.list(filter)) {
    if (!changeable(change.action, row)) continue;
    if (apply(change.action, outbox, row.id, now) == 1) changed.ids.push_back(row.id);
  }
  return changed;
}

}  // namespace

std::string doubt_note(const OutboxRow& row) {
  const char* text = doubt_note_text(row);
  if (text == nullptr) return {};
  std::string note = text;
  if (const auto at = note.find("{ID}"); at != std::string::npos) {
    note.replace(at, 4, std::to_string(row.id));
  }
  return note;
}

bool may_be_duplicate(const OutboxRow& row) {
  return row.possible_duplicate() || row.state == OutboxState::sending;
}

OutboxListing list_outbox(const Workspace& workspace, const OutboxQuery& query) {
  OutboxListing listing;
  listing.path = outbox_path(workspace);
  std::error_code error;
  listing.exists = fs::exists(listing.path, error);
  try {
    if (listing.exists) {
      // Opened read-only: listing writes nothing, so it works on a full disk.
      const mailer::Outbox outbox = mailer::Outbox::open_read_only(listing.path);
      for (OutboxRow& row : outbox.list({query.state, query.key_prefix})) {
        if (!query.row || row.id == *query.row) listing.rows.push_back(std::move(row));
      }
      listing.counts = outbox.counts();
      if (query.row && !listing.rows.empty()) listing.attempts = outbox.attempts(*query.row);
    }
  } catch (const mailer::MailError& failure) {
    machine_failure(failure);
  }
  if (query.row && listing.rows.empty()) throw no_row(listing.path, *query.row);
  return listing;
}

ordered_json to_json(const OutboxListing& listing, bool with_audit) {
  ordered_json rows = ordered_json::array();
  for (const OutboxRow& row : listing.rows) {
    ordered_json entry = row_json(row);
    if (with_audit) {
      ordered_json audit = ordered_json::array();
      // The attempts are the one row's the query named.
      for (const mailer::AttemptRecord& attempt : listing.attempts) {
        audit.push_back({{"at", utc_text(attempt.at)},
                         {"outcome", attempt.outcome},
                         {"smtpCode", attempt.smtp_code},
                         {"reply", attempt.reply}});
      }
      entry["audit"] = std::move(audit);
    }
    rows.push_back(std::move(entry));
  }
  ordered_json counts = ordered_json::object();
  for (const auto& [state, count] : listing.counts) counts[mailer::to_string(state)] = count;
  return ordered_json{{"outbox", listing.path.string()}, {"counts", counts}, {"rows", rows}};
}

OutboxChanged change_outbox(const Workspace& workspace, const OutboxChange& change,
                            panel::UtcInstant now) {
  const fs::path path = outbox_path(workspace);
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw OfficeError(OfficeError::Code::bad_input, path.string() + ": the outbox is empty",
                      {path.string(), ""});
  }
  try {
    mailer::Outbox outbox(path);
    return change_opened(outbox, path, change, now);
  } catch (const mailer::MailError& failure) {
    machine_failure(failure);
  }
}

}  // namespace panelpack::office
