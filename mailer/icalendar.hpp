#pragma once
// A calendar invitation as iMIP (RFC 6047) carries it: one VEVENT in a VCALENDAR (RFC 5545)
// with METHOD REQUEST (a new or updated meeting) or CANCEL, times in Europe/London with the
// VTIMEZONE that defines it, so Outlook and Thunderbird show a meeting the person can accept.
// Nothing here knows what the meeting is about.

#include <string>
#include <vector>

#include "mailer/message.hpp"

namespace panelpack::mailer {

// A wall-clock time in Europe/London: what the invitation's DTSTART;TZID=Europe/London says.
struct LondonTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};

struct CalendarEvent {
  // Stable for the life of the meeting: the same UID with a higher sequence updates it.
  std::string uid;  // "booking-permanence-2026-12-15-LCS900102@northbridge.gov.uk"
  int sequence = 0;  // 0 for the first invitation; each update or the cancellation adds one
  enum class Method { request, cancel } method = Method::request;
  LondonTime start, end;
  std::string stamp_utc;  // DTSTAMP, "20261205T142000Z": when this invitation was made
  std::string summary;    // never a child's name: reference and initials
  std::string location;   // the venue or the meeting link
  std::string description;
  Address organizer;               // the panel's mailbox
  std::vector<Address> attendees;  // REQ-PARTICIPANT, RSVP=TRUE
};

// The VCALENDAR text, CRLF line ends, lines folded at 75 octets without splitting a UTF-8
// character, TEXT values escaped (\\ \; \, \n). Throws MailError "invalid_calendar" for an
// empty UID, an end not after the start, or a time that does not exist in London (in the hour
// the clocks go forward); also for a UID that is not printable ASCII, a DTSTAMP not in the form
// above, a date not on the calendar, or no attendee; "invalid_address" for a bad email.
std::string write_icalendar(const CalendarEvent& event);

// "REQUEST" or "CANCEL": the METHOD, and the method= parameter of the text/calendar part.
std::string method_name(CalendarEvent::Method method);

// The message's calendar part for `event`: Message::calendar.
CalendarPart calendar_part(const CalendarEvent& event);

}  // namespace panelpack::mailer
