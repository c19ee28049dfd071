#pragma once
// Every action of every sitting's decisions (decisions/PANEL/DATE.json) in one list: who owes
// what by when, whether it is overdue on a day (London), filtered by person, team, panel or
// overdue; and an action marked done with a note, through change_decisions (the one path that
// changes a decisions file). Following an action up is not a change to the signed record: the
// decision's `agreed` mark and version are left as they are.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/person.hpp"

namespace panelpack::office {

// One action as the list shows it.
struct ActionRow {
  std::string panel_id;
  std::string panel_name;  // as office.json names the panel
  panel::CalendarDate sitting;
  std::string case_ref;
  std::string id;  // the action's id within the decision ("A1")
  std::string description;
  panel::Person owner;  // name, role, team, email as the decision records them
  std::optional<panel::CalendarDate> due;
  std::string status;  // open, done, overdue, cancelled (absent in the file: open)
  std::optional<panel::CalendarDate> completed;
  std::string completion_note;
  bool overdue = false;  // due by the list's day and neither done nor cancelled by then

  // Still to be done: neither done nor cancelled.
  bool open() const { return status != "done" && status != "cancelled"; }
};

// What to show; empty fields show everything.
struct ActionFilter {
  std::string person;    // the owner's name contains it (any case)
  std::string team;      // the owner's team is it (any case)
  std::string panel_id;  // the sitting's panel
  bool overdue_only = false;
};

struct ActionList {
  panel::CalendarDate today;          // the day overdue is judged on
  std::vector<ActionRow> actions;     // the filter's, by due date (none last), sitting, case, id
  std::size_t overdue = 0;            // overdue actions in the whole office, filter or not
  std::vector<std::string> people;    // every owner's name, sorted: the filter's choices
  std::vector<std::string> teams;     // every owner's team, sorted
  std::vector<std::string> problems;  // decisions files that could not be read, each named
};

// The office's actions on `today`.
ActionList list_actions(const Workspace& workspace, const ActionFilter& filter,
                        panel::CalendarDate today);

// One action, found by its sitting, case and id; nothing when there is no such action.
std::optional<ActionRow> find_action(const Workspace& workspace, const std::string& panel_id,
                                     panel::CalendarDate sitting, const std::string& case_ref,
                                     const std::string& action_id, panel::CalendarDate today);

struct ActionDoneRequest {
  std::string panel_id;
  panel::CalendarDate sitting;
  std::string case_ref;
  std::string action_id;
  std::string note;  // what was done (required)
  // The decisions file's version the form was opened on (decisions_version); null: any.
  std::optional<std::string> expected_version;
  panel::UtcInstant now;  // completedDate is its London day
};

enum class ActionDoneRefusal {
  no_note,    // "What was done" was left empty
  stale,      // the decisions file changed since the form was opened: nothing changed
  not_found,  // no such sitting, case or action
  not_open,   // it is done or cancelled already
};

struct ActionDoneResult {
  std::optional<ActionDoneRefusal> refused;  // set: nothing was written
  // Refused: why and what to do, in words (ids only, never the note or the description).
  std::string message;
  std::string version;  // the decisions file's version afterwards (or as found)

  bool done() const { return !refused.has_value(); }
};

// Writes status "done", completedDate (today in London) and completionNote on the action and
// nothing else. Throws OfficeError: bad_input for an unknown panel or a file that does not
// read, busy when its lock cannot be had.
ActionDoneResult mark_action_done(const Workspace& workspace, const ActionDoneRequest& request);

}  // namespace panelpack::office
