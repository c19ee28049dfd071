#pragma once
// The Decision records page's model: each booked child of a sitting in agenda order with where
// its record stands (record_state.hpp), whether it is late, its files once made, who it went to
// and when, and when it went on the child's file; the sitting's records deadline.

#include <optional>
#include <string>
#include <vector>

#include "office/records/record_state.hpp"
#include "office/records/records_manifest.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/person.hpp"

namespace panelpack::office {

struct RecordLine {
  std::string case_ref;
  std::string child_id;
  std::string initials;  // never the name: the page names children by reference and initials
  RecordState state = RecordState::not_started;
  bool late = false;                // past the deadline and not on the child's file
  std::optional<RecordFile> files;  // once made (the manifest lists it)
  std::optional<panel::LondonTime> sent_at;
  std::vector<panel::Person> sent_to;
  std::optional<panel::CalendarDate> recorded_date;
  std::string on_file_reference;
};

struct RecordsView {
  std::string panel_id;
  panel::CalendarDate date;
  panel::LondonTime due;  // when each record must be on the child's file
  bool due_passed = false;
  std::string version;  // the decisions file's (decisions_version), for the forms
  std::vector<RecordLine> lines;
};

// Throws OfficeError (bad_input) for an unknown panel or sitting, or files that do not read.
RecordsView records_view(const Workspace& workspace, const std::string& panel_id,
                         panel::CalendarDate date, panel::UtcInstant now);

}  // namespace panelpack::office
