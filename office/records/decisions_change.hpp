#pragma once
// The one way a sitting's decisions file (decisions/PANEL/DATE.json) changes: read, changed and
// rewritten under its lock, against the version a form was opened on, and checked against the
// decisions schema before it is written. Recording, signing off, sending, "on file" and actions
// done all go through it, so two people (or a person and tick) never lose each other's change.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::office {

// The version of a sitting with no decisions file yet.
inline constexpr const char* kNoDecisionsVersion = "none";

// The SHA-256 (hex) of decisions/PANEL/DATE.json's bytes, or kNoDecisionsVersion when there is
// no such file. Throws OfficeError (read_input) when it is there but does not read.
std::string decisions_version(const Workspace& workspace, const std::string& panel_id,
                              panel::CalendarDate date);

// Runs `change` on the file's JSON under the file's lock and writes the result atomically. When
// there is no file yet, `change` sees {"securityMarking", "panel", "date", "decisions": []}.
// With `expected_version` (not null), a file that is another version is not changed: the result
// says `stale` and `change` does not run (the page says "this record changed since you opened
// it"). `change` refuses by throwing OfficeError; then nothing is written. A result that does not
// meet decisions.schema.json is refused (bad_input, every problem listed, nothing written).
struct DecisionsChange {
  bool stale = false;   // the file was another version than expected: nothing changed
  std::string version;  // the file's version after the change (or as found, when stale)
};
DecisionsChange change_decisions(const Workspace& workspace, const std::string& panel_id,
                                 panel::CalendarDate date, const std::string* expected_version,
                                 const std::function<void(nlohmann::ordered_json& file)>& change);

}  // namespace panelpack::office
