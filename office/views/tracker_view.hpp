#pragma once
// The Tracker page's read model: the tracker's two sheets (Decisions, Actions) exactly as the
// workbook of `panelpack tracker` has them, narrowed by the page's filters and sorted by one
// column each, so the page shows the same columns and values as the XLSX.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "spreadsheet/workbook.hpp"

namespace panelpack::office {

struct TrackerFilter {
  std::optional<std::string> panel_id;  // only this panel's sittings
  std::optional<std::string> outcome;   // only decisions with this outcome code (and their actions)
  std::optional<panel::CalendarDate> from;  // sittings on or after
  std::optional<panel::CalendarDate> to;    // sittings on or before
  // Only the actions past their date and not done, and the decisions they belong to.
  bool only_overdue = false;
};

// One sheet's order: by column `column` (0-based), smallest first unless `descending`. Empty
// cells come last either way; text is compared without case, dates as dates.
struct SheetSort {
  std::size_t column = 0;
  bool descending = false;
};

struct TrackerView {
  spreadsheet::Sheet decisions;   // the Decisions sheet's columns, the rows the filters keep
  spreadsheet::Sheet actions;     // the Actions sheet's
  std::size_t all_decisions = 0;  // of the dates asked for, before the other filters
  std::size_t all_actions = 0;
  // Decisions and case files that could not be read, each named; their rows are left out.
  std::vector<std::string> skipped;
};

TrackerView tracker_view(const Workspace& workspace, const TrackerFilter& filter,
                         SheetSort decisions_order, SheetSort actions_order, panel::UtcInstant now);

// Sorts the sheet's rows in place, stably (rows that compare the same keep their order). A
// column past the sheet's is ignored.
void sort_sheet(spreadsheet::Sheet& sheet, SheetSort order);

}  // namespace panelpack::office
