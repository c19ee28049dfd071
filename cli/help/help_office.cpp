// The help of the commands that work in an office folder: calendar, book, agenda, pack, status.

#include <string>

#include "help/help.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view calendar_text = R"(Usage:
  panelpack calendar [--from DATE] [--to DATE] [--panel ID] [--json] [--office DIR]
  panelpack calendar add PANEL DATE --reason TEXT [--office DIR]
  panelpack calendar cancel PANEL DATE --reason TEXT [--office DIR]
  panelpack calendar move PANEL DATE NEW_DATE --reason TEXT [--office DIR]

Lists every sitting of the office's panels between two dates: its start, how many cases are
booked, and its four deadlines from office.json (papers due, presenters' reminder, the pack
circulated, minutes due), in London time across the clock changes. A deadline that would
fall on a weekend, bank holiday or closure day is on the working day before, at the same
time; one whose rule says "onDayOff": "keep" stays there and is marked '*'. A sitting on a
bank holiday or closure day is marked '!' until it is moved or confirmed (confirmedSittings):
until then it gets no mail and takes no bookings. Cancelled sittings are listed with their
reason, extra ones with why they were added.

Options:
  --from DATE             the first date (2026-12-01 or 01/12/2026). Default: today.
  --to DATE               the last date. Default: eight weeks after --from.
  --panel ID              only this panel (its id in office.json: permanence, aep, pptm...).
  --json                  print {"from", "to", "sittings": [{"panel", "date", "startTime",
                          "extra", "cancelled", "note", "booked", "dayOff",
                          "confirmedOnDayOff", "deadlines": {"papersDue": {"local", "utc",
                          "onWorkingDay", "movedFrom"}, "reminder", "pack", "minutes"}}]}.

add, cancel and move change office.json's sittings, with the reason the calendar shows (dates
YYYY-MM-DD, today or later): add puts in an extra sitting (extraSittings); cancel takes a
sitting out (cancelled); move does both. A sitting with cases booked is not cancelled or
moved: take its cases off first (panelpack book ... --remove). office.json is changed under its
lock and rewritten whole, every other value kept (docs/calendar.md, Changing the calendar).
  --reason TEXT           why: "Chair on leave", "Extra sitting for a sibling group".

Example:
  panelpack calendar move permanence 2027-02-23 2027-02-24 --reason "Room not free"
)";

constexpr std::string_view book_text = R"(Usage:
  panelpack book PANEL DATE CASEREF [--reason REASON] [--papers LIST] [--minutes N]
  panelpack book PANEL DATE CASEREF --received TYPE [--at TIME]
                 (--file PATH | --on-file-elsewhere REASON)
  panelpack book PANEL DATE CASEREF --remove
  panelpack book PANEL DATE CASEREF (--presenter "NAME; ROLE; EMAIL"... |
                                     --case-file-presenters)

Changes the bookings of one sitting (bookings/PANEL/DATE.json), checked against its schema
and rewritten whole or not at all. The sitting must be one panelpack calendar lists. Two
people booking onto one sitting at once take turns: the second waits, and both changes stay.

  book      adds the case (cases/CASEREF.json must exist) at the end of the agenda. The
            reason and the papers come from the case file unless given: the referral, plus
            the matching proforma and finance request when the file fills them.
  received  records that a paper arrived, at TIME (default now; never later than now). A
            paper panelpack fills from the case file (referral, matching, finance-request)
            needs no file; a document someone sent (care-plan, chronology, assessment,
            cpm-report: the Child Permanence Meeting report, or a matching or finance paper
            the case file cannot fill) is named with --file and, when it is outside the
            office folder, copied into papers/CASEREF/. Without --file it is refused, unless
            --on-file-elsewhere says where it is: the agenda prints that reason and the pack
            leaves the paper out. The same paper twice is refused; a new version comes with
            its own --file.
  remove    takes the case off the sitting.
  presenter names who presents the booked case, one --presenter each, in the order the
            agenda prints them; each needs a name and a work email (reminders and chasers go
            to it). --case-file-presenters goes back to the case file's social worker and
            team manager.

CASEREF typed in lower case names the case whose file or booking is in capitals.

A sitting on a bank holiday or closure day takes no bookings until it is moved (cancelled,
plus an extra sitting) or confirmed in the panel's confirmedSittings in office.json.

After the reminders or the pack went, a change that moves slots is mailed by the next
panelpack tick: a correction to each presenter whose slot moved, a cancellation to those of
a case taken off, and once the pack was circulated an addendum with the new agenda to the
members. book says what the next tick will send.

To reorder cases or change a slot's length, edit the bookings file and run panelpack
validate on it (or use the console's Sitting page).

Options:
  --reason REASON         first_review_after_entry, ratify_plan, change_plan,
                          placement_disruption, pre_birth, ltf_match_ifa, staying_put,
                          stability_meeting, resource_request or tracking_review.
  --papers LIST           comma-separated paper types: {paper types}.
  --minutes N             this case's slot length, when not the panel's slotMinutes.
  --received TYPE         the paper type that arrived.
  --at TIME               when it arrived (default now): 2026-12-10T09:00 or
                          10/12/2026 09:00 (London); a date alone is the start of that day.
  --file PATH             the document itself.
  --on-file-elsewhere REASON
                          the document is kept elsewhere, for this reason (printed on the
                          agenda); the pack does not expect it.
  --remove                take the case off the sitting.
  --presenter "NAME; ROLE; EMAIL"
                          a presenter of the booked case (the role may be empty); give it
                          once per presenter.
  --case-file-presenters  the case file's social worker and team manager present it.

Examples:
  panelpack book permanence 2026-12-15 LCS900102
  panelpack book permanence 2026-12-15 LCS900102 --received care-plan --file care-plan.docx
  panelpack book permanence 2026-12-15 LCS900102 \
      --presenter "Sam Okafor; Social worker; sam.okafor@northbridge.example.org"
)";

constexpr std::string_view apologies_text = R"(Usage:
  panelpack apologies add PANEL DATE MEMBER...
  panelpack apologies remove PANEL DATE MEMBER...

Records (add) or withdraws (remove) apologies for one sitting in its bookings file
(bookings/PANEL/DATE.json, "apologies"). MEMBER is a member of the panel named as office.json
writes it (capitals and extra spaces do not matter); the agenda lists members who sent
apologies under Apologies and every other member as attending. Someone who is not a member
of the panel, apologies recorded twice, or withdrawn when never sent, are refused and nothing
is written. Like book, it waits for another change of the same sitting, so both stay.

Example:
  panelpack apologies add permanence 2026-12-15 "Tomasz Wieczorek"
  panelpack apologies remove permanence 2026-12-15 "Dr Anjali Mistry"
)";

constexpr std::string_view agenda_text = R"(Usage:
  panelpack agenda PANEL DATE (-o FILE | --json) [--office DIR]

Works out the sitting's agenda from office.json, the bookings and the case files: the cases
in booking order with their time slots (the panel's start time and slot length, breaks
taken when their time comes), presenters (the booking's, else the case's social worker and
team manager), and each paper received on time, late or missing against the papers
deadline. -o fills the office's agenda template with it; --json prints the data the
template is filled from (docs/schema/agenda.schema.json; 'panelpack fields agenda' lists it).

Options:
  -o, --output FILE       write the filled agenda (.docx or .odt, as the template is).
  --json                  print the agenda data.
)";

constexpr std::string_view pack_text = R"(Usage:
  panelpack pack PANEL DATE [--pdf [-j N] [--timeout SECONDS]]
                 [--password-file FILE | --password-env NAME] [--quiet] [--json]
  panelpack pack addendum PANEL DATE [--quiet] [--json]

Builds the sitting's pack in packs/PANEL/DATE/: the agenda first, then each case's papers
in agenda order, named so that they sort (00-agenda.docx, 01-LCS900102-referral.docx,
...), manifest.json (each file's size, SHA-256, item and case), and PANEL-DATE.zip holding
the documents and the manifest. Papers panelpack fills (referral, matching, finance
request) come from the case file and the office's templates; submitted documents are
copied as they are; missing papers are left out, listed in the manifest and shown as
missing on the agenda.

It is built with the panel's pack options in office.json (circulation: the PDF when attach
is pdf or both, the zip and PDF encrypted when a password is named), as tick builds it. The
options below may only add to them; a pack built so is never replaced by tick, which
circulates it while it is current (docs/mail.md, One set of pack options).

The pack is built in a temporary folder beside it and put in place in one step: if the
run fails or is killed, the previous pack (or none) is still there, never half of one.
Two runs for the same sitting do not overlap (the second exits with code 4).

Options:
  --pdf                   also PANEL-DATE.pdf: every document converted by LibreOffice
                          (installed as libreoffice-writer-nogui) and merged, the agenda
                          first, with a bookmark per case and one per paper.
  -j, --jobs N            LibreOffice conversions at once, each with its own profile
                          (default 2; 0 = every core).
  --timeout SECONDS       give up on a document LibreOffice has not converted by then
                          (default 180).
  --password-file FILE    encrypt the zip and the PDF with AES-256, with the password on
                          FILE's first line (at least 10 characters), instead of the
                          panel's. 7-Zip, WinZip and Windows 11 open the zip.
  --password-env NAME     ... with the password in the environment variable NAME.
                          The password is never taken from the command line, where other
                          users of the machine could read it.
  -q, --quiet             print nothing on success (progress bars are shown only on a
                          terminal anyway, never under cron).
  --json                  print {"folder", "documents": [{"file", "size", "sha256"}], "zip",
                          "encrypted", "options" ("office.json" or "command line"), "pdf", "pdfPages",
                          "missing"}.

pack addendum sends the members the new agenda now, when the sitting's pack was circulated
and a case was added, taken off or moved since: the addendum tick would send at its next run.
It builds packs/PANEL/DATE-addendum-N/ (the agenda alone, zipped and protected as the pack
is) and queues it in the outbox to the chair, members and submission mailbox under tick's
keys, so tick sends it and never sends it twice; the presenters' own corrections are left to
tick. Refused (code 1), saying why, before the circulation, when the agenda the members have
is still the sitting's, or once the sitting started; busy (code 4) while a tick runs.
  --json                  print {"number", "changes", "folder", "emails": [{"row",
                          "recipient"}], "problems"}.

Example:
  panelpack pack permanence 2026-12-15 --pdf
  panelpack pack addendum permanence 2026-12-15
)";

constexpr std::string_view status_text = R"(Usage:
  panelpack status [--json] [--office DIR] [--now TIME]

Lists what needs attention, most urgent first, in words, naming cases by reference only
(--json gives each finding's kind, shown here first):
  first_panel             Not yet considered at panel: a child who entered care on or after
                          timeliness.trackFrom and has not been considered at a panel (a PPTM
                          does not count) within firstConsideredWithinWeeks of the panel the
                          referral names (overdue), or will not be in time as booked (due soon);
  pptm                    PPTM due: overdue for the child's cadence (6 weeks in proceedings or
                          on a placement order, 12 on a care order in the first year of
                          placement, counted from the placement's start), or not booked in time;
  rereferral_not_booked   a re-referral after a placement disruption not booked anywhere;
  papers_missing          a paper not received for a coming sitting, after its deadline
                          (overdue) or within lookaheadDays of it (due soon);
  papers_late             a paper received after its deadline (a note);
  booked_on_cancelled_sitting
                          a case booked onto a sitting that was cancelled;
  sitting_on_day_off      a sitting in the next 13 weeks on a bank holiday or closure day
                          that confirmedSittings does not confirm: move it or confirm it;
  decisions_missing       a sitting held with cases booked and no decisions file;
  record_overdue          a decision record not on the child's file (no recordedDate) by the
                          minutes deadline;
  return_not_booked       a return to panel agreed by a date that has passed, with the case
                          booked onto no later sitting.
A case or bookings file that is invalid is skipped, named on standard error, and the exit
code is 1.

Options:
  --json                  print {"now", "cases", "sittingsBooked", "findings": [{"kind",
                          "title", "urgency", "caseRef", "childId", "due", "panel",
                          "sitting", "paperType", "detail"}], "problems"}.
  --now TIME              as if it were TIME: 2026-12-11T09:00, 11/12/2026 09:00, or a date
                          alone for the start of that day.
)";

// The help's width, and where an option's description starts.
constexpr std::size_t kHelpWidth = 92;
constexpr std::size_t kDescriptionColumn = 26;

// `text` with its "{paper types}" line holding panel::kPaperTypes, wrapped as the help is.
std::string with_paper_types(std::string_view text) {
  constexpr std::string_view kMark = "{paper types}";
  const std::size_t mark = text.find(kMark);
  const std::size_t line_start = text.rfind('\n', mark) + 1;
  std::string line{text.substr(line_start, mark - line_start)};
  std::string wrapped;
  for (const auto& type : panel::kPaperTypes) {
    const bool last = &type == &panel::kPaperTypes.back();
    const std::string word = std::string{type.code} + (last ? "" : ",");
    if (line.size() + 1 + word.size() + (last ? 1 : 0) > kHelpWidth) {
      wrapped += line + '\n';
      line = std::string(kDescriptionColumn - 1, ' ');
    }
    if (!line.ends_with(": ")) line += ' ';
    line += word;
  }
  return std::string{text.substr(0, line_start)} + wrapped + line +
         std::string{text.substr(mark + kMark.size())};
}

}  // namespace

std::optional<std::string_view> office_help_for(std::string_view command) {
  static const std::string calendar = office_command_help(calendar_text);
  static const std::string book = office_command_help(with_paper_types(book_text));
  static const std::string agenda = office_command_help(agenda_text);
  static const std::string apologies = office_command_help(apologies_text);
  static const std::string pack = office_command_help(pack_text);
  static const std::string status = office_command_help(status_text);
  if (command == "calendar") return calendar;
  if (command == "book") return book;
  if (command == "apologies") return apologies;
  if (command == "agenda") return agenda;
  if (command == "pack") return pack;
  if (command == "status") return status;
  if (auto mail = mail_help_for(command)) return mail;
  return records_help_for(command);
}

}  // namespace panelpack::cli
