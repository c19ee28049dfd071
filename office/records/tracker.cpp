#include "office/records/tracker.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "office/error.hpp"
#include "office/files.hpp"
#include "office/records/decision_files.hpp"
#include "spreadsheet/csv_writer.hpp"
#include "spreadsheet/spreadsheet_error.hpp"
#include "spreadsheet/xlsx_writer.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using spreadsheet::Cell;

Cell date_cell(const std::optional<panel::CalendarDate>& date) {
  return date ? Cell::date(date->year(), date->month(), date->day()) : Cell::empty();
}

Cell text_cell(const std::string& text) {
  return text.empty() ? Cell::empty() : Cell::text(text);
}

// Words, not codes: a printed tracker goes to managers who do not know office.json.
std::string record_words(panel::RecordState state) {
  switch (state) {
    case panel::RecordState::in_time:
      return "On file in time";
    case panel::RecordState::late:
      return "On file late";
    case panel::RecordState::overdue:
      return "Overdue";
    case panel::RecordState::not_yet_due:
      return "Due";
  }
  return "";
}

std::string action_status_words(const std::string& status) {
  if (status == "open") return "Open";
  if (status == "done") return "Done";
  if (status == "cancelled") return "Cancelled";
  if (status == "overdue") return "Overdue";
  return status;
}

// Landscape, every column on one page's width, the header row on every page, and the marking
// in every page's header and footer: a tracker is printed and carried to meetings.
void set_out_for_printing(spreadsheet::Sheet& sheet) {
  sheet.print.landscape = true;
  sheet.print.fit_to_width = true;
  sheet.print.repeat_header_row = true;
  sheet.print.header_text = "OFFICIAL-SENSITIVE";
  sheet.print.footer_text = "OFFICIAL-SENSITIVE";
  // A column is never narrower than its header (bold), so no header prints cut off.
  for (auto& column : sheet.columns) {
    column.width_chars =
        std::max(column.width_chars, static_cast<double>(column.header.size()) * 1.15 + 2);
  }
}

spreadsheet::Sheet decisions_sheet(const panel::Tracker& tracker) {
  spreadsheet::Sheet sheet{"Decisions",
                           {{"Sitting", 12},
                            {"Panel", 24, true},
                            {"Case ref", 12},
                            {"Child ID", 12},
                            {"Decision", 24},
                            {"Agreed plan", 24},
                            {"Parallel plans", 28, true},
                            {"Monitoring", 18},
                            {"Next review", 12},
                            {"Record due", 12},
                            {"Recorded on file", 14},
                            {"Record", 14},
                            {"Open actions", 8}},
                           {}};
  for (const auto& row : tracker.decisions) {
    // Only a record that is late or overdue is red; one not yet due is just "Due".
    const bool late = row.record_state == panel::RecordState::late ||
                      row.record_state == panel::RecordState::overdue;
    sheet.rows.push_back(
        {date_cell(row.sitting), Cell::text(row.panel_name), Cell::text(row.case_ref),
         text_cell(row.child_id), Cell::text(row.outcome), text_cell(row.primary_plan),
         text_cell(row.parallel_plans), text_cell(row.monitoring), date_cell(row.next_review),
         date_cell(row.record_due), date_cell(row.recorded),
         Cell::text(record_words(row.record_state)).highlighted(late),
         Cell::whole_number(row.open_actions)});
  }
  set_out_for_printing(sheet);
  return sheet;
}

spreadsheet::Sheet actions_sheet(const panel::Tracker& tracker) {
  spreadsheet::Sheet sheet{"Actions",
                           {{"Sitting", 12},
                            {"Panel", 24, true},
                            {"Case ref", 12},
                            {"Ref", 6},
                            {"Action", 50, true},
                            {"Owner", 20},
                            {"Due", 12},
                            {"Status", 10},
                            {"Completed", 12},
                            {"Overdue", 9}},
                           {}};
  for (const auto& row : tracker.actions) {
    std::vector<Cell> cells{date_cell(row.sitting),     Cell::text(row.panel_name),
                            Cell::text(row.case_ref),   text_cell(row.id),
                            text_cell(row.description), text_cell(row.owner),
                            date_cell(row.due),         Cell::text(action_status_words(row.status)),
                            date_cell(row.completed),   Cell::text(row.overdue ? "Yes" : "No")};
    for (auto& cell : cells) cell.highlight = row.overdue;
    sheet.rows.push_back(std::move(cells));
  }
  set_out_for_printing(sheet);
  return sheet;
}

}  // namespace

TrackerResult build_office_tracker(const Workspace& workspace, const TrackerRequest& request) {
  TrackerResult result;
  const auto decisions = load_all_decisions(workspace, result.skipped);
  std::map<std::string, std::string> child_ids;
  for (const auto& file : workspace.load_all_cases(result.skipped)) {
    child_ids[file.summary.case_ref] = file.summary.child_id;
  }
  result.tracker =
      panel::build_tracker(workspace.office(), decisions, child_ids, request.from, request.to,
                           panel::utc_to_local(request.now).date, workspace.calendar());
  return result;
}

spreadsheet::Workbook tracker_workbook(const Workspace& workspace, const panel::Tracker& tracker) {
  spreadsheet::Workbook workbook;
  workbook.title = workspace.office().authority + " panel decisions tracker (OFFICIAL-SENSITIVE)";
  workbook.creator = "panelpack";
  workbook.sheets = {decisions_sheet(tracker), actions_sheet(tracker)};
  return workbook;
}

std::string tracker_xlsx(const spreadsheet::Workbook& workbook) {
  try {
    return spreadsheet::write_xlsx(workbook);
  } catch (const spreadsheet::SpreadsheetError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
}

std::string tracker_csv(const spreadsheet::Workbook& workbook, std::size_t sheet) {
  try {
    return spreadsheet::write_csv(workbook.sheets.at(sheet));
  } catch (const spreadsheet::SpreadsheetError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
}

std::vector<fs::path> write_tracker(const fs::path& output, const spreadsheet::Workbook& workbook) {
  const bool xlsx = output.extension() == ".xlsx";
  std::vector<std::string> files;
  try {
    if (xlsx) {
      files = {tracker_xlsx(workbook)};
    } else {
      files = {tracker_csv(workbook, 0), tracker_csv(workbook, 1)};
    }
  } catch (const OfficeError& error) {
    // The cell is named by the error; the file it was for, here.
    throw OfficeError(error.code(), error.what(), {output.string(), ""});
  }
  if (xlsx) {
    write_output(output, files[0]);
    return {output};
  }
  const fs::path actions = output.parent_path() / (output.stem().string() + "-actions.csv");
  write_output(output, files[0]);
  write_output(actions, files[1]);
  return {output, actions};
}

}  // namespace panelpack::office
