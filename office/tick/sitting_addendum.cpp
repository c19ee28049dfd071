#include "office/tick/sitting_addendum.hpp"

#include <set>
#include <utility>

#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "office/calendar.hpp"
#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting/agenda_addendum.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "panel/mail_due.hpp"
#include "panel/sitting_notices.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using Code = OfficeError::Code;

// What planning and queueing said went wrong, in words, with the worst code.
class HeardProblems final : public EventSink {
 public:
  void event(const OfficeEvent& happened) override {
    if (happened.kind != OfficeEvent::Kind::problem) return;
    words.push_back(happened.detail);
    if (!worst || happened.code == Code::machine_failure) worst = happened.code;
  }
  std::string joined() const {
    std::string text;
    for (const std::string& line : words) text += (text.empty() ? "" : "; ") + line;
    return text;
  }

  std::vector<std::string> words;
  std::optional<Code> worst;
};

// A schedule_text ("LCS900102 09:30-10:30, LCS900103 10:30-11:15") as (case, slot) pairs.
std::vector<std::pair<std::string, std::string>> schedule_entries(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(", ", start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    const std::size_t space = item.find(' ');
    entries.emplace_back(item.substr(0, space),
                         space == std::string::npos ? "" : item.substr(space + 1));
    start = end + 2;
  }
  return entries;
}

const std::string* slot_of(const std::vector<std::pair<std::string, std::string>>& entries,
                           const std::string& case_ref) {
  for (const auto& [reference, slot] : entries) {
    if (reference == case_ref) return &slot;
  }
  return nullptr;
}

// "LCS900102 taken off; LCS900103 moved from 10:30-11:15 to 09:30-10:15; LCS900110 added at
// 11:15-12:00": the members' last agenda against the sitting's now, by case reference only.
std::string change_words(const std::string& sent, const std::string& now) {
  const auto before = schedule_entries(sent);
  const auto after = schedule_entries(now);
  std::vector<std::string> parts;
  for (const auto& [reference, slot] : before) {
    const std::string* moved = slot_of(after, reference);
    if (moved == nullptr) {
      parts.push_back(reference + " taken off");
    } else if (*moved != slot) {
      parts.push_back(reference + " moved from " + slot + " to " + *moved);
    }
  }
  for (const auto& [reference, slot] : after) {
    if (slot_of(before, reference) == nullptr) parts.push_back(reference + " added at " + slot);
  }
  if (parts.empty()) return "the order of the cases changed";
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

// The tick's plan for the sitting, its due mail narrowed to the addendum.
struct PlannedAddendum {
  panel::MailPlan plan;
  DueAddendum due;
};

PlannedAddendum plan_addendum(const Workspace& workspace, const std::string& panel_id,
                              panel::CalendarDate date, panel::UtcInstant now) {
  const std::string name = panel_id + " " + date.iso();
  const SittingsCalendar calendar = list_sittings(workspace, date, date, panel_id);
  if (calendar.sittings.empty()) {
    throw OfficeError(Code::bad_input, panel_id + " has no sitting on " + date.iso() +
                                           ": panelpack calendar --panel " + panel_id +
                                           " lists its sittings");
  }
  const panel::Sitting& sitting = calendar.sittings.front().sitting;
  if (sitting.cancelled) {
    throw OfficeError(Code::bad_input,
                      "the sitting " + name + " is cancelled: its members get no addendum");
  }
  if (now >= panel::local_to_utc(sitting.date, sitting.start_time)) {
    throw OfficeError(Code::bad_input, "the sitting " + name + " started at " +
                                           sitting.start_time.text() +
                                           ": an addendum is sent only before it starts");
  }
  const auto told = read_sitting_notices(workspace, panel_id, date);
  if (!told || !told->agenda) {
    throw OfficeError(Code::bad_input,
                      "the pack for " + name +
                          " was not circulated yet, so the members have no agenda to add to; "
                          "tick circulates the pack at the panel's pack deadline, with the "
                          "agenda as it is then");
  }
  HeardProblems heard;
  TickLog log(heard);
  PlannedAddendum planned{plan_tick_sitting(workspace, panel_id, date, now, log), {}};
  std::vector<panel::DueMail> addendum;
  for (const panel::DueMail& mail : planned.plan.due) {
    if (mail.kind == panel::MailKind::addendum) addendum.push_back(mail);
  }
  if (addendum.empty()) {
    if (!heard.words.empty()) {
      throw OfficeError(Code::bad_input, "cannot work out the new agenda for " + name + ": " +
                                             heard.joined() + "; put that right and try again");
    }
    throw OfficeError(Code::bad_input,
                      "the agenda the members were sent for " + name +
                          " is still the sitting's agenda (no case was added, taken off or "
                          "moved since), so there is no addendum to send; if a paper changed, "
                          "build the pack again");
  }
  const panel::SittingMail& planned_sitting = planned.plan.sittings.at(addendum.front().sitting);
  std::vector<panel::CaseSlot> slots;
  for (const panel::MailCase& item : planned_sitting.cases) {
    slots.push_back({item.case_ref, item.slot, item.end_time});
  }
  planned.due = {addendum.front().notice, change_words(*told->agenda, panel::schedule_text(slots)),
                 addendum.size()};
  planned.plan.due = std::move(addendum);
  planned.plan.passed.clear();  // nothing else of the sitting's mail is said or sent
  return planned;
}

std::set<std::string> keys_in(const mailer::Outbox& outbox) {
  std::set<std::string> keys;
  for (const mailer::OutboxRow& row : outbox.list()) keys.insert(row.idempotency_key);
  return keys;
}

AddendumOutcome send(const Workspace& workspace, const AddendumRequest& request) {
  const panel::MailConfig& mail = mail_config(workspace);
  // A tick running now may be sending this very addendum: it is busy, not waited for.
  const auto tick_lock = FileLock::try_take(tick_lock_path(workspace));
  if (!tick_lock) return {std::nullopt, tick_lock_path(workspace)};
  // The bookings cannot change between the plan and the record of what the members were told.
  const FileLock sitting_lock(
      lock_path_beside(workspace.bookings_path(request.panel_id, request.date)));
  ProgressSink& progress = request.progress != nullptr ? *request.progress : no_progress();

  PlannedAddendum planned = plan_addendum(workspace, request.panel_id, request.date, request.now);
  mailer::Outbox outbox(outbox_path(workspace));
  const std::set<std::string> done = keys_in(outbox);
  HeardProblems heard;
  TickLog log(heard);
  {
    ProgressStage stage(progress, "building the new agenda and queueing the emails", 1);
    const TickQueueInputs inputs{workspace,    mail,        planned.plan, done,
                                 std::nullopt, request.now, false};
    queue_due_mail(inputs, outbox, log);
    stage.advance();
  }
  AddendumSent sent;
  sent.number = planned.due.number;
  sent.changes = planned.due.changes;
  sent.folder = addendum_folder(workspace, request.panel_id, request.date, sent.number);
  sent.problems = heard.words;
  std::set<std::string> keys;
  for (const panel::DueMail& due : planned.plan.due) keys.insert(due.key);
  for (const mailer::OutboxRow& row : outbox.list()) {
    if (keys.contains(row.idempotency_key)) sent.emails.push_back({row.id, row.recipient});
  }
  if (sent.emails.empty()) {
    if (heard.worst == Code::busy) return {std::nullopt, lock_path_beside(sent.folder)};
    throw OfficeError(heard.worst.value_or(Code::bad_input),
                      "the addendum for " + request.panel_id + " " + request.date.iso() +
                          " was not sent: " + heard.joined());
  }
  const ProgressStage stage(progress, "recording what the members were told", 1);
  // What the members now have, as tick records it: the next tick sends them nothing again.
  for (const OfficeError& problem : record_notices(workspace, planned.plan, keys_in(outbox))) {
    throw OfficeError(Code::machine_failure,
                      std::string(problem.what()) +
                          "; the addendum is queued all the same (its keys keep it from going "
                          "twice) and the next tick records it",
                      problem.where());
  }
  return {std::move(sent), {}};
}

}  // namespace

DueAddendum due_addendum(const Workspace& workspace, const std::string& panel_id,
                         panel::CalendarDate date, panel::UtcInstant now) {
  return plan_addendum(workspace, panel_id, date, now).due;
}

AddendumOutcome send_addendum(const Workspace& workspace, const AddendumRequest& request) {
  try {
    return send(workspace, request);
  } catch (const mailer::MailError& failure) {
    // The outbox database itself: the machine, not the office's files.
    throw OfficeError(Code::machine_failure, failure.what());
  }
}

}  // namespace panelpack::office
