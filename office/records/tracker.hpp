#pragma once
// The decisions tracker of an office (docs/tracker.md): every decision and action of its
// sittings in a date range, as typed rows and as the workbook printed for managers (XLSX, or
// two CSV files).

#include <filesystem>
#include <string>
#include <vector>

#include "office/workspace.hpp"
#include "panel/london_time.hpp"
#include "panel/tracker.hpp"
#include "spreadsheet/workbook.hpp"

namespace panelpack::office {

struct TrackerRequest {
  panel::CalendarDate from{1996, 1, 1};
  panel::CalendarDate to{9999, 12, 31};
  panel::UtcInstant now;  // decides what is overdue
};

struct TrackerResult {
  panel::Tracker tracker;
  // Decisions and case files that could not be used, each named; their rows are left out.
  std::vector<std::string> skipped;
};

// The tracker's rows from the decisions files and the case files' child IDs.
TrackerResult build_office_tracker(const Workspace& workspace, const TrackerRequest& request);

// The Decisions and Actions sheets, in words, set out for printing with the marking.
spreadsheet::Workbook tracker_workbook(const Workspace& workspace, const panel::Tracker& tracker);

// The workbook as the bytes of an XLSX file, and one of its sheets (0 Decisions, 1 Actions) as
// the bytes of a CSV file (RFC 4180, UTF-8 with a byte order mark): what `panelpack tracker`
// writes and the console downloads. Throws OfficeError (bad_input) for a cell Excel cannot hold.
std::string tracker_xlsx(const spreadsheet::Workbook& workbook);
std::string tracker_csv(const spreadsheet::Workbook& workbook, std::size_t sheet);

// Writes the workbook atomically: XLSX when `output` ends in .xlsx, else the Decisions sheet as
// CSV at `output` and the Actions sheet at STEM-actions.csv beside it. Returns the files
// written. Throws OfficeError: bad_input when the workbook cannot be written (a cell Excel
// cannot hold), machine_failure when a file cannot.
std::vector<std::filesystem::path> write_tracker(const std::filesystem::path& output,
                                                 const spreadsheet::Workbook& workbook);

}  // namespace panelpack::office
