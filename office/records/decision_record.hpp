#pragma once
// One child's decision record, made when it is sent (the Decision records page): the document
// from the office's decision-record template and its PDF, written into records/PANEL/DATE/
// beside the others and listed in the sitting's manifest. Unlike the whole sitting's records
// (decisions.hpp), it needs only this child's decision: the others may still be drafts.

#include <filesystem>
#include <optional>
#include <string>

#include "office/records/decisions.hpp"
#include "office/records/records_manifest.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct OneRecordRequest {
  std::string panel_id;
  panel::CalendarDate date;
  std::string case_ref;
  panel::UtcInstant now;  // the agenda's day and the manifest's generatedAt
  RecordPdfs pdfs = RecordPdfs::where_installed;
  RecordNamer name;  // required: none is bad_argument
};

struct OneRecordResult {
  std::filesystem::path folder;  // records/PANEL/DATE
  RecordFile record;             // its files in the folder (pdf: none when none was made)
  panel::LondonTime records_due;
  std::optional<std::string> note;  // why no PDF was made, when one was wanted where possible
};

// Writes the child's record (document, then PDF) into the sitting's records folder, each file
// replaced whole, under the folder's lock, and lists it in the manifest. Throws OfficeError:
// bad_input for no decision for the child, a child not booked, a record whose data breaks the
// decision schema, a template that is missing or has errors, a PDF LibreOffice could not make
// (nothing is written then); machine_failure when the folder cannot be written.
OneRecordResult write_decision_record(const Workspace& workspace, const OneRecordRequest& request);

}  // namespace panelpack::office
