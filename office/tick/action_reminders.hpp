#pragma once
// Reminders to the owners of the decisions' actions (docs/mail.md, "Action reminders"): tick
// emails an open action's owner at 09:00 (London) a number of working days before its due date
// (office.json actionReminders.daysBefore, 2 when absent) and at 09:00 on the day, once each.
// Done and cancelled actions get none; an owner without an email address gets none (owners are
// often recorded by name alone). The key action_reminder|PANEL|DATE|CASEREF#ID@before-DUE|owner (or
// @due-day-DUE) names the due date, so a due date moved later is reminded of again.

#include <optional>
#include <string>
#include <vector>

#include "mailer/outbox.hpp"
#include "office/records/action_list.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

inline constexpr int kDefaultActionReminderDays = 2;
// The London time both reminders go at.
inline constexpr panel::TimeOfDay kActionReminderTime{9, 0};

// office.json's actionReminders.daysBefore, or kDefaultActionReminderDays when it is absent.
int action_reminder_days(const Workspace& workspace);

struct ActionReminder {
  ActionRow action;
  bool due_day = false;      // the reminder on the day; else the one before it
  panel::UtcInstant due_at;  // when it goes
  // When it would be pointless: the day's reminder for the one before, the day's end for the
  // day's own. A tick that missed it until then sends nothing.
  panel::UtcInstant expires_at;
  std::string key;
};

// The key of an action's reminder.
std::string action_reminder_key(const ActionRow& action, bool due_day);

// The reminders due at `now` (due_at <= now < expires_at) of the open actions with a due date;
// queue_action_reminders leaves out those whose owner has no email address.
std::vector<ActionReminder> plan_action_reminders(const Workspace& workspace,
                                                  panel::UtcInstant now);

// Queues each planned reminder whose key the outbox does not hold (inputs.done_keys), through
// the office's email templates (action_reminder.*.mustache). An address outside
// allowedDomains is refused and logged. Returns how many were queued.
std::size_t queue_action_reminders(const TickQueueInputs& inputs, mailer::Outbox& outbox,
                                   TickLog& log);

}  // namespace panelpack::office
