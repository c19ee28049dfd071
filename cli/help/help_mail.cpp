// The help of the mail commands: tick and outbox.

#include <string>

#include "help/help.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view tick_text = R"(Usage:
  panelpack tick [--dry-run] [--office DIR] [--now TIME]

Does what the panels' deadlines say is due and not yet done, then sends it. cron or a
systemd timer runs it every 5 minutes (docs/mail.md has both, ready to copy). For every
booked sitting, at the deadlines office.json sets:
  papersDue   papers-missing: to the case's team manager, for each case with a paper not
              received by then;
  pack        the pack is circulated to the chair, the members and the submission
              mailbox, with the zip, the PDF or both attached (the panel's circulation,
              else mail.circulation), both AES-encrypted when a password is named. A pack
              already built is sent when it is current and as strong as those options,
              else built as panelpack pack builds it; a pack built by hand is never
              replaced, nothing weaker ever goes, and when no pack can go the panel's
              administrator is emailed at once (pack-failed);
  reminder    reminder: to each case's presenters (the booking's, else the social worker
              and team manager): their slot, the venue, the papers still missing;
  minutes     minutes-due: to the panel's administrator at 09:00 on the working day before.
Then every email due in the outbox (OFFICE/panelpack.db) goes through the relay in
mail.smtp; one the relay cannot take now is tried again later (1, 2, 4 ... 60 minutes).
A relay that times out ends the sending for this tick, and no email is started after
mail.smtp.drainTimeoutSeconds (120 s): the rest wait, untried, for the next tick. An email
the relay may have taken without answering is sent again and marked a possible duplicate
(at most 3 times; then it waits for outbox retry).

Each email has a key (kind|panel|date|caseRef|recipient): the same email is never queued
twice, so a tick run again, or two at once, sends nothing twice. A tick after downtime
catches up what was due in the last 14 days and says so ("catching up: ..."); mail whose
moment has passed entirely (a reminder after the sitting started) is skipped and logged.
Recipients outside allowedDomains are refused, named in the error, and nothing is queued
for them. The wording is in the templates of templates.email (templates/email/).

The log (standard output) names ids, kinds, times, counts and the relay's replies, never a
child or a case's content; an idle tick prints nothing. Problems go to standard error.

Options:
  --dry-run               queue nothing and send nothing: write each email a tick would send
                          now (what is due, and what waits in the outbox) to
                          OFFICE/outbox-dry-run/ as an .eml file, with any pack it carries
                          built in OFFICE/outbox-dry-run/packs/. The outbox is only read, so a
                          real tick afterwards still sends everything.

Examples:
  panelpack tick --dry-run --now 2026-12-11T12:00    # what goes out at that pack deadline
  panelpack tick                                     # what cron runs every 5 minutes
  panelpack outbox list --state failed_permanent     # then retry or cancel them
)";

constexpr std::string_view outbox_text = R"(Usage:
  panelpack outbox [list] [ID] [--state STATE] [--key PREFIX] [--json]
  panelpack outbox retry (ID | --key PREFIX | --all) [--json]
  panelpack outbox cancel (ID | --key PREFIX) [--json]

The office's outbox (OFFICE/panelpack.db): one row per email per recipient, with its key
(kind|panel|date|caseRef|recipient), state, attempts and the relay's last reply.
  queued            waiting for its first attempt
  sending           being sent: if no tick is running, a tick died while sending it; the
                    next tick sends it again, marked a possible duplicate
  sent              the relay accepted it
  failed_temporary  the relay was down, busy or slow (4xx): tried again after a backoff
  failed_permanent  the relay refused it (5xx), it failed for 48 hours, or it may have
                    been delivered 3 times without the relay saying so (not sent again)
  cancelled         cancelled before it was sent

  list      the rows (all, one ID with its every attempt, or those of --state / --key);
            rows whose delivery is in doubt (no reply after the whole message, a tick
            that died while sending) are marked '!': they may have arrived twice.
            list only reads the database, so it works on a full disk.
  retry     makes failed rows due again; the next tick sends them.
  cancel    stops rows that are not yet sent; a sent email cannot be called back.

Options:
  --state STATE           only rows in STATE (list).
  --key PREFIX            only rows whose key starts with PREFIX, for example
                          'circulation|permanence|2026-12-15|'.
  --all                   retry every failed row.
  --json                  print {"outbox", "counts", "rows": [{"id", "key", "recipient",
                          "subject", "messageId", "state", "attempts", "createdAt",
                          "nextAttemptAt", "sentAt", "lastSmtpCode", "lastReply",
                          "resentAfterCrash", "unknownOutcomes", "mayBeDuplicate", "note"}]}
                          (with "audit" for one ID);
                          retry and cancel print {"action", "changed", "ids"}.

Examples:
  panelpack outbox list 12                           # one row and every attempt at it
  panelpack outbox retry 12                          # after the address is fixed
  panelpack outbox cancel --key 'reminder|permanence|2026-12-15|LCS900108|'
)";

constexpr std::string_view chase_text = R"(Usage:
  panelpack chase PANEL DATE CASEREF --paper TYPE

Queues a chaser: one email to each presenter of a booked case (the booking's presenters, else
the case file's social worker and team manager) saying that a paper has not been received,
with the sitting, the case's slot, the papers deadline and when the pack goes to the members.
The email names the case by reference and initials, never the child's name. It waits in the
outbox (panelpack outbox list) until the next panelpack tick sends it. The Sitting page of
the console does the same with "Send a chaser" on a missing paper.

One chaser per paper a day: a second the same day is refused, saying when the first was
queued (so a double click sends nothing twice); the next day another may go. Its outbox key
is chaser|PANEL|DATE|CASEREF#TYPE@DAY|recipient, DAY the London date it was sent.

Refused (exit code 1, nothing queued) when the paper was received, the booking does not ask
for it, the case is not booked onto the sitting, the sitting is cancelled, has started or is
past, no presenter has an email address, or it was chased today already. A TYPE that is not
a paper type is exit code 2.

Options:
  --paper TYPE            the missing paper: referral, matching, finance-request, care-plan,
                          chronology, assessment or cpm-report.

Example:
  panelpack chase permanence 2026-12-15 LCS900108 --paper chronology
)";

constexpr std::string_view intake_text = R"(Usage:
  panelpack intake [--json] [--office DIR] [--now TIME]

Reads the new messages of the submission mailbox (office.json mail.intake: IMAP over TLS,
the login's password from passwordFile or passwordEnv, as the relay's) and files the papers
they carry. tick runs it first when mail.intake is set, so its replies go out in the same
tick; the console's Mailbox page runs it on demand. For each file of each message, oldest
first:
  checked   a Word document (DOCX), an OpenDocument text (ODT) or a PDF by its content,
            not by its name; no larger than maxAttachmentMB; not a zip bomb, not
            password-protected, not damaged. Otherwise it is refused and the sender told why.
  matched   the case: a case reference (a file in cases/) in the subject or the file name,
            else in the message's text, else the sender when they present exactly one
            booking still to come. The sitting: the case's next one not yet started whose
            booking asks for the paper. The paper: a word in the file name, else the subject,
            else the text: chronology, care plan, assessment (CPR, PAR), matching (matching
            report, proforma), referral, finance request, CPM report.
  filed     stored as papers/CASEREF/TYPE-DATE-TIME.EXT and recorded received when the
            message reached the mailbox, on time or late by the panel's papersDue rule; the
            sender gets "Received: Chronology for LCS900108, on time for the panel of 15
            December" (kind intake_reply, templates/email/intake_reply.*).
  unmatched no reference, two references or two kinds of paper, a case not booked: kept in
            OFFICE/intake/unmatched/ for the administrator to place on the console's Mailbox
            page; the sender is told it was received and will be placed.
A sender outside allowedDomains is never filed automatically and never answered: the paper
waits, unmatched. Pictures in a signature are left alone. Each message is then marked in the
mailbox (the keyword $PanelpackFiled, or moved to processedFolder with "processed": "move");
nothing is ever deleted. OFFICE/intake/seen.json remembers each message and each file's
SHA-256, so a second run, or one after a crash, records nothing twice and replies nothing
twice. How the run went is kept in OFFICE/intake/status.json for the Today page and
panelpack status.

One line per paper is printed, with ids only (message UIDVALIDITY/UID, case reference, paper
type), never a subject, a file name or a name.

Options:
  --json                  print the result as JSON: counts and the lines.

Exit codes here: 0 every paper filed (or nothing new); 1 a paper was refused or left
unmatched (a person should look), or office.json has no mail.intake; 3 the mailbox could not
be read (down, TLS, login refused: the message says which), nothing lost.

Examples:
  panelpack intake                               # read the mailbox now
  panelpack intake --now 2026-12-10T09:00 --json
)";

}  // namespace

std::optional<std::string_view> mail_help_for(std::string_view command) {
  static const std::string tick = office_command_help(tick_text);
  static const std::string outbox = office_command_help(outbox_text);
  static const std::string chase = office_command_help(chase_text);
  static const std::string intake = office_command_help(intake_text);
  if (command == "intake") return intake;
  if (command == "tick") return tick;
  if (command == "outbox") return outbox;
  if (command == "chase") return chase;
  return std::nullopt;
}

}  // namespace panelpack::cli
