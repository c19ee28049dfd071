#pragma once
// The administrator's drafts of a sitting's records, kept on the server as they are typed
// (decisions/PANEL/drafts/DATE.json: never a .json directly in decisions/PANEL/, which the CLI
// reads as a sitting), so a closed tab or a dropped connection loses nothing. A child's draft
// that is complete becomes their decision in decisions/PANEL/DATE.json (through
// change_decisions, the one path); one that is not is kept out of it. A signed-off record is
// locked: its draft can no longer be saved.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "office/records/record_entry.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

std::filesystem::path record_drafts_path(const Workspace& workspace, const std::string& panel_id,
                                         panel::CalendarDate date);

struct RecordDraft {
  RecordEntry entry;
  std::string saved_by;  // the account's user name
  std::string saved_at;  // UTC, ISO 8601
};

// The sitting's drafts by case reference (none when there is no drafts file). Throws
// OfficeError (bad_input) when the file does not read.
std::map<std::string, RecordDraft> load_record_drafts(const Workspace& workspace,
                                                      const std::string& panel_id,
                                                      panel::CalendarDate date);

struct DraftSaveRequest {
  std::string panel_id;
  panel::CalendarDate date;
  std::string case_ref;
  RecordEntry entry;
  std::vector<KnownPerson> people;  // whom the form offered for the actions
  std::string saved_by;
  panel::UtcInstant now;
};

enum class DraftRefusal {
  none,
  not_booked,  // the case is not booked onto the sitting
  locked,      // the chair signed it off: only the chair who signed may change it
};

struct DraftSave {
  DraftRefusal refused = DraftRefusal::none;
  RecordReading reading;         // what the entry says, and what is wrong or missing
  bool first = false;            // the child had no draft before
  bool complete = false;         // the child's decision is in the decisions file now
  bool became_complete = false;  // ... and was not before this save
  std::string saved_at;          // UTC, ISO 8601
};

// Saves the child's draft and, under the decisions file's lock, puts the decision in the
// decisions file when the draft is complete, or keeps it out when not. A refusal writes
// nothing. Throws OfficeError when a file cannot be read or written.
DraftSave save_record_draft(const Workspace& workspace, const DraftSaveRequest& request);

}  // namespace panelpack::office
