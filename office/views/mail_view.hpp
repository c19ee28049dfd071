#pragma once
// The Mail page's model: the outbox in words (to whom, what kind of mail, which sitting and
// case by id, delivered / waiting / failed and the relay's reply; never a message's body or
// subject) and the schedule of the mail the tick will send in the coming days.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

enum class MailStatus { delivered, waiting, failed, cancelled };

// One outbox row.
struct OutboxLine {
  std::int64_t id = 0;
  std::string recipient;   // an email address
  std::string kind;        // the key's kind: "reminder", "circulation", "papers-missing"...
  std::string kind_words;  // "Reminder to a presenter"
  std::string panel_id;    // empty: a row not queued by tick (its key does not read)
  std::optional<panel::CalendarDate> sitting;
  std::string case_ref;  // empty: mail about the whole sitting
  MailStatus status = MailStatus::waiting;
  std::string status_words;  // "delivered", "waiting", "waiting to try again", "failed", ...
  std::string reply_words;   // the relay's last reply ("550 mailbox unavailable"); empty: none
  std::string doubt;         // outbox_view.hpp's doubt_note: empty unless delivery is in doubt
  int attempts = 0;
  panel::LondonTime queued_at;
  std::optional<panel::LondonTime> sent_at;
};

// Mail the tick will send: one line per kind, sitting, case and moment, its recipients counted.
struct ScheduledMail {
  std::string kind;
  std::string kind_words;
  std::string panel_id;
  panel::CalendarDate sitting;
  std::string case_ref;  // empty: mail about the whole sitting
  panel::LondonTime due_at;
  std::size_t recipients = 0;
};

struct MailView {
  panel::UtcInstant now;
  bool outbox_exists = false;           // false: no tick has run, nothing was queued
  std::vector<OutboxLine> outbox;       // newest first
  std::vector<ScheduledMail> schedule;  // the next kMailScheduleDays, earliest first
};

inline constexpr std::chrono::days kMailScheduleDays{14};

// Reads the outbox (without writing) and plans the coming mail as tick would. Throws
// OfficeError (machine_failure) when the outbox cannot be read.
MailView mail_view(const Workspace& workspace, panel::UtcInstant now);

// The outbox's rows in words, newest first; empty when there is no outbox.
std::vector<OutboxLine> outbox_lines(const Workspace& workspace);

// What the tick will send from `from` to `from + span` (both included) as the bookings and
// case files stand now: reminders, circulations, missing-paper escalations and minutes
// reminders. Mail about a change (correction, cancellation, addendum) is due at once and is
// not scheduled, and a sitting whose files do not read is left out (status reports those).
std::vector<ScheduledMail> mail_schedule(const Workspace& workspace, panel::UtcInstant from,
                                         std::chrono::days span);

// "reminder" -> "Reminder to a presenter"; the kind itself for one it does not know.
std::string mail_kind_words(const std::string& kind);
std::string to_string(MailStatus status);  // "delivered", "waiting", "failed", "cancelled"

nlohmann::ordered_json to_json(const OutboxLine& line);
nlohmann::ordered_json to_json(const ScheduledMail& mail);
// {"now", "outboxExists", "outbox": [...], "schedule": [...]}
nlohmann::ordered_json to_json(const MailView& view);

}  // namespace panelpack::office
