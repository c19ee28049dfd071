// The help of the commands that work after a sitting: decisions, tracker, report and actions.

#include <string>

#include "help/help.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view decisions_text = R"(Usage:
  panelpack decisions PANEL DATE [--name PATTERN] [--pdf | --no-pdf] [--json] [--quiet]

Makes each child's decision record for the sitting from decisions/PANEL/DATE.json (the
decisions the administrator recorded; docs/decisions.md) and the office's decision-record
template, into records/PANEL/DATE/: one document per booked case, named for upload to the
child's file ("LCS900102 Permanence Panel decision 2026-12-15.docx"), a PDF of each where
LibreOffice is installed, and manifest.json. Every booked case needs a decision; a decisions
file with any problem (against its schema, a case decided twice, a booked case without a
decision, a decision for a case not booked) is reported in full, by file, line and JSON
pointer, and nothing is written. The records are built aside and put in place whole.
Prints when the records are due on the children's files (the panel's minutes deadline).

Options:
  --name PATTERN          the records' names, a Mustache pattern over childId, caseRef,
                          panel (the kind of panel in words), panelId, panelName and date.
                          Default: office.json's decisionRecordName, else
                          "{{childId}} {{panel}} decision {{date}}".
  --pdf                   LibreOffice is required: without it, nothing is written.
  --no-pdf                make no PDFs.
  --json                  print {"folder", "records": [{"caseRef", "childId", "file",
                          "sha256", "pdf"}], "recordsDue"}.
  -q, --quiet             print nothing on success.
)";

constexpr std::string_view tracker_text = R"(Usage:
  panelpack tracker -o tracker.xlsx [--from DATE] [--to DATE]
  panelpack tracker -o tracker.csv [--from DATE] [--to DATE]

Writes the decisions tracker from every sitting's decisions file: a Decisions sheet (one row
per child per sitting: decision, agreed and parallel plans, monitoring route, next review,
record due, recorded on file, and the record's state: on file in time, on file late, overdue,
or due when it is not due yet (--now decides; only late and overdue are highlighted)) and an
Actions sheet (one row per action: owner, due date, status, completed; overdue actions
highlighted). Panels by name, statuses in words. The XLSX opens in Excel and LibreOffice Calc
with a bold header row, frozen panes and filters; dates are real dates. It prints landscape,
one page wide, the header row on every page, OFFICIAL-SENSITIVE in every page's header and
footer. With .csv the sheets are NAME.csv and NAME-actions.csv. Children are named by case
reference and child ID only.

Options:
  -o, --output FILE       tracker.xlsx, or tracker.csv.
  --from DATE, --to DATE  only the sittings between these dates (YYYY-MM-DD).
)";

constexpr std::string_view report_text = R"(Usage:
  panelpack report --quarter 2026-Q3 (-o report.docx | -o report.pdf | --json)

Works out the quarterly highlight report from the office's bookings, decisions and case
files, and fills the office's report template (office.json templates.report) with it: each
measure (K1 considered at panel in time, K3 papers on time, K4 records on file in time, K5
PPTMs within cadence, K14 re-referrals after a disruption, K16 actions done in time and
overdue) with its numerator, denominator and percentage for the quarter and the one before,
"no cases" for an empty denominator, decisions by outcome, and bars to compare at a glance.
A report made before its quarter has ended (--now, else today) says PROVISIONAL: its figures
still change.
docs/decisions.md defines each measure. Every file must be readable: a figure computed
without one would be wrong without saying so.

Options:
  --quarter YYYY-QN       the quarter: 2026-Q3 is July to September 2026.
  -o, --output FILE       write the filled report (.docx or .odt, as the template is), or
                          a PDF of it when FILE ends in .pdf (LibreOffice makes it).
  --json                  print the report's data (docs/schema/report.schema.json).
)";

constexpr std::string_view actions_text = R"(Usage:
  panelpack actions [--overdue] [--person NAME] [--team TEAM] [--panel ID] [--json]
  panelpack actions done PANEL DATE CASEREF ID --note TEXT

Lists every action the panels agreed (each decision's actions in decisions/PANEL/DATE.json:
what, who, by when), soonest due first: its due date, whether it is OVERDUE (due by today,
London time, and neither done nor cancelled), open, done or cancelled, its sitting, case and id,
and its owner. The console's Actions page shows the same list. The owners are reminded by email
before the due date and on the day (panelpack tick; docs/mail.md, Action reminders).

"actions done" marks one action done: its status becomes "done", its completedDate today and
its completionNote the --note; nothing else in the file changes (a signed-off record stays
signed off). Refused (exit code 1, nothing changed) when there is no such action or it is done
or cancelled already; an empty --note is exit code 2.

Options:
  --overdue               only the overdue actions.
  --person NAME           only the actions whose owner's name contains NAME (any case).
  --team TEAM             only the actions of the owners in TEAM.
  --panel ID              only the actions of that panel's sittings.
  --json                  print {"today", "overdue" (the office's count), "actions": [{"panel",
                          "sitting", "caseRef", "id", "description", "owner", "dueDate",
                          "status", "overdue", "completedDate", "completionNote"}],
                          "problems"}.
  --note TEXT             actions done: what was done, for the record (required).

Examples:
  panelpack actions --overdue
  panelpack actions --person "Hannah Westerby"
  panelpack actions done permanence 2026-12-15 LCS900102 A1 --note "Assessment filed"
)";

constexpr std::string_view records_text = R"(Usage:
  panelpack records send PANEL DATE [CASEREF] [--no-pdf]
  panelpack records on-file PANEL DATE CASEREF [--reference X]

Sends a sitting's agreed decision records, then records that each is on the child's file: the
console's Decision records page does the same (docs/decisions.md, "Sending the records").

send: for each child whose record the chair has agreed and that was not sent yet (or only
CASEREF), makes the record (the decision-record template, and its PDF with LibreOffice, named
for upload) in records/PANEL/DATE/, queues one email to the case file's social worker and team
manager with it attached (in one AES zip under the panel's pack password, when it has one), and
marks the decision sent (circulatedAt, circulatedTo). The next tick sends the emails. A record
not agreed is not sent; one sent before is not sent again; an address outside allowedDomains is
named and left out. Exit 1 when CASEREF is not agreed or was sent, or a record could go to
nobody.

on-file: marks a sent record as on the child's file: recordedDate is today (London), and the
case system's reference is kept when given. Exit 1 when the record was not sent yet or is on
file already.

Options:
  --no-pdf                send: make and attach the document only, without LibreOffice.
  --reference X           on-file: the case system's reference for the record.

Examples:
  panelpack records send permanence 2026-12-15
  panelpack records on-file permanence 2026-12-15 LCS900102 --reference DOC-4471
)";

}  // namespace

std::optional<std::string_view> records_help_for(std::string_view command) {
  static const std::string decisions = office_command_help(decisions_text);
  static const std::string tracker = office_command_help(tracker_text);
  static const std::string report = office_command_help(report_text);
  if (command == "decisions") return decisions;
  if (command == "tracker") return tracker;
  if (command == "report") return report;
  static const std::string actions = office_command_help(actions_text);
  if (command == "actions") return actions;
  static const std::string records = office_command_help(records_text);
  if (command == "records") return records;
  return std::nullopt;
}

}  // namespace panelpack::cli
