#pragma once
// Changing a panel's sittings in office.json (the console's Calendar page): an extra sitting
// added, a sitting cancelled, or one moved to another date, each with its reason. The change
// is checked, made under office.json's lock, refused when office.json is no longer the version
// the form was opened on, and written atomically with every other value of the file kept as it
// was (docs/calendar.md, Changing the calendar).

#include <string>
#include <vector>

#include "office/office_change.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::office {

enum class CalendarChangeKind {
  add,     // an extra sitting on `date` (or a cancelled cadence date put back)
  cancel,  // the sitting on `date` will not happen
  move,    // the sitting on `date` happens on `new_date` instead
};

struct CalendarChange {
  CalendarChangeKind kind = CalendarChangeKind::add;
  std::string panel_id;
  std::string date;      // as typed, YYYY-MM-DD: the new sitting (add), or the sitting
  std::string new_date;  // move only, as typed
  std::string reason;    // why: shown by the calendar beside the sitting
};

// The form field a problem is about.
enum class CalendarField { panel, date, new_date, reason, office };

struct CalendarProblem {
  CalendarField field = CalendarField::office;
  std::string message;  // plain words, a capital first, no full stop
};

struct CalendarChangeResult {
  bool done = false;
  bool stale = false;  // office.json changed since the form was opened: nothing was changed
  std::vector<CalendarProblem> problems;  // why it was refused (empty when done)
  std::string summary;                    // when done: "Extra sitting added on ..." for the page
  // "PANEL/DATE" of each sitting changed, for the audit (a move: the old one, then the new one).
  std::vector<std::string> sitting_ids;
};

// Checks and makes `change`. Refused, with office.json untouched, when: a date is not a real
// date or is before `today`; the panel is not in office.json; the reason is empty; an added
// date is already a sitting of the panel; a cancelled or moved date is not a sitting, is
// already cancelled, or has cases booked onto it (they must be moved first, so no booking is
// left on a sitting that will not happen); or the new office.json would not be valid. With an
// expected version, an office.json that is another version is refused as stale. Takes
// office.json's lock (.office.json.lock), then the sitting's bookings lock while it checks
// the bookings; the change goes through change_office (office_change.hpp). Throws OfficeError
// (machine_failure) when office.json cannot be read or written.
CalendarChangeResult change_calendar(const Workspace& workspace, const CalendarChange& change,
                                     panel::CalendarDate today,
                                     const std::string* expected_version = nullptr);

}  // namespace panelpack::office
