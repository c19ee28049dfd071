#include "office/views/mail_view.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>

#include "office/mail/outbox_view.hpp"
#include "office/progress.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "panel/mail_due.hpp"

namespace panelpack::office {

namespace {

using mailer::OutboxState;
using nlohmann::ordered_json;

panel::LondonTime london(mailer::TimePoint time) {
  return panel::utc_to_local(std::chrono::floor<std::chrono::seconds>(time));
}

// A change's key adds "@SLOT-END#N" or "#N" to the case; an addendum names "agenda#N-HASH".
std::string case_of(const std::string& key_case) {
  const std::string ref = key_case.substr(0, key_case.find_first_of("@#"));
  return ref == "agenda" ? "" : ref;
}

std::string status_words(const mailer::OutboxRow& row) {
  switch (row.state) {
    case OutboxState::queued:
      return row.attempts == 0 ? "waiting" : "waiting to try again";
    case OutboxState::sending:
      return "being sent";
    case OutboxState::sent:
      return "delivered";
    case OutboxState::failed_temporary:
      return "waiting to try again";
    case OutboxState::failed_permanent:
      return "failed";
    case OutboxState::cancelled:
      return "cancelled";
  }
  return "waiting";
}

MailStatus status_of(OutboxState state) {
  switch (state) {
    case OutboxState::sent:
      return MailStatus::delivered;
    case OutboxState::failed_permanent:
      return MailStatus::failed;
    case OutboxState::cancelled:
      return MailStatus::cancelled;
    default:
      return MailStatus::waiting;
  }
}

OutboxLine line_for(const mailer::OutboxRow& row) {
  OutboxLine line;
  line.id = row.id;
  line.recipient = row.recipient;
  line.status = status_of(row.state);
  line.status_words = status_words(row);
  if (row.last_smtp_code != 0 || !row.last_reply.empty()) {
    line.reply_words =
        (row.last_smtp_code != 0 ? std::to_string(row.last_smtp_code) + " " : "") + row.last_reply;
  }
  line.doubt = doubt_note(row);
  line.attempts = row.attempts;
  line.queued_at = london(row.created_at);
  if (row.sent_at) line.sent_at = london(*row.sent_at);
  if (const auto parts = panel::parse_mail_key(row.idempotency_key)) {
    line.kind = parts->kind;
    line.panel_id = parts->panel_id;
    try {
      line.sitting = panel::CalendarDate::parse(parts->date);
    } catch (const std::exception&) {
      line.sitting.reset();  // a key of an older panelpack: shown without its sitting
    }
    line.case_ref = case_of(parts->case_ref);
  }
  line.kind_words = mail_kind_words(line.kind);
  return line;
}

// Mail about a change is due the moment the change is made, never on a date to come.
bool is_change(panel::MailKind kind) {
  return kind == panel::MailKind::correction || kind == panel::MailKind::cancellation ||
         kind == panel::MailKind::addendum || kind == panel::MailKind::pack_failed;
}

ordered_json time_json(const std::optional<panel::LondonTime>& time) {
  return time ? ordered_json(time->iso8601()) : ordered_json(nullptr);
}

std::vector<OutboxLine> lines_of(const OutboxListing& listing) {
  std::vector<OutboxLine> lines;
  for (const mailer::OutboxRow& row : listing.rows) lines.push_back(line_for(row));
  std::sort(lines.begin(), lines.end(),
            [](const OutboxLine& a, const OutboxLine& b) { return a.id > b.id; });
  return lines;
}

}  // namespace

std::string mail_kind_words(const std::string& kind) {
  static const std::array<std::pair<std::string_view, std::string_view>, 14> kWords{{
      {"reminder", "Reminder to a presenter"},
      {"circulation", "Pack circulated to the panel"},
      {"papers-missing", "Missing papers, to the team manager"},
      {"minutes-due", "Minutes due, to the administrator"},
      {"correction", "New time slot, to a presenter"},
      {"cancellation", "Case taken off the agenda, to a presenter"},
      {"addendum", "Addendum to the agenda, to the panel"},
      {"pack-failed", "Pack could not be built, to the administrator"},
      {"chaser", "Chaser for a missing paper, to a presenter"},
      {"action_reminder", "Reminder of an action, to its owner"},
      {"decision_record", "Decision record, to the social worker and team manager"},
      {"confirmation", "Booking confirmation and invitation, to a presenter"},
      {"invitation", "Invitation to the sitting, to the panel"},
      {"intake_reply", "Reply to a paper sent to the submission mailbox"},
  }};
  for (const auto& [code, words] : kWords) {
    if (code == kind) return std::string{words};
  }
  return kind.empty() ? "Mail not queued by tick" : kind;
}

std::string to_string(MailStatus status) {
  switch (status) {
    case MailStatus::delivered:
      return "delivered";
    case MailStatus::waiting:
      return "waiting";
    case MailStatus::failed:
      return "failed";
    case MailStatus::cancelled:
      return "cancelled";
  }
  return "waiting";
}

std::vector<OutboxLine> outbox_lines(const Workspace& workspace) {
  return lines_of(list_outbox(workspace, {}));
}

std::vector<ScheduledMail> mail_schedule(const Workspace& workspace, panel::UtcInstant from,
                                         std::chrono::days span) {
  // A tick at the window's end that looks back over the whole window sees every moment in it:
  // those still due and those it would call passed.
  // A plan made for a page says nothing: its problems are status's to report.
  TickLog log(no_events());
  const panel::UtcInstant until = from + span;
  const panel::MailPlan plan =
      plan_tick_window(workspace, panel::MailWindow{until, span, kTickLateAfter}, log);
  using Key =
      std::tuple<panel::UtcInstant, std::string, std::string, panel::CalendarDate, std::string>;
  std::map<Key, ScheduledMail> lines;
  for (const auto* list : {&plan.due, &plan.passed}) {
    for (const panel::DueMail& mail : *list) {
      if (mail.due_at < from || mail.due_at > until || is_change(mail.kind)) continue;
      const panel::SittingMail& sitting = plan.sittings[mail.sitting];
      const std::string case_ref = mail.about ? sitting.cases[*mail.about].case_ref : "";
      const std::string kind = panel::to_string(mail.kind);
      ScheduledMail& line =
          lines[{mail.due_at, kind, sitting.sitting.panel_id, sitting.sitting.date, case_ref}];
      if (line.recipients == 0) {
        line = {kind,
                mail_kind_words(kind),
                sitting.sitting.panel_id,
                sitting.sitting.date,
                case_ref,
                panel::utc_to_local(mail.due_at),
                0};
      }
      ++line.recipients;
    }
  }
  std::vector<ScheduledMail> schedule;
  for (auto& [key, line] : lines) schedule.push_back(std::move(line));
  return schedule;
}

MailView mail_view(const Workspace& workspace, panel::UtcInstant now) {
  MailView view;
  view.now = now;
  const OutboxListing listing = list_outbox(workspace, {});
  view.outbox_exists = listing.exists;
  view.outbox = lines_of(listing);
  view.schedule = mail_schedule(workspace, now, kMailScheduleDays);
  return view;
}

ordered_json to_json(const OutboxLine& line) {
  ordered_json json{{"id", line.id},
                    {"recipient", line.recipient},
                    {"kind", line.kind},
                    {"kindWords", line.kind_words},
                    {"panel", line.panel_id}};
  json["sitting"] = line.sitting ? ordered_json(line.sitting->iso()) : ordered_json(nullptr);
  json["caseRef"] = line.case_ref;
  json["status"] = to_string(line.status);
  json["statusWords"] = line.status_words;
  json["reply"] = line.reply_words;
  json["doubt"] = line.doubt;
  json["attempts"] = line.attempts;
  json["queuedAt"] = line.queued_at.iso8601();
  json["sentAt"] = time_json(line.sent_at);
  return json;
}

ordered_json to_json(const ScheduledMail& mail) {
  return {{"kind", mail.kind},
          {"kindWords", mail.kind_words},
          {"panel", mail.panel_id},
          {"sitting", mail.sitting.iso()},
          {"caseRef", mail.case_ref},
          {"dueAt", mail.due_at.iso8601()},
          {"recipients", mail.recipients}};
}

ordered_json to_json(const MailView& view) {
  ordered_json outbox = ordered_json::array();
  for (const OutboxLine& line : view.outbox) outbox.push_back(to_json(line));
  ordered_json schedule = ordered_json::array();
  for (const ScheduledMail& mail : view.schedule) schedule.push_back(to_json(mail));
  return {{"now", panel::utc_to_local(view.now).iso8601()},
          {"outboxExists", view.outbox_exists},
          {"outbox", std::move(outbox)},
          {"schedule", std::move(schedule)}};
}

}  // namespace panelpack::office
