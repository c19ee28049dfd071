#pragma once
// What mail is due at a moment, from the booked sittings and their deadlines: the reminder to
// each case's presenters, the pack's circulation, the escalation of missing papers to the team
// manager, and the administrator's reminder that minutes are due. Each email has the
// idempotency key (kind|panel|date|caseRef|recipient) that keeps it from being sent twice.
// Pure: no clock, no files, no mailer; `panelpack tick` joins it to the outbox (docs/mail.md).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panel/bookings.hpp"
#include "panel/case_summary.hpp"
#include "panel/office_config.hpp"
#include "panel/sitting_notices.hpp"
#include "panel/sittings.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::panel {

enum class MailKind {
  reminder,
  circulation,
  papers_missing,
  minutes_due,
  // A change to the sitting after people were told (sitting_notices.hpp): a presenter's new
  // slot, a case taken off, the members' new agenda after the circulation.
  correction,
  cancellation,
  addendum,
  // To the panel's administrator when tick cannot build or circulate a pack at its deadline:
  // not planned from deadlines but raised by the tick that meets the failure.
  pack_failed,
  // A missing paper chased by hand from the Sitting page or `panelpack chase`, to the case's
  // presenters: never planned by tick (office/sitting/paper_chaser.hpp).
  chaser,
  // A reminder to an action's owner before its due date and on the day (issue 14), planned by
  // tick from the decisions files, not the sittings (office/tick/action_reminders.hpp).
  action_reminder,
  // A child's agreed decision record, sent by hand from the Decision records page to the case
  // file's social worker and team manager: never planned by tick (office/records/records_out.hpp).
  decision_record,
  // Issue 15. To each presenter when their case is booked: the slot, venue, papers due and the
  // submission mailbox, with an iCalendar invitation (REQUEST; a moved slot is the same UID with
  // a higher SEQUENCE, a removal METHOD:CANCEL) (office/invitations/).
  confirmation,
  // Issue 15. To the chair and members, one per sitting: an iCalendar invitation to the sitting,
  // updated the same way when its time or place changes, cancelled with it (office/invitations/).
  invitation,
  // Issue 15. To whoever sent a paper to the submission mailbox: received (on time or late), or
  // what was wrong with it (office/intake/).
  intake_reply,
};

// "reminder", "circulation", "papers-missing", "minutes-due", "pack-failed", "chaser",
// "action_reminder": the first part of every key and the base name of the kind's templates.
std::string to_string(MailKind kind);

// The minutes reminder goes at this London time on the last working day before the minutes
// deadline's day, so the administrator has a working day to finish them.
inline constexpr TimeOfDay kMinutesReminderTime{9, 0};

// The moments of one sitting that mail is tied to.
struct MailMoments {
  SittingDeadlines deadlines;
  UtcInstant starts_at;            // the sitting's start: after it, nothing before it is sent
  UtcInstant minutes_reminder_at;  // see kMinutesReminderTime; never before the sitting starts
};

MailMoments mail_moments(const PanelConfig& panel, const Sitting& sitting,
                         const WorkingCalendar& calendar);

// One booked case as mail may name it: ids, initials and times, never the child's name.
struct MailCase {
  int number = 0;  // its item on the agenda
  std::string case_ref;
  std::string child_id;
  std::string child_initials;
  std::string slot;      // "09:30"
  std::string end_time;  // "10:30"
  // The papers the booking expects that have not been received by now, in booking order.
  std::vector<std::string> missing_papers;
  std::vector<std::string> paper_types;  // every paper the booking asks for
};

// A booked sitting that has mail due, or mail whose moment passed, in the window.
struct SittingMail {
  const PanelConfig* panel = nullptr;
  Sitting sitting;
  MailMoments moments;
  std::vector<MailCase> cases;  // agenda order
  // "12:45": when the sitting ends as the members' invitation says it: the last case's end,
  // else what the members were last sent, else one slot after the start.
  std::string end_time;
};

struct DueMail {
  MailKind kind = MailKind::reminder;
  std::size_t sitting = 0;           // index into MailPlan::sittings
  std::optional<std::size_t> about;  // reminder, papers_missing: index into that sitting's cases
  Person recipient;
  std::string role;  // "social worker", "team manager", "presenter", "chair", "member",
                     // "submission mailbox", "administrator"
  UtcInstant due_at;
  UtcInstant expires_at;  // from then on it would be pointless: it is skipped, not sent
  bool late = false;      // due more than MailWindow::late_after before now: a tick missed it
  std::string key;        // kind|panel|date|caseRef|recipient (caseRef empty for a sitting's mail)
  // correction, cancellation: what the presenter was last told (for a cancellation, the case
  // taken off, which is no longer among the sitting's cases).
  PresenterNotice previous;
  // correction, cancellation, addendum, invitation: which notice to that person this is (the
  // key's #N); a confirmation is notice 1. An invitation's SEQUENCE is this less one.
  int notice = 0;
};

struct MailWindow {
  UtcInstant now;
  // Moments further back than this are left alone (neither sent nor reported): how long a
  // tick may have been down and still catch up.
  std::chrono::days lookback{14};
  std::chrono::minutes late_after{15};
};

struct MailPlan {
  std::vector<SittingMail> sittings;
  std::vector<DueMail> due;     // due now and not yet pointless: to queue (the outbox dedupes)
  std::vector<DueMail> passed;  // whose moment passed within the window: skipped
  // Mail that cannot go, by ids only: "reminder for permanence 2026-12-15 LCS900102: the
  // social worker has no email address".
  std::vector<std::string> problems;
};

// Whether any mail moment of the sitting falls in [now - lookback, now]: only such sittings
// need their case files read.
bool has_mail_in_window(const PanelConfig& panel, const Sitting& sitting,
                        const WorkingCalendar& calendar, const MailWindow& window);

struct MailDueInputs {
  const OfficeConfig& office;
  // Cancelled sittings and empty bookings get no mail, but the change mail of what was told.
  const std::vector<BookedSitting>& booked;
  const std::map<std::string, CaseSummary>& cases;  // every case booked in a window sitting
  const WorkingCalendar& calendar;
  MailWindow window;
  // What each sitting's people were last told, by sitting_key; absent: nothing is compared.
  const std::map<std::string, SittingNotices>* told = nullptr;
};

// A person mail goes to, with the role the email and the page name them by.
struct Addressee {
  const Person* person;  // into the summary or the booking it was chosen from
  std::string role;      // "social worker", "team manager", "presenter"
};

// The case file's allocated social worker and team manager (those it has): who a child's
// decision record goes to, and who presents when the booking names nobody.
std::vector<Addressee> allocated_workers(const CaseSummary& summary);

// Who presents a booked case, as confirmations, reminders, corrections and chasers pick them,
// and the agenda prints them: the booking's presenters, else allocated_workers. The one rule.
std::vector<Addressee> presenters_of(const BookingItem& item, const CaseSummary& summary);

// When a booking was made (its bookedAt), or nothing when it does not say.
std::optional<UtcInstant> booked_at(const BookingItem& item);

// Whether a booking of the sitting has its confirmation due in the window (bookedAt in it, or
// no bookedAt) while the sitting has not started: only such sittings need their case files read.
bool has_booking_mail_in_window(const BookedSitting& booked, const MailWindow& window);

// "permanence|2026-12-15": how MailDueInputs::told names a sitting.
std::string sitting_key(const std::string& panel_id, CalendarDate date);

// What is due at window.now. Recipients are the booking's presenters (else the case's social
// worker and team manager) for reminders; the chair, members and submission mailbox for the
// circulation; the case's team manager for missing papers (at the papers deadline); the
// panel's administrator for minutes. A paper counts as received once its receivedAt is at
// or before now. A sitting whose case files are missing, whose agenda does not compute, or
// that falls on a bank holiday or closure day it is not confirmed for, is a problem and gets
// no mail.
//
// Changes (when `told` has the sitting and it has not started): a correction to each presenter
// whose slot differs from what they were told, key correction|panel|date|CASEREF@SLOT-END#N|
// recipient; a cancellation to each presenter of a case no longer booked, key
// cancellation|panel|date|CASEREF#N|recipient; once the members had the pack, an addendum to
// them when the schedule differs, key addendum|panel|date|agenda#N-HASH|recipient. N counts
// the notices that person had, so a second move is a second mail; all are due at once.
//
// Issue 15: a confirmation to each presenter of each booking, due at its bookedAt (none: at
// once), key confirmation|panel|date|CASEREF|recipient. The members' invitation to the chair
// and each member, due at the sitting's first booking made in the window, key
// invitation|panel|date|sitting#N-HASH|recipient (HASH of start, end and venue); an update
// (N+1, at once) when the start, end or venue differs from what they were sent; a member who
// had none gets the current one. A cancelled sitting whose members were sent the invitation
// gets invitation|panel|date|cancelled#N|recipient, and its presenters not yet told their
// cancellation.
MailPlan plan_due_mail(const MailDueInputs& inputs);

// "kind|panel|date|caseRef|recipient", the recipient lower-cased.
std::string mail_key(MailKind kind, const std::string& panel_id, CalendarDate date,
                     const std::string& case_ref, const std::string& email);

// A key mail_key wrote, read back into its fields as text (an outbox may hold keys of an
// older panelpack, so the kind is not checked against MailKind).
struct MailKeyParts {
  std::string kind;
  std::string panel_id;
  std::string date;       // YYYY-MM-DD
  std::string case_ref;   // empty for a sitting's mail; a change's key adds @SLOT-END#N, #N...
  std::string recipient;  // lower-cased
};

// The key's five fields, or nothing when it is not five '|'-separated fields (a row queued by
// something other than tick).
std::optional<MailKeyParts> parse_mail_key(std::string_view key);

// "reminder for permanence 2026-12-15 LCS900102", "circulation for permanence 2026-12-15":
// how the log names a due email without its recipient.
std::string describe(const MailPlan& plan, const DueMail& mail);

}  // namespace panelpack::panel
