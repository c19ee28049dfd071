#pragma once
// A sitting's decision records (docs/decisions.md): one document per child from the office's
// decision-record template, named for upload to the child's file, with a PDF of each where
// LibreOffice is, and the manifest listing them, all published into records/PANEL/DATE/ at once.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/records/records_manifest.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// What one record's name may be made from (the decision record name pattern's fields).
struct RecordNameFields {
  std::string child_id;
  std::string case_ref;
  std::string panel;  // the panel type's words: "Permanence Panel"
  std::string panel_id;
  std::string panel_name;
  panel::CalendarDate date;

  // As the name pattern sees them: childId, caseRef, panel, panelId, panelName, date.
  nlohmann::json to_json() const;
};

// A record's file name without its extension. Front ends fill a pattern
// (decision_record_pattern) and throw OfficeError when it makes no name.
using RecordNamer = std::function<std::string(const RecordNameFields&)>;

// "LCS900102 Permanence Panel decision 2026-12-15": what a case file system shows.
inline constexpr const char* default_decision_record_pattern =
    "{{childId}} {{panel}} decision {{date}}";

// office.json's decisionRecordName, else the default.
std::string decision_record_pattern(const Workspace& workspace);

enum class RecordPdfs {
  where_installed,  // a PDF of each record when LibreOffice is installed, else a note
  required,         // no LibreOffice is bad input
  none,
};

struct DecisionsRequest {
  std::string panel_id;
  panel::CalendarDate date;
  panel::UtcInstant now;  // the manifest's generatedAt, and the agenda's day
  RecordPdfs pdfs = RecordPdfs::where_installed;
  RecordNamer name;  // required: none is bad_argument
};

struct DecisionsResult {
  std::filesystem::path folder;   // records/PANEL/DATE
  panel::LondonTime records_due;  // when each record must be on the child's file
  std::vector<RecordFile> records;
  bool made_pdfs = false;
  // Why PDFs that were wanted where possible were not made ("LibreOffice is not installed, so
  // no PDFs were made (...)"); nothing when they were made or not wanted.
  std::optional<std::string> note;

  // {"folder", "records", "recordsDue"}: what `decisions --json` prints.
  nlohmann::ordered_json to_json() const;
};

// Writes the sitting's records, replacing what an earlier run wrote in one step. Throws
// OfficeError: bad_input for no or wrong decisions, a record's data against the decision
// schema, a template that is missing or has errors, two records with one name, a PDF that
// LibreOffice could not make (nothing is written then); machine_failure when the folder cannot
// be written.
DecisionsResult write_decision_records(const Workspace& workspace, const DecisionsRequest& request);

}  // namespace panelpack::office
