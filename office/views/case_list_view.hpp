#pragma once
// The Cases page's model: every case file as a row (reference, child's name, legal status in
// the schema's words, the next sitting it is booked onto), searched and filtered.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::office {

struct CaseFilters {
  // Part of the child's name or of the case reference, in any case ("thorn", "lcs9001"); empty:
  // every case.
  std::string text;
  // A panel's id: the cases whose next sitting is that panel's, or whose referral asks for a
  // panel of its type.
  std::optional<std::string> panel_id;
  std::optional<std::string> legal_status;  // a LegalStatus code ("C2")
  // Only the cases whose next sitting is on this date.
  std::optional<panel::CalendarDate> next_sitting;
};

struct NextSitting {
  std::string panel_id;
  std::string panel_name;
  panel::CalendarDate date;
};

struct CaseRow {
  std::string case_ref;
  std::string child_name;
  std::string legal_status;                 // the code; empty: the case file gives none
  std::string legal_status_words;           // "Full care order (s31)"; empty with the code
  std::optional<NextSitting> next_sitting;  // the first booked sitting from today, if any
};

struct CaseListView {
  std::vector<CaseRow> rows;  // by case reference
  std::size_t total = 0;      // case files read, before the filters
  // Files left out because they do not read, each named: the list may miss their cases.
  std::vector<std::string> problems;
};

CaseListView cases(const Workspace& workspace, const CaseFilters& filters,
                   panel::CalendarDate today);

// {"caseRef", "childName", "legalStatus", "legalStatusWords", "nextSitting": {"panel",
// "panelName", "date"} or null}
nlohmann::ordered_json to_json(const CaseRow& row);
// {"total", "rows": [...], "problems": [...]}
nlohmann::ordered_json to_json(const CaseListView& view);

}  // namespace panelpack::office
