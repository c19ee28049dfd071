#pragma once
// What the panel domain reads from a case file (cases/CASEREF.json): who the child is, their
// legal status and dates, who presents the case, and the referral. The papers themselves are
// filled from the whole file by the templating engine.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/person.hpp"

namespace panelpack::panel {

struct CaseSummary {
  std::string case_ref;
  std::string child_id;
  std::string child_name;
  std::string child_initials;  // "LT": what mail may name the child by, besides the child ID
  std::optional<CalendarDate> dob;
  std::optional<CalendarDate> expected_due_date;
  std::string legal_status;  // LegalStatus code
  std::optional<CalendarDate> legal_status_date;
  std::optional<CalendarDate> date_entered_care;
  std::string proceedings_stage;  // none, pre_proceedings, issued, final
  std::optional<CalendarDate> proceedings_issue_date;
  std::optional<CalendarDate> placement_start;
  std::optional<Person> social_worker;
  std::optional<Person> team_manager;
  std::string referral_panel_type;
  std::string referral_reason;
  std::optional<CalendarDate> requested_panel_date;
  std::optional<UtcInstant> referral_submitted_at;
  bool has_matching = false;  // the file fills the matching proforma
  bool has_finance = false;   // ... and the finance request

  // The papers a booking of this case brings unless told otherwise: the referral, and the
  // matching proforma and finance request when the file fills them.
  std::vector<std::string> default_paper_types() const;
  // "LCS900102 (Leah Thornbury)"
  std::string label() const;
};

// Throws PanelError naming the JSON pointer when caseRef or the child's ID is missing.
CaseSummary summarise_case(const nlohmann::json& case_file);

}  // namespace panelpack::panel
