#include "office/intake/intake.hpp"

#include <stdlib.h>

#include <algorithm>
#include <system_error>

#include "mailer/mail_error.hpp"
#include "mailer/received_message.hpp"
#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/intake/intake_reply.hpp"
#include "office/intake/intake_run.hpp"
#include "office/intake/intake_status.hpp"
#include "office/intake/office_mailbox.hpp"
#include "office/intake/paper_checks.hpp"
#include "office/intake/paper_matching.hpp"
#include "office/intake/scratch_folder.hpp"
#include "office/intake/seen_messages.hpp"
#include "office/intake/unmatched.hpp"
#include "office/sitting/bookings_version.hpp"
#include "office/sitting/paper_upload.hpp"
#include "panel/labels.hpp"
#include "panel/sittings.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// Pictures smaller than this that are not documents are a signature's logo: left quietly.
constexpr std::size_t kLargestLogo = 256U << 10;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Parts that ride along with a message and are no paper: a signature's logo, an S/MIME
// signature, a contact card, a calendar entry. Nobody is told about them.
bool rides_along(const mailer::ReceivedFile& file) {
  const std::string type = lowercase(file.content_type);
  if (type.starts_with("image/")) {
    return file.bytes.size() <= kLargestLogo;
  }
  return type == "application/pkcs7-signature" || type == "application/x-pkcs7-signature" ||
         type == "text/vcard" || type == "text/x-vcard" || type == "text/calendar" ||
         type == "application/ics";
}

struct Run {
  const Workspace& workspace;
  mailer::ImapMailbox& mailbox;
  mailer::Outbox& outbox;
  const IntakeRequest& request;
  const panel::IntakeConfig& config;
  std::string own_address;  // the office's From: it never replies to itself
  IntakeIndex index;
  SeenMessages seen;
  ScratchFolder scratch;
  IntakeResult result;
};

// One file of one message, as it went through.
struct Paper {
  const mailer::ReceivedMessage* message;
  const mailer::ReceivedFile* file;
  std::string message_key;
  panel::UtcInstant arrived;
  std::string sha256;
  std::size_t documents = 1;
};

std::string sitting_text(const SittingId& sitting) {
  return sitting.panel_id + " " + sitting.date.iso();
}

bool may_reply(const Run& run, const Paper& paper, bool sender_allowed) {
  const std::string& from = paper.message->from_email;
  return sender_allowed && !from.empty() && from != run.own_address;
}

IntakeReply reply_for(const Paper& paper, IntakeReply::Outcome outcome) {
  IntakeReply reply;
  reply.outcome = outcome;
  reply.to_name = paper.message->from_name;
  reply.to_email = paper.message->from_email;
  reply.message_key = paper.message_key;
  reply.in_reply_to = paper.message->message_id;
  reply.sha256 = paper.sha256;
  reply.filename = paper.file->filename;
  reply.arrived = paper.arrived;
  return reply;
}

void send_reply(Run& run, const IntakeReply& reply) {
  if (queue_intake_reply(run.workspace, run.outbox, reply, run.request.now)) {
    ++run.result.replies_queued;
  }
}

// Kept for the administrator; the sender told (when they may be) that it waits to be placed.
std::string leave_unmatched(Run& run, const Paper& paper, const PaperMatch& match,
                            const fs::path& file, const std::string& reason) {
  UnmatchedPaper entry;
  entry.arrived = paper.arrived;
  entry.from_email = paper.message->from_email;
  entry.subject = paper.message->subject;
  entry.filename = paper.file->filename;
  entry.sha256 = paper.sha256;
  entry.reason = reason;
  entry.message_key = paper.message_key;
  entry.guessed_case_ref = match.case_ref;
  entry.guessed_paper_type = match.paper_type;
  const std::string id = add_unmatched(run.workspace, entry, file);
  ++run.result.unmatched;
  run.result.lines.push_back("paper from message " + paper.message_key + " left unmatched as " +
                             id + (match.case_ref.empty() ? "" : " (" + match.case_ref + "?)"));
  if (may_reply(run, paper, match.sender_allowed)) {
    IntakeReply reply = reply_for(paper, IntakeReply::Outcome::unplaced);
    reply.reason = reason;
    send_reply(run, reply);
  }
  return "unmatched";
}

std::string refuse(Run& run, const Paper& paper, const PaperMatch& match,
                   const std::string& reason) {
  ++run.result.refused;
  run.result.lines.push_back(
      (match.case_ref.empty() ? "paper" : match.case_ref + " paper") + " from message " +
      paper.message_key + " refused (" +
      (reason.find("password") != std::string::npos ? "password-protected" : "not taken") + ")");
  if (may_reply(run, paper, match.sender_allowed)) {
    IntakeReply reply = reply_for(paper, IntakeReply::Outcome::refused);
    reply.case_ref = match.case_ref;
    reply.reason = reason;
    send_reply(run, reply);
  }
  return "refused";
}

bool late_for(const Workspace& workspace, const SittingId& id, panel::UtcInstant arrived) {
  const panel::PanelConfig& panel = workspace.office().panel(id.panel_id);
  const panel::Sitting sitting = panel::find_sitting(panel, id.date);
  return arrived > panel::deadlines_for(panel, sitting, workspace.calendar()).papers_due.utc;
}

// The paper this booking recorded at this moment, when it is this very file: an earlier run
// filed it and stopped before it could write so.
bool filed_before(const Workspace& workspace, const SittingId& id, const std::string& case_ref,
                  const std::string& type, panel::UtcInstant arrived, const std::string& sha256) {
  const auto bookings = workspace.load_bookings(id.panel_id, id.date);
  if (!bookings) return false;
  const panel::BookingItem* item = bookings->find(case_ref);
  if (item == nullptr) return false;
  for (const panel::ReceivedPaper& earlier : item->papers) {
    if (earlier.type != type || earlier.received_at != arrived || earlier.file.empty()) continue;
    std::error_code error;
    const fs::path stored = workspace.resolve(earlier.file);
    if (fs::is_regular_file(stored, error) &&
        text::sha256_hex(read_input(stored.string())) == sha256) {
      return true;
    }
  }
  return false;
}

std::string file_it(Run& run, const Paper& paper, const PaperMatch& match, const fs::path& file) {
  const SittingId& sitting = *match.sitting;
  PaperUploadRequest upload{sitting, match.case_ref, match.paper_type, file, paper.arrived};
  PaperUploadResult filed;
  // A change to the sitting between reading its version and holding its lock: read it again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    filed = record_uploaded_paper(run.workspace, upload,
                                  bookings_version(run.workspace, sitting.panel_id, sitting.date));
    if (filed.booking.refused != BookingRefusal::sitting_changed) break;
  }
  bool again = false;
  if (!filed.done()) {
    if (filed.not_a_document) return refuse(run, paper, match, *filed.not_a_document);
    again = filed.booking.refused == BookingRefusal::already_received &&
            filed_before(run.workspace, sitting, filed.booking.case_ref, match.paper_type,
                         paper.arrived, paper.sha256);
    if (!again) {
      // The booking's own refusal (cancelled since, taken off, two of a kind in one message).
      return leave_unmatched(run, paper, match, file, filed.booking.message);
    }
  }
  const bool late = late_for(run.workspace, sitting, paper.arrived);
  ++run.result.filed;
  run.result.lines.push_back(filed.booking.case_ref + " " + match.paper_type + " filed on " +
                             sitting_text(sitting) + (late ? " (late)" : " (on time)") +
                             " from message " + paper.message_key +
                             (again ? " (recorded by an earlier run)" : ""));
  if (may_reply(run, paper, match.sender_allowed)) {
    IntakeReply reply = reply_for(paper, IntakeReply::Outcome::filed);
    reply.sitting = sitting;
    reply.case_ref = filed.booking.case_ref;
    reply.paper_type = match.paper_type;
    reply.late = late;
    send_reply(run, reply);
  }
  return "filed";
}

// What became of one file: "filed", "refused", "unmatched" or "skipped".
std::string take_file(Run& run, const Paper& paper) {
  const mailer::ReceivedMessage& message = *paper.message;
  const PaperToMatch about{message.from_email,   message.subject, message.text,
                           paper.file->filename, paper.arrived,   paper.documents};
  const PaperMatch match = match_paper(run.index, about);
  const auto cap = static_cast<std::uint64_t>(run.config.max_attachment_bytes);
  const fs::path file = run.scratch.hold(paper.file->bytes);
  // From outside the council and its partners: kept for a person, whatever it is, and unanswered.
  if (!match.sender_allowed) return leave_unmatched(run, paper, match, file, match.reason);
  const PaperCheck check = check_paper_file(file, cap);
  if (!check.passed()) return refuse(run, paper, match, check.refusal);
  if (!match.placed()) return leave_unmatched(run, paper, match, file, match.reason);
  return file_it(run, paper, match, file);
}

void take_message(Run& run, const mailer::MailboxMessage& held) {
  const std::string key = held.uid_validity + "/" + held.uid;
  ++run.result.messages;
  if (run.seen.processed(key)) {
    // Read to its end before; marking it in the mailbox is what failed.
    run.mailbox.mark_processed(held);
    return;
  }
  const auto arrived = std::chrono::floor<std::chrono::seconds>(held.arrived);
  if (held.too_large) {
    if (!run.seen.file_outcome(key, "", "whole-message")) {
      ++run.result.refused;
      run.result.lines.push_back("message " + key + " is larger than " +
                                 megabytes(largest_message_read(run.config)) +
                                 ": not read; it stays in the mailbox for a person to open");
      run.seen.record_file(key, "", "whole-message", "refused");
    }
    run.mailbox.mark_processed(held);
    run.seen.record_processed(key, "");
    return;
  }
  const mailer::ReceivedMessage message = mailer::parse_received_message(held.raw);
  std::vector<const mailer::ReceivedFile*> papers;
  for (const mailer::ReceivedFile& file : message.files) {
    if (!rides_along(file)) papers.push_back(&file);
  }
  if (papers.empty()) {
    run.result.lines.push_back("message " + key + " carries no paper: left for a person to read");
  }
  for (const mailer::ReceivedFile* file : papers) {
    Paper paper{&message, file, key, arrived, text::sha256_hex(file->bytes), papers.size()};
    if (run.seen.file_outcome(key, message.message_id, paper.sha256)) {
      ++run.result.already_seen;
      continue;
    }
    const std::string outcome = take_file(run, paper);
    run.seen.record_file(key, message.message_id, paper.sha256, outcome);
  }
  run.mailbox.mark_processed(held);
  run.seen.record_processed(key, message.message_id);
}

}  // namespace

IntakeResult intake_messages(const Workspace& workspace, mailer::ImapMailbox& mailbox,
                             mailer::Outbox& outbox, const IntakeRequest& request) {
  const panel::IntakeConfig& config = intake_config(workspace);
  const panel::MailConfig& mail = *workspace.office().mail;
  std::error_code error;
  fs::create_directories(workspace.root() / "intake", error);
  // One intake at a time (tick, the console's button): the second would read the same messages.
  const auto lock = FileLock::try_take(workspace.root() / "intake" / ".run.lock");
  if (!lock) throw busy_error((workspace.root() / "intake" / ".run.lock").string());
  Run run{workspace,
          mailbox,
          outbox,
          request,
          config,
          lowercase(mail.from.email),
          load_intake_index(workspace),
          SeenMessages::read(workspace),
          ScratchFolder{"intake"},
          {}};
  for (const std::string& problem : run.index.problems) {
    run.result.lines.push_back("problem: " + problem);
  }
  const std::vector<mailer::MailboxMessage> messages =
      mailbox.unprocessed(request.most_messages, largest_message_read(config));
  for (const mailer::MailboxMessage& held : messages) take_message(run, held);

  IntakeStatus status;
  status.at = request.now;
  status.messages = run.result.messages;
  status.filed = run.result.filed;
  status.refused = run.result.refused;
  status.unmatched = run.result.unmatched;
  status.waiting = static_cast<int>(list_unmatched(workspace).size());
  write_intake_status(workspace, status);
  return std::move(run.result);
}

IntakeResult run_intake(const Workspace& workspace, mailer::ImapMailbox& mailbox,
                        mailer::Outbox& outbox, const IntakeRequest& request) {
  try {
    return intake_messages(workspace, mailbox, outbox, request);
  } catch (const mailer::MailError& failure) {
    write_failed_intake_status(workspace, request.now, failure.code(), failure.what());
    throw OfficeError(OfficeError::Code::machine_failure,
                      std::string(failure.what()) +
                          "; what was done before stays done, the "
                          "rest waits in the mailbox for the next run");
  }
}

}  // namespace panelpack::office
