#include "office/views/tracker_view.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <tuple>
#include <utility>
#include <variant>

#include "office/records/tracker.hpp"

namespace panelpack::office {

namespace {

using spreadsheet::Cell;

// A child's decision at one sitting: what an action belongs to.
using DecisionKey = std::tuple<panel::CalendarDate, std::string, std::string>;

std::string lower(const std::string& text) {
  std::string folded = text;
  for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return folded;
}

// -1, 0 or 1 for two cells of one column, neither empty. Cells of different kinds (never in
// the tracker) compare by kind.
int compare_cells(const Cell& a, const Cell& b) {
  if (a.value.index() != b.value.index()) return a.value.index() < b.value.index() ? -1 : 1;
  if (const auto* text = std::get_if<std::string>(&a.value)) {
    const std::string left = lower(*text);
    const std::string right = lower(std::get<std::string>(b.value));
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (const auto* date = std::get_if<spreadsheet::Date>(&a.value)) {
    const auto& other = std::get<spreadsheet::Date>(b.value);
    const auto left = std::tie(date->year, date->month, date->day);
    const auto right = std::tie(other.year, other.month, other.day);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (const auto* whole = std::get_if<std::int64_t>(&a.value)) {
    const auto other = std::get<std::int64_t>(b.value);
    return *whole < other ? -1 : *whole > other ? 1 : 0;
  }
  if (const auto* number = std::get_if<double>(&a.value)) {
    const auto other = std::get<double>(b.value);
    return *number < other ? -1 : *number > other ? 1 : 0;
  }
  if (const auto* boolean = std::get_if<bool>(&a.value)) {
    const bool other = std::get<bool>(b.value);
    return *boolean == other ? 0 : (*boolean ? 1 : -1);
  }
  return 0;
}

bool kept(const TrackerFilter& filter, const std::string& panel_id) {
  return !filter.panel_id || *filter.panel_id == panel_id;
}

// The rows the filters keep, in the tracker's own order.
panel::Tracker filtered(const panel::Tracker& tracker, const TrackerFilter& filter) {
  std::set<DecisionKey> with_overdue_action;
  for (const auto& action : tracker.actions) {
    if (action.overdue)
      with_overdue_action.insert({action.sitting, action.panel_id, action.case_ref});
  }
  panel::Tracker kept_rows;
  std::set<DecisionKey> kept_decisions;
  for (const auto& decision : tracker.decisions) {
    const DecisionKey key{decision.sitting, decision.panel_id, decision.case_ref};
    if (!kept(filter, decision.panel_id)) continue;
    if (filter.outcome && *filter.outcome != decision.outcome_code) continue;
    if (filter.only_overdue && !with_overdue_action.contains(key)) continue;
    kept_decisions.insert(key);
    kept_rows.decisions.push_back(decision);
  }
  for (const auto& action : tracker.actions) {
    if (!kept_decisions.contains({action.sitting, action.panel_id, action.case_ref})) continue;
    if (filter.only_overdue && !action.overdue) continue;
    kept_rows.actions.push_back(action);
  }
  return kept_rows;
}

}  // namespace

void sort_sheet(spreadsheet::Sheet& sheet, SheetSort order) {
  if (order.column >= sheet.columns.size()) return;
  const std::size_t column = order.column;
  std::stable_sort(sheet.rows.begin(), sheet.rows.end(), [&](const auto& a, const auto& b) {
    const bool a_empty = column >= a.size() || a[column].is_empty();
    const bool b_empty = column >= b.size() || b[column].is_empty();
    if (a_empty || b_empty) return !a_empty && b_empty;  // empty cells last
    const int compared = compare_cells(a[column], b[column]);
    return order.descending ? compared > 0 : compared < 0;
  });
}

TrackerView tracker_view(const Workspace& workspace, const TrackerFilter& filter,
                         SheetSort decisions_order, SheetSort actions_order,
                         panel::UtcInstant now) {
  TrackerRequest request;
  request.now = now;
  if (filter.from) request.from = *filter.from;
  if (filter.to) request.to = *filter.to;
  TrackerResult result = build_office_tracker(workspace, request);
  TrackerView view;
  view.all_decisions = result.tracker.decisions.size();
  view.all_actions = result.tracker.actions.size();
  view.skipped = std::move(result.skipped);
  spreadsheet::Workbook workbook = tracker_workbook(workspace, filtered(result.tracker, filter));
  view.decisions = std::move(workbook.sheets.at(0));
  view.actions = std::move(workbook.sheets.at(1));
  sort_sheet(view.decisions, decisions_order);
  sort_sheet(view.actions, actions_order);
  return view;
}

}  // namespace panelpack::office
