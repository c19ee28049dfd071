#pragma once
// The one owner of OFFICE/records/PANEL/DATE/manifest.json, the list of a sitting's decision
// records that `panelpack decisions` wrote (docs/decisions.md): written with the records, and
// read back by the minutes reminder to tell which records are still to be made.

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// One decision record of the sitting.
struct RecordFile {
  std::string case_ref;
  std::string child_id;
  std::string file;                // its name in the records folder
  std::string sha256;              // of the document's bytes, as hex
  std::optional<std::string> pdf;  // its PDF's name; nothing when no PDFs were made
};

struct RecordsManifest {
  std::string panel_id;
  panel::CalendarDate date;
  panel::LondonTime records_due;  // when each record must be on the child's file
  panel::UtcInstant generated_at;
  std::vector<RecordFile> records;

  // The "records" array of the manifest (what `decisions --json` prints too).
  nlohmann::ordered_json records_json() const;
  nlohmann::ordered_json to_json() const;
};

// The manifest's name in the records folder.
inline constexpr const char* records_manifest_name = "manifest.json";

// records/PANEL/DATE/manifest.json of the office.
std::filesystem::path records_manifest_path(const Workspace& workspace, const std::string& panel_id,
                                            panel::CalendarDate date);

// The case references whose record the manifest lists; empty when none has been written or
// the manifest does not read (the minutes reminder then lists every case as still to do).
std::set<std::string> recorded_cases(const Workspace& workspace, const std::string& panel_id,
                                     panel::CalendarDate date);

// The records the manifest lists; empty when none has been written or it does not read (the
// Decision records page then offers no download, and the record is made again when sent).
std::vector<RecordFile> recorded_files(const Workspace& workspace, const std::string& panel_id,
                                       panel::CalendarDate date);

}  // namespace panelpack::office
