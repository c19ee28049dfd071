#include "office/views/case_list_view.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "panel/labels.hpp"

namespace panelpack::office {

namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool contains_text(const std::string& haystack, const std::string& needle) {
  return lowercase(haystack).find(needle) != std::string::npos;
}

// Each case's first sitting from today that is not cancelled, by case reference.
std::map<std::string, NextSitting> next_sittings(const Workspace& workspace,
                                                 panel::CalendarDate today,
                                                 std::vector<std::string>& problems) {
  std::map<std::string, NextSitting> next;
  for (const panel::BookedSitting& booked : workspace.load_all_bookings(problems)) {
    const panel::Sitting& sitting = booked.sitting;
    if (sitting.cancelled || sitting.date < today) continue;
    for (const panel::BookingItem& item : booked.bookings.items) {
      const auto found = next.find(item.case_ref);
      if (found != next.end() && found->second.date <= sitting.date) continue;
      next[item.case_ref] = {sitting.panel_id, workspace.office().panel(sitting.panel_id).name,
                             sitting.date};
    }
  }
  return next;
}

bool panel_matches(const Workspace& workspace, const CaseRow& row,
                   const panel::CaseSummary& summary, const std::string& panel_id) {
  if (row.next_sitting && row.next_sitting->panel_id == panel_id) return true;
  for (const panel::PanelConfig& panel : workspace.office().panels) {
    if (panel.id == panel_id) return panel.type == summary.referral_panel_type;
  }
  return false;
}

}  // namespace

CaseListView cases(const Workspace& workspace, const CaseFilters& filters,
                   panel::CalendarDate today) {
  CaseListView view;
  const auto files = workspace.load_all_cases(view.problems);
  const auto next = next_sittings(workspace, today, view.problems);
  view.total = files.size();
  const std::string text = lowercase(filters.text);
  for (const CaseFile& file : files) {
    const panel::CaseSummary& summary = file.summary;
    CaseRow row{summary.case_ref, summary.child_name, summary.legal_status, "", std::nullopt};
    if (!row.legal_status.empty())
      row.legal_status_words = panel::legal_status_label(row.legal_status);
    if (const auto found = next.find(summary.case_ref); found != next.end()) {
      row.next_sitting = found->second;
    }
    if (!text.empty() && !contains_text(row.case_ref, text) && !contains_text(row.child_name, text))
      continue;
    if (filters.panel_id && !panel_matches(workspace, row, summary, *filters.panel_id)) continue;
    if (filters.legal_status && row.legal_status != *filters.legal_status) continue;
    if (filters.next_sitting &&
        (!row.next_sitting || row.next_sitting->date != *filters.next_sitting)) {
      continue;
    }
    view.rows.push_back(std::move(row));
  }
  std::sort(view.rows.begin(), view.rows.end(),
            [](const CaseRow& a, const CaseRow& b) { return a.case_ref < b.case_ref; });
  return view;
}

nlohmann::ordered_json to_json(const CaseRow& row) {
  nlohmann::ordered_json json{{"caseRef", row.case_ref},
                              {"childName", row.child_name},
                              {"legalStatus", row.legal_status},
                              {"legalStatusWords", row.legal_status_words}};
  if (row.next_sitting) {
    json["nextSitting"] = {{"panel", row.next_sitting->panel_id},
                           {"panelName", row.next_sitting->panel_name},
                           {"date", row.next_sitting->date.iso()}};
  } else {
    json["nextSitting"] = nullptr;
  }
  return json;
}

nlohmann::ordered_json to_json(const CaseListView& view) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const CaseRow& row : view.rows) rows.push_back(to_json(row));
  return {{"total", view.total}, {"rows", std::move(rows)}, {"problems", view.problems}};
}

}  // namespace panelpack::office
