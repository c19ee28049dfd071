#pragma once
// What the people of one sitting were last told by mail: each presenter's slot as their
// confirmation or reminder (or latest correction) gave it, the schedule the members last
// received (in the circulated pack or an addendum), and the members' calendar invitation. A change
// to the sitting is measured against it, so a presenter whose slot moved gets a correction, the
// presenters of a case taken off get a cancellation, and the members an addendum. `panelpack tick`
// keeps the record (OFFICE/notified/PANEL/DATE.json, docs/mail.md); this is its data and its
// comparison, pure.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"
#include "panel/person.hpp"

namespace panelpack::panel {

// One presenter of one case, as last told.
struct PresenterNotice {
  std::string case_ref;
  std::string child_initials;
  std::string name;
  std::string email;
  std::string slot;      // "09:30"; what the confirmation, reminder or correction said
  std::string end_time;  // "10:30"
  // The first notice (the confirmation; before issue 15, the reminder) is 1; each correction or
  // cancellation adds one. Its calendar invitation's SEQUENCE is this less one.
  int notices = 1;
  bool cancelled = false;
};

// The sitting's calendar invitation as the chair and members were last sent it (issue 15).
struct MembersNotice {
  std::string start;  // "09:30"
  std::string end;    // "12:45"
  std::string venue;
  int notices = 1;  // the first invitation is 1; each update or the cancellation adds one
  bool cancelled = false;
  std::vector<Person> people;  // who has had it (names and emails)

  bool has(const std::string& email) const;
};

struct SittingNotices {
  std::vector<PresenterNotice> presenters;
  // The schedule the members last received (schedule_text), once the pack was circulated.
  std::optional<std::string> agenda;
  int addenda = 0;  // addenda sent to the members since the circulation
  // The members' calendar invitation, once sent (absent in files written before issue 15).
  std::optional<MembersNotice> members;

  PresenterNotice* find(const std::string& case_ref, const std::string& email);
  const PresenterNotice* find(const std::string& case_ref, const std::string& email) const;

  nlohmann::ordered_json to_json(const std::string& panel_id, CalendarDate date) const;
};

// Throws PanelError naming the JSON pointer of a value that does not read.
SittingNotices parse_sitting_notices(const nlohmann::json& json);

// One booked case's slot now.
struct CaseSlot {
  std::string case_ref;
  std::string slot;
  std::string end_time;
};

// "LCS900102 09:30-10:30, LCS900103 10:30-11:15": what an addendum is measured against.
std::string schedule_text(const std::vector<CaseSlot>& slots);

// 8 hex digits (FNV-1a) naming a schedule in an idempotency key.
std::string schedule_hash(const std::string& schedule);

struct SlotChanges {
  // Presenters of a booked case whose slot differs from what they were told (or who were told
  // it was cancelled), with the slot it has now.
  std::vector<std::pair<const PresenterNotice*, CaseSlot>> corrections;
  // Presenters of a case no longer booked, not yet told so.
  std::vector<const PresenterNotice*> cancellations;
  // The members received a schedule and it is no longer the sitting's.
  bool agenda_changed = false;
};

SlotChanges slot_changes(const SittingNotices& told, const std::vector<CaseSlot>& now);

}  // namespace panelpack::panel
