#include "mailer/icalendar.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <tuple>

#include "mailer/mail_error.hpp"
#include "text/utf8.hpp"

namespace panelpack::mailer {
namespace {

constexpr std::size_t kLineOctets = 75;  // RFC 5545 3.1: lines SHOULD NOT be longer
constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kProductId = "-//panelpack//Permanence panel//EN";
constexpr std::string_view kLondon = "Europe/London";

// Europe/London as Outlook writes it: BST from 01:00 GMT on the last Sunday of March, GMT from
// 02:00 BST on the last Sunday of October (the rule since 1996, and every date a panel can have).
constexpr std::string_view kLondonTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/London\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19701025T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0000\r\n"
    "TZNAME:GMT\r\n"
    "END:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "DTSTART:19700329T010000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0000\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:BST\r\n"
    "END:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n";

[[noreturn]] void refuse(const std::string& where, const std::string& why) {
  throw MailError("invalid_calendar", where, "cannot write the invitation: " + why);
}

// The day of the month of March's (or October's) last Sunday in `year`.
unsigned last_sunday(int year, unsigned month) {
  using namespace std::chrono;
  const year_month_day day{sys_days{year_month_weekday_last{
      std::chrono::year{year}, std::chrono::month{month}, weekday_last{Sunday}}}};
  return static_cast<unsigned>(day.day());
}

std::string shown(const LondonTime& time) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", time.year, time.month, time.day,
                time.hour, time.minute);
  return text;
}

// Refuses a date that is not on the calendar and a wall time London skips in spring.
void check_london_time(const LondonTime& time, const std::string& which) {
  const std::chrono::year_month_day date{std::chrono::year{time.year},
                                         std::chrono::month{static_cast<unsigned>(time.month)},
                                         std::chrono::day{static_cast<unsigned>(time.day)}};
  if (time.year < 1970 || time.year > 9999 || time.month < 1 || time.month > 12 || time.day < 1 ||
      !date.ok()) {
    refuse(which, shown(time) + " is not a date");
  }
  if (time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59) {
    refuse(which, shown(time) + " is not a time of day");
  }
  if (time.month == 3 && static_cast<unsigned>(time.day) == last_sunday(time.year, 3) &&
      time.hour == 1) {
    refuse(which, shown(time) +
                      " does not exist in London: the clocks go from 01:00 to 02:00 that day; "
                      "choose another time");
  }
}

// Wall times compare as their instants do: London's offset only changes across the gap (refused)
// or the repeated hour in October, which reads as its first, BST, occurrence.
auto ordered(const LondonTime& time) {
  return std::tie(time.year, time.month, time.day, time.hour, time.minute);
}

std::string local_time(const LondonTime& time) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d00", time.year, time.month, time.day,
                time.hour, time.minute);
  return text;
}

bool is_utc_stamp(std::string_view stamp) {
  if (stamp.size() != 16 || stamp[8] != 'T' || stamp[15] != 'Z') return false;
  for (std::size_t i = 0; i < 15; ++i) {
    if (i != 8 && (stamp[i] < '0' || stamp[i] > '9')) return false;
  }
  return true;
}

// Valid UTF-8 with each control character but a line end made a space; line ends (CR, LF,
// CRLF) are kept as "\n" for the escaping that follows.
std::string clean_text(std::string_view raw) {
  const std::string text = text::replace_invalid_utf8(raw);
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\r') {
      clean += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (byte == '\n') {
      clean += '\n';
    } else if (byte < 0x20 || byte == 0x7f) {
      clean += ' ';
    } else {
      clean += text[i];
    }
  }
  return clean;
}

// RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and line ends escaped.
std::string escaped_text(std::string_view raw) {
  std::string escaped;
  for (const char c : clean_text(raw)) {
    switch (c) {
      case '\\':
        escaped += "\\\\";
        break;
      case ';':
        escaped += "\\;";
        break;
      case ',':
        escaped += "\\,";
        break;
      case '\n':
        escaped += "\\n";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// RFC 5545 3.2 param-value: no DQUOTE or control character can be written at all, and a value
// holding : ; or , must be a quoted-string.
std::string parameter_value(std::string_view raw) {
  std::string value;
  for (const char c : clean_text(raw)) {
    if (c == '"') continue;
    value += c == '\n' ? ' ' : c;
  }
  if (value.find_first_of(":;,") != std::string::npos) return "\"" + value + "\"";
  return value;
}

// "ORGANIZER;CN=Panel Office:mailto:panel@example.org", the CN left out when there is no name.
std::string person(std::string_view property, std::string_view parameters, const Address& address) {
  validate_address(address.email);
  std::string line(property);
  if (!address.name.empty()) line += ";CN=" + parameter_value(address.name);
  line += parameters;
  return line + ":mailto:" + address.email;
}

// RFC 5545 3.1: the line in pieces of at most 75 octets, each after the first starting with a
// space (which counts), never cutting a UTF-8 character.
void add_folded(std::string& out, std::string_view line) {
  std::size_t room = kLineOctets;
  while (line.size() > room) {
    const std::size_t cut = text::utf8_prefix_length(line, room);
    out += line.substr(0, cut);
    out += kCrlf;
    out += ' ';
    line.remove_prefix(cut);
    room = kLineOctets - 1;
  }
  out += line;
  out += kCrlf;
}

void check_event(const CalendarEvent& event) {
  if (event.uid.empty()) refuse("UID", "the meeting has no UID");
  if (std::any_of(event.uid.begin(), event.uid.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e;
      })) {
    refuse("UID", "a UID must be printable ASCII without spaces");
  }
  if (event.sequence < 0) refuse("SEQUENCE", "the sequence cannot be negative");
  if (!is_utc_stamp(event.stamp_utc)) {
    refuse("DTSTAMP",
           "'" + clean_text(event.stamp_utc) + "' is not a UTC time like 20261205T142000Z");
  }
  check_london_time(event.start, "DTSTART");
  check_london_time(event.end, "DTEND");
  if (ordered(event.end) <= ordered(event.start)) {
    refuse("DTEND", "the meeting ends (" + shown(event.end) + ") before or when it starts (" +
                        shown(event.start) + ")");
  }
  if (event.attendees.empty()) refuse("ATTENDEE", "an invitation needs at least one attendee");
}

}  // namespace

std::string method_name(CalendarEvent::Method method) {
  return method == CalendarEvent::Method::cancel ? "CANCEL" : "REQUEST";
}

std::string write_icalendar(const CalendarEvent& event) {
  check_event(event);
  const bool cancel = event.method == CalendarEvent::Method::cancel;
  std::string out;
  const auto add = [&out](std::string_view line) { add_folded(out, line); };
  add("BEGIN:VCALENDAR");
  add("PRODID:" + std::string(kProductId));
  add("VERSION:2.0");
  add("CALSCALE:GREGORIAN");
  add("METHOD:" + method_name(event.method));
  out += kLondonTimezone;
  add("BEGIN:VEVENT");
  add("UID:" + event.uid);
  add("SEQUENCE:" + std::to_string(event.sequence));
  add("DTSTAMP:" + event.stamp_utc);
  add("DTSTART;TZID=" + std::string(kLondon) + ":" + local_time(event.start));
  add("DTEND;TZID=" + std::string(kLondon) + ":" + local_time(event.end));
  add("SUMMARY:" + escaped_text(event.summary));
  if (!event.location.empty()) add("LOCATION:" + escaped_text(event.location));
  if (!event.description.empty()) add("DESCRIPTION:" + escaped_text(event.description));
  add(person("ORGANIZER", "", event.organizer));
  for (const Address& attendee : event.attendees) {
    add(person("ATTENDEE", ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE", attendee));
  }
  add(cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  add("TRANSP:OPAQUE");
  add("END:VEVENT");
  add("END:VCALENDAR");
  return out;
}

CalendarPart calendar_part(const CalendarEvent& event) {
  return CalendarPart{method_name(event.method), write_icalendar(event)};
}

}  // namespace panelpack::mailer
