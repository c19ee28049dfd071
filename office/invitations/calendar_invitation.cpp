#include "office/invitations/calendar_invitation.hpp"

#include <algorithm>

#include "mailer/message.hpp"
#include "office/error.hpp"
#include "office/mail/mail_content.hpp"
#include "panel/labels.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace {

using Method = mailer::CalendarEvent::Method;

mailer::LondonTime london(panel::CalendarDate date, const std::string& time) {
  panel::TimeOfDay clock;
  try {
    clock = panel::TimeOfDay::parse(time);
  } catch (const panel::PanelError& failure) {
    // Only a hand-edited notices file (notified/PANEL/DATE.json) holds such a slot.
    throw OfficeError(OfficeError::Code::bad_input,
                      "the invitation's time \"" + time + "\" of the sitting on " + date.iso() +
                          " does not read: " + failure.what() +
                          "; correct it in notified/ or delete that sitting's file");
  }
  return {date.year(), static_cast<int>(date.month()), static_cast<int>(date.day()), clock.hour,
          clock.minute};
}

// A slot's end from a record that did not keep it (written before endTime was): one slot on.
mailer::LondonTime slot_end(panel::CalendarDate date, const std::string& start, int minutes) {
  mailer::LondonTime end = london(date, start);
  const int total = std::min(end.hour * 60 + end.minute + minutes, 23 * 60 + 59);
  end.hour = total / 60;
  end.minute = total % 60;
  return end;
}

// "20261205T142000Z"
std::string stamp(panel::UtcInstant now) {
  std::string text = panel::format_utc(now);  // "2026-12-05T14:20:00Z"
  std::string compact;
  for (const char c : text) {
    if (c != '-' && c != ':') compact += c;
  }
  return compact;
}

mailer::Address organizer(const panel::MailConfig& config, const panel::OfficeConfig& office) {
  if (!config.from.email.empty()) return {config.from.name, config.from.email};
  return {office.submission_mailbox.name, office.submission_mailbox.email};
}

// What a presenter's meeting says beside its time and place: ids and deadlines, no names.
std::string booking_description(const panel::SittingMail& sitting, const panel::MailCase& item,
                                const panel::OfficeConfig& office) {
  std::string papers;
  for (const std::string& type : item.paper_types) {
    papers += (papers.empty() ? "" : ", ") + panel::paper_type_label(type);
  }
  const panel::LondonTime& due = sitting.moments.deadlines.papers_due.local;
  std::string text = "Case " + item.case_ref + " (" + item.child_initials + "), item " +
                     std::to_string(item.number) + " on the agenda of the " + sitting.panel->name +
                     ", " + long_date(sitting.sitting.date) + ", " + item.slot + " to " +
                     item.end_time + ".";
  if (!papers.empty()) {
    text += "\nPapers: " + papers + ", to " + office.submission_mailbox.email + " by " +
            due.time.text() + " on " + long_date(due.date) + ".";
  }
  return text + "\nOFFICIAL-SENSITIVE";
}

mailer::CalendarEvent booking_event(const panel::SittingMail& sitting, const panel::DueMail& mail,
                                    const std::string& domain, const panel::OfficeConfig& office) {
  mailer::CalendarEvent event;
  const panel::Sitting& day = sitting.sitting;
  event.location = sitting.panel->venue;
  if (mail.kind == panel::MailKind::cancellation) {
    const panel::PresenterNotice& was = mail.previous;
    event.uid = booking_uid(day.panel_id, day.date, was.case_ref, domain);
    event.method = Method::cancel;
    event.start = london(day.date, was.slot);
    event.end = was.end_time.empty() ? slot_end(day.date, was.slot, sitting.panel->slot_minutes)
                                     : london(day.date, was.end_time);
    event.summary = sitting.panel->name + ": " + was.case_ref + " (" + was.child_initials + ")";
    event.description = "Case " + was.case_ref + " (" + was.child_initials +
                        ") has been taken off the agenda of the " + sitting.panel->name + ", " +
                        long_date(day.date) + ".\nOFFICIAL-SENSITIVE";
    return event;
  }
  const panel::MailCase& item = sitting.cases.at(*mail.about);
  event.uid = booking_uid(day.panel_id, day.date, item.case_ref, domain);
  event.start = london(day.date, item.slot);
  event.end = london(day.date, item.end_time);
  event.summary = sitting.panel->name + ": " + item.case_ref + " (" + item.child_initials + ")";
  event.description = booking_description(sitting, item, office);
  return event;
}

mailer::CalendarEvent sitting_event(const panel::SittingMail& sitting, const std::string& domain) {
  mailer::CalendarEvent event;
  const panel::Sitting& day = sitting.sitting;
  event.uid = sitting_uid(day.panel_id, day.date, domain);
  event.method = day.cancelled ? Method::cancel : Method::request;
  event.start = london(day.date, day.start_time.text());
  event.end = london(day.date, sitting.end_time);
  event.location = sitting.panel->venue;
  event.summary = sitting.panel->name;
  event.description =
      day.cancelled ? "The " + sitting.panel->name + " of " + long_date(day.date) +
                          " is cancelled.\nOFFICIAL-SENSITIVE"
                    : "The " + sitting.panel->name + ", " + long_date(day.date) + ": " +
                          std::to_string(sitting.cases.size()) +
                          (sitting.cases.size() == 1 ? " case" : " cases") +
                          " booked. The pack is circulated before the sitting.\nOFFICIAL-SENSITIVE";
  return event;
}

}  // namespace

std::string booking_uid(const std::string& panel_id, panel::CalendarDate date,
                        const std::string& case_ref, const std::string& domain) {
  return "booking-" + panel_id + "-" + date.iso() + "-" + case_ref + "@" + domain;
}

std::string sitting_uid(const std::string& panel_id, panel::CalendarDate date,
                        const std::string& domain) {
  return "sitting-" + panel_id + "-" + date.iso() + "@" + domain;
}

std::optional<mailer::CalendarEvent> calendar_event(const panel::MailConfig& config,
                                                    const panel::OfficeConfig& office,
                                                    const panel::MailPlan& plan,
                                                    const panel::DueMail& mail,
                                                    panel::UtcInstant now) {
  using panel::MailKind;
  const bool booking = mail.kind == MailKind::confirmation || mail.kind == MailKind::correction ||
                       mail.kind == MailKind::cancellation;
  if (!booking && mail.kind != MailKind::invitation) return std::nullopt;
  const panel::SittingMail& sitting = plan.sittings.at(mail.sitting);
  const mailer::Address from = organizer(config, office);
  const std::string domain = mailer::email_domain(from.email);
  mailer::CalendarEvent event =
      booking ? booking_event(sitting, mail, domain, office) : sitting_event(sitting, domain);
  // The first notice is SEQUENCE 0; each later one to that person adds one.
  event.sequence = mail.kind == MailKind::confirmation ? 0 : std::max(mail.notice - 1, 0);
  event.stamp_utc = stamp(now);
  event.organizer = from;
  event.attendees = {{mail.recipient.name, mail.recipient.email}};
  return event;
}

}  // namespace panelpack::office
