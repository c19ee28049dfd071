#include "office/tick/action_reminders.hpp"

#include <map>
#include <memory>
#include <system_error>

#include "mailer/mail_error.hpp"
#include "office/error.hpp"
#include "office/mail/email_templates.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/validated_json.hpp"
#include "panel/mail_due.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using Kind = OfficeEvent::Kind;

std::string subject_of(const ActionReminder& reminder) {
  const ActionRow& action = reminder.action;
  return "action_reminder for " + action.panel_id + " " + action.sitting.iso() + " " +
         action.case_ref + " " + action.id;
}

std::string words_of(const ActionReminder& reminder) {
  return std::string(reminder.due_day ? "the reminder on the due day" : "the reminder before") +
         " of action " + reminder.action.id + " of " + reminder.action.case_ref;
}

// The child's initials and ID for the email (never the name); empty when the case file does
// not read: the reminder still goes, by case reference.
std::pair<std::string, std::string> child_of(const Workspace& workspace,
                                             const std::string& case_ref) {
  try {
    const panel::CaseSummary summary = workspace.load_case(case_ref).summary;
    return {summary.child_initials, summary.child_id};
  } catch (const OfficeError&) {
    return {};
  }
}

nlohmann::json reminder_data(const Workspace& workspace, const ActionReminder& reminder,
                             int days_before) {
  const ActionRow& action = reminder.action;
  const panel::PanelConfig& panel = workspace.office().panel(action.panel_id);
  const auto [initials, child_id] = child_of(workspace, action.case_ref);
  return {{"securityMarking", "OFFICIAL-SENSITIVE"},
          {"authority", workspace.office().authority},
          {"kind", panel::to_string(panel::MailKind::action_reminder)},
          {"recipient", {{"name", action.owner.name}, {"role", action.owner.role}}},
          {"panel", {{"id", panel.id}, {"name", panel.name}}},
          {"sitting", {{"date", action.sitting.iso()}, {"dateText", long_date(action.sitting)}}},
          {"case", {{"caseRef", action.case_ref}, {"initials", initials}, {"childId", child_id}}},
          {"action",
           {{"id", action.id},
            {"description", action.description},
            {"dueDate", action.due->iso()},
            {"dueDateText", long_date(*action.due)},
            {"dueToday", reminder.due_day},
            {"workingDaysBefore", days_before}}},
          {"administrator",
           {{"name", panel.administrator.name},
            {"email", panel.administrator.email},
            {"phone", panel.administrator.phone}}}};
}

}  // namespace

int action_reminder_days(const Workspace& workspace) {
  const nlohmann::json office = read_validated(workspace.root() / "office.json", "office");
  const auto settings = office.find("actionReminders");
  if (settings == office.end()) return kDefaultActionReminderDays;
  return settings->value("daysBefore", kDefaultActionReminderDays);
}

std::string action_reminder_key(const ActionRow& action, bool due_day) {
  // '#' and '@' after the case keep the key's case field readable as the case (mail_view).
  return panel::mail_key(panel::MailKind::action_reminder, action.panel_id, action.sitting,
                         action.case_ref + "#" + action.id + "@" +
                             (due_day ? "due-day-" : "before-") + action.due->iso(),
                         action.owner.email);
}

std::vector<ActionReminder> plan_action_reminders(const Workspace& workspace,
                                                  panel::UtcInstant now) {
  const int days_before = action_reminder_days(workspace);
  const panel::CalendarDate today = panel::utc_to_local(now).date;
  // A decisions file that does not read is `panelpack status`'s and the Actions page's to name;
  // every other file's actions are still reminded of.
  const ActionList list = list_actions(workspace, {}, today);
  std::vector<ActionReminder> due;
  for (const ActionRow& action : list.actions) {
    if (!action.open() || !action.due) continue;
    const panel::UtcInstant on_the_day = panel::local_to_utc(*action.due, kActionReminderTime);
    const panel::UtcInstant day_ends = panel::local_to_utc(action.due->plus_days(1), {0, 0});
    if (days_before > 0) {
      const panel::CalendarDate before =
          workspace.calendar().add_working_days(*action.due, -days_before);
      const panel::UtcInstant at = panel::local_to_utc(before, kActionReminderTime);
      if (at <= now && now < on_the_day) {
        due.push_back({action, false, at, on_the_day, ""});
      }
    }
    if (on_the_day <= now && now < day_ends) {
      due.push_back({action, true, on_the_day, day_ends, ""});
    }
  }
  for (ActionReminder& reminder : due) {
    reminder.key = action_reminder_key(reminder.action, reminder.due_day);
  }
  return due;
}

std::size_t queue_action_reminders(const TickQueueInputs& inputs, mailer::Outbox& outbox,
                                   TickLog& log) {
  const Workspace& workspace = inputs.workspace;
  const std::vector<ActionReminder> reminders = plan_action_reminders(workspace, inputs.now);
  if (reminders.empty()) return 0;
  const int days_before = action_reminder_days(workspace);
  std::map<fs::path, std::unique_ptr<EmailTemplates>> templates;
  std::size_t queued = 0;
  for (const ActionReminder& reminder : reminders) {
    const ActionRow& action = reminder.action;
    const std::string subject = subject_of(reminder);
    // Said by the first tick of the reminder's time only, not every five minutes after it.
    const bool first_tick = !inputs.last_tick || *inputs.last_tick < reminder.due_at;
    // Owners recorded by name alone are usual (the CLI's decisions): no reminder, no problem.
    if (action.owner.email.empty()) continue;
    if (inputs.done_keys.contains(reminder.key)) continue;
    try {
      const panel::PanelConfig& panel = workspace.office().panel(action.panel_id);
      const fs::path folder = email_templates_folder(workspace, panel);
      auto found = templates.find(folder);
      if (found == templates.end()) {
        found = templates
                    .emplace(folder, std::make_unique<EmailTemplates>(EmailTemplates::load(folder)))
                    .first;
      }
      panel::DueMail mail;
      mail.kind = panel::MailKind::action_reminder;
      mail.recipient = action.owner;
      mail.role = "owner";
      mail.due_at = reminder.due_at;
      mail.expires_at = reminder.expires_at;
      mail.key = reminder.key;
      const nlohmann::json data = reminder_data(workspace, reminder, days_before);
      mailer::Message message =
          email_message(inputs.mail, mail, found->second->render(mail.kind, data), nullptr);
      const mailer::QueueResult result =
          outbox.queue(mail.key, {action.owner.name, action.owner.email}, std::move(message),
                       workspace.office().allowed_domains, inputs.now);
      if (result.already_queued) continue;
      ++queued;
      log.event(Kind::mail_queued, subject,
                std::string(inputs.dry_run ? "dry run, would queue " : "queued ") +
                    words_of(reminder) + " to its owner" +
                    (inputs.dry_run ? "" : " (row " + std::to_string(result.id) + ")"));
    } catch (const mailer::MailError& error) {
      if (error.code() == "spool_failed" || error.code() == "outbox_database") {
        log.problem(OfficeError::Code::machine_failure, subject, error.what());
      } else if (first_tick) {
        log.problem(OfficeError::Code::bad_input, subject,
                    words_of(reminder) + " was not sent: " +
                        (error.code() == "recipient_not_allowed"
                             ? "the owner's address is outside allowedDomains in office.json"
                             : std::string(error.what())));
      }
    } catch (const OfficeError& failure) {
      log.problem(failure.code(), subject, words_of(reminder) + ": " + failure.what());
    } catch (const panel::PanelError& failure) {
      log.problem(OfficeError::Code::bad_input, subject,
                  words_of(reminder) + ": " + failure.what());
    }
  }
  return queued;
}

}  // namespace panelpack::office
