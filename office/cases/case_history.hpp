#pragma once
// What the case page shows beside the case file: its timeline (the referral, each sitting it
// was booked onto, each panel decision and the review it set) and its documents (the papers
// received in papers/REF/ and the decision records in records/ that name the case).

#include <optional>
#include <string>
#include <vector>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"

namespace panelpack::office {

struct CaseEvent {
  panel::CalendarDate date;
  std::string kind;    // "referral", "sitting", "decision", "review"
  std::string title;   // "Booked onto Permanence Panel"
  std::string detail;  // "Reason: Plan for permanence"; may be empty
};

struct CaseDocument {
  std::string name;           // the file's name
  std::string where;          // "papers" (papers/REF/) or "records" (records/PANEL/DATE/)
  std::string relative_path;  // from the office folder
};

struct CaseHistory {
  std::vector<CaseEvent> events;  // newest first
  std::vector<CaseDocument> documents;
  std::vector<std::string> problems;  // files that did not read (named, never quoted)
};

CaseHistory case_history(const Workspace& workspace, const CaseFile& case_file);

// The file `name` of papers/REF/ when it is one (a plain name, no folder, no leading dot, a
// regular file inside that folder), else nothing.
std::optional<std::filesystem::path> case_paper_path(const Workspace& workspace,
                                                     const std::string& case_ref,
                                                     const std::string& name);

}  // namespace panelpack::office
