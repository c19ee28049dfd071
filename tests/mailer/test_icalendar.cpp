#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mailer/icalendar.hpp"
#include "mailer/mail_error.hpp"

namespace mailer = panelpack::mailer;
using Method = mailer::CalendarEvent::Method;

namespace {

mailer::CalendarEvent panel_meeting() {
  mailer::CalendarEvent event;
  event.uid = "booking-permanence-2026-07-15-LCS900102@northbridge.gov.uk";
  event.sequence = 0;
  event.start = {2026, 7, 15, 9, 30};
  event.end = {2026, 7, 15, 10, 15};
  event.stamp_utc = "20261205T142000Z";
  event.summary = "Permanence panel: LCS900102 (A.B.)";
  event.location = "Room 2, County Hall";
  event.description = "Papers by 8 July.";
  event.organizer = {"Panel Office", "panel@northbridge.gov.uk"};
  event.attendees = {{"Jo Bloggs", "jo@northbridge.gov.uk"}};
  return event;
}

// Physical lines, each without its CRLF; fails the test if any line ends otherwise.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) {
      ADD_FAILURE() << "text does not end with CRLF: " << text.substr(start);
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// Content lines: physical lines with each folded continuation joined back.
std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& line : physical_lines(text)) {
    if (!line.empty() && line[0] == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

// The one content line outside the VTIMEZONE that starts with `name` (then ':' or ';').
std::string property(const std::string& text, const std::string& name) {
  std::string found;
  bool in_timezone = false;
  for (const std::string& line : content_lines(text)) {
    if (line == "BEGIN:VTIMEZONE" || line == "END:VTIMEZONE") in_timezone = !in_timezone;
    if (!in_timezone && line.rfind(name, 0) == 0 && line.size() > name.size() &&
        (line[name.size()] == ':' || line[name.size()] == ';')) {
      EXPECT_TRUE(found.empty()) << name << " appears twice";
      found = line;
    }
  }
  return found;
}

bool is_valid_utf8(const std::string& text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (lead >= 0x80 && lead < 0xC2) return false;
    if (at + length > text.size()) return false;
    for (std::size_t i = 1; i < length; ++i) {
      if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return false;
    }
    at += length;
  }
  return true;
}

std::string code_of(const mailer::CalendarEvent& event) {
  try {
    mailer::write_icalendar(event);
  } catch (const mailer::MailError& error) {
    return error.code();
  }
  return "";
}

}  // namespace

TEST(Icalendar, WritesOneEventInLondonTimeWithItsTimezone) {
  const std::string text = mailer::write_icalendar(panel_meeting());
  const std::vector<std::string> lines = content_lines(text);
  ASSERT_GE(lines.size(), 5U);
  EXPECT_EQ(lines[0], "BEGIN:VCALENDAR");
  EXPECT_EQ(lines[1], "PRODID:-//panelpack//Permanence panel//EN");
  EXPECT_EQ(lines[2], "VERSION:2.0");
  EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
  EXPECT_EQ(lines[4], "METHOD:REQUEST");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_NE(text.find("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"), std::string::npos);
  EXPECT_NE(text.find("BEGIN:DAYLIGHT\r\nDTSTART:19700329T010000\r\n"
                      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0000\r\n"
                      "TZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("BEGIN:STANDARD\r\nDTSTART:19701025T020000\r\n"
                      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\n"
                      "TZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n"),
            std::string::npos);
  EXPECT_EQ(property(text, "UID"),
            "UID:booking-permanence-2026-07-15-LCS900102@northbridge.gov.uk");
  EXPECT_EQ(property(text, "SEQUENCE"), "SEQUENCE:0");
  EXPECT_EQ(property(text, "DTSTAMP"), "DTSTAMP:20261205T142000Z");
  EXPECT_EQ(property(text, "DTSTART"), "DTSTART;TZID=Europe/London:20260715T093000");
  EXPECT_EQ(property(text, "DTEND"), "DTEND;TZID=Europe/London:20260715T101500");
  EXPECT_EQ(property(text, "SUMMARY"), "SUMMARY:Permanence panel: LCS900102 (A.B.)");
  EXPECT_EQ(property(text, "LOCATION"), "LOCATION:Room 2\\, County Hall");
  EXPECT_EQ(property(text, "ORGANIZER"),
            "ORGANIZER;CN=Panel Office:mailto:panel@northbridge.gov.uk");
  EXPECT_EQ(property(text, "ATTENDEE"),
            "ATTENDEE;CN=Jo Bloggs;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
            "jo@northbridge.gov.uk");
  EXPECT_EQ(property(text, "STATUS"), "STATUS:CONFIRMED");
  EXPECT_EQ(property(text, "TRANSP"), "TRANSP:OPAQUE");
  for (const std::string& line : physical_lines(text)) EXPECT_LE(line.size(), 75U) << line;
}

TEST(Icalendar, FoldsALongUtf8DescriptionAt75OctetsBetweenCharacters) {
  mailer::CalendarEvent event = panel_meeting();
  // "DESCRIPTION:" is 12 octets, so a cut at 75 would fall inside a two-octet "é".
  std::string description;
  for (int i = 0; i < 60; ++i) description += "é";
  description += " Cyfarfod y panel — ";
  for (int i = 0; i < 40; ++i) description += "€";  // three octets each
  event.description = description;
  const std::string text = mailer::write_icalendar(event);

  bool folded = false;
  for (const std::string& line : physical_lines(text)) {
    EXPECT_LE(line.size(), 75U) << line;
    EXPECT_TRUE(is_valid_utf8(line)) << "a line splits a character: " << line;
    if (!line.empty() && line[0] == ' ') folded = true;
  }
  EXPECT_TRUE(folded);
  EXPECT_EQ(property(text, "DESCRIPTION"), "DESCRIPTION:" + description);
  // The first line is as long as it can be without cutting an "é": 12 + 2 * 31 = 74 octets.
  const std::size_t at = text.find("DESCRIPTION:");
  EXPECT_EQ(text.find("\r\n", at) - at, 74U);
}

TEST(Icalendar, EscapesTextAndQuotesCommonNames) {
  mailer::CalendarEvent event = panel_meeting();
  event.summary = "Panel; review, part 2\\3";
  event.description = "Line one\nLine two\r\nLine three\rend";
  event.location = "https://meet.example.org/j/123?pwd=a,b";
  event.organizer = {"Northbridge: \"Panel\" Office", "panel@northbridge.gov.uk"};
  event.attendees = {{"Bloggs, Jo", "jo@northbridge.gov.uk"}, {"", "chair@northbridge.gov.uk"}};
  const std::string text = mailer::write_icalendar(event);
  EXPECT_EQ(property(text, "SUMMARY"), "SUMMARY:Panel\\; review\\, part 2\\\\3");
  EXPECT_EQ(property(text, "DESCRIPTION"), "DESCRIPTION:Line one\\nLine two\\nLine three\\nend");
  EXPECT_EQ(property(text, "LOCATION"), "LOCATION:https://meet.example.org/j/123?pwd=a\\,b");
  EXPECT_EQ(property(text, "ORGANIZER"),
            "ORGANIZER;CN=\"Northbridge: Panel Office\":mailto:panel@northbridge.gov.uk");
  std::vector<std::string> attendees;
  for (const std::string& line : content_lines(text)) {
    if (line.rfind("ATTENDEE", 0) == 0) attendees.push_back(line);
  }
  ASSERT_EQ(attendees.size(), 2U);
  EXPECT_EQ(attendees[0],
            "ATTENDEE;CN=\"Bloggs, Jo\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
            "mailto:jo@northbridge.gov.uk");
  EXPECT_EQ(attendees[1],
            "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
            "chair@northbridge.gov.uk");
}

TEST(Icalendar, ACancellationSaysCancelAndCancelled) {
  mailer::CalendarEvent event = panel_meeting();
  event.method = Method::cancel;
  event.sequence = 2;
  const mailer::CalendarPart part = mailer::calendar_part(event);
  EXPECT_EQ(part.method, "CANCEL");
  EXPECT_EQ(mailer::method_name(Method::request), "REQUEST");
  EXPECT_EQ(property(part.text, "METHOD"), "METHOD:CANCEL");
  EXPECT_EQ(property(part.text, "STATUS"), "STATUS:CANCELLED");
  EXPECT_EQ(property(part.text, "SEQUENCE"), "SEQUENCE:2");
  EXPECT_EQ(part.text, mailer::write_icalendar(event));
}

TEST(Icalendar, RefusesAWallTimeInTheSpringForwardGap) {
  mailer::CalendarEvent event = panel_meeting();
  // The clocks went forward on Sunday 29 March 2026 and go forward on Sunday 28 March 2027.
  for (const mailer::LondonTime start :
       {mailer::LondonTime{2026, 3, 29, 1, 0}, mailer::LondonTime{2026, 3, 29, 1, 59},
        mailer::LondonTime{2027, 3, 28, 1, 30}}) {
    event.start = start;
    event.end = {start.year, start.month, start.day, 3, 0};
    EXPECT_EQ(code_of(event), "invalid_calendar") << start.year << " " << start.minute;
  }
  event.start = {2026, 3, 28, 9, 0};
  event.end = {2026, 3, 29, 1, 30};
  EXPECT_EQ(code_of(event), "invalid_calendar");
  // Either side of the gap, another Sunday in March, and October's repeated hour exist.
  for (const mailer::LondonTime start :
       {mailer::LondonTime{2026, 3, 29, 0, 59}, mailer::LondonTime{2026, 3, 29, 2, 0},
        mailer::LondonTime{2026, 3, 22, 1, 30}, mailer::LondonTime{2027, 3, 29, 1, 30},
        mailer::LondonTime{2026, 10, 25, 1, 30}}) {
    event.start = start;
    event.end = {start.year, start.month, start.day, 4, 0};
    EXPECT_EQ(code_of(event), "") << start.year << "-" << start.month << "-" << start.day;
  }
}

TEST(Icalendar, RefusesAnEndNotAfterTheStart) {
  mailer::CalendarEvent event = panel_meeting();
  event.end = {2026, 7, 15, 9, 0};
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event.end = event.start;
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event.end = {2026, 7, 14, 23, 0};
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event.end = {2026, 7, 15, 9, 31};
  EXPECT_EQ(code_of(event), "");
}

TEST(Icalendar, RefusesWhatCannotBeAMeeting) {
  mailer::CalendarEvent event = panel_meeting();
  event.uid = "";
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event = panel_meeting();
  event.uid = "two words@example.org";
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event = panel_meeting();
  event.start = {2026, 2, 30, 9, 0};
  event.end = {2026, 3, 2, 9, 0};
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event = panel_meeting();
  event.end = {2026, 7, 15, 24, 0};
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event = panel_meeting();
  event.stamp_utc = "2026-12-05 14:20";
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event = panel_meeting();
  event.attendees.clear();
  EXPECT_EQ(code_of(event), "invalid_calendar");
  event = panel_meeting();
  event.attendees = {{"Jo", "jo@example.org\r\nX-Injected: 1"}};
  EXPECT_EQ(code_of(event), "invalid_address");
}
