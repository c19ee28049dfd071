#pragma once
// The meeting a presenter's or member's email carries (issue 15, docs/mail.md, "Confirmations
// and invitations"): the iCalendar event of a booking (confirmation, correction, cancellation)
// or of a sitting (the members' invitation), with a UID that stays the booking's or the
// sitting's for good and a SEQUENCE that counts the notices that person had, so each update
// replaces the meeting in their calendar and a cancellation removes it.

#include <optional>
#include <string>

#include "mailer/icalendar.hpp"
#include "panel/mail_config.hpp"
#include "panel/mail_due.hpp"
#include "panel/office_config.hpp"

namespace panelpack::office {

// "booking-permanence-2026-12-15-LCS900102@northbridge.example.org": one booking's meeting.
std::string booking_uid(const std::string& panel_id, panel::CalendarDate date,
                        const std::string& case_ref, const std::string& domain);
// "sitting-permanence-2026-12-15@northbridge.example.org": the members' meeting.
std::string sitting_uid(const std::string& panel_id, panel::CalendarDate date,
                        const std::string& domain);

// The event `mail` carries, or nothing for a kind that carries none (a reminder, the
// circulation...). Its organizer is the office's sender (mail.from, else the submission
// mailbox), whose domain the UID takes; its one attendee the recipient; DTSTAMP `now`.
std::optional<mailer::CalendarEvent> calendar_event(const panel::MailConfig& config,
                                                    const panel::OfficeConfig& office,
                                                    const panel::MailPlan& plan,
                                                    const panel::DueMail& mail,
                                                    panel::UtcInstant now);

}  // namespace panelpack::office
