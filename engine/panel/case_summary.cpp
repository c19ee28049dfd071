#include "panel/case_summary.hpp"

#include <cctype>
#include <sstream>

#include "panel/json_reading.hpp"
#include "text/utf8.hpp"

namespace panelpack::panel {

namespace {

using namespace json_reading;
using nlohmann::json;

// The object at `key`, or an empty object so that optional fields read as absent.
const json& section(const json& object, const std::string& key, const std::string& pointer) {
  static const json kEmpty = json::object();
  const json* value = member(object, key, pointer);
  return value != nullptr && value->is_object() ? *value : kEmpty;
}

std::optional<Person> person_at(const json& object, const std::string& key,
                                const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) return std::nullopt;
  return Person::from_json(*value, child_pointer(pointer, key));
}

// The first character (a whole UTF-8 sequence) of `word`, upper-cased when ASCII.
std::string initial_of(const std::string& word) {
  std::size_t start = 0;
  while (start < word.size() && !std::isalpha(static_cast<unsigned char>(word[start])) &&
         static_cast<unsigned char>(word[start]) < 0x80) {
    ++start;
  }
  if (start == word.size()) return "";
  std::size_t end = start + 1;
  while (end < word.size() && text::is_utf8_continuation(word[end])) ++end;
  std::string initial = word.substr(start, end - start);
  if (initial.size() == 1) {
    initial[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(initial[0])));
  }
  return initial;
}

// "LT" from firstName and lastName, else from the words of the name ("(unborn)" left out).
std::string initials_of(const json& child) {
  const std::string first = optional_string(child, "firstName", "/child");
  const std::string last = optional_string(child, "lastName", "/child");
  if (!first.empty() || !last.empty()) return initial_of(first) + initial_of(last);
  std::string initials;
  std::istringstream words(optional_string(child, "name", "/child"));
  for (std::string word; words >> word;) {
    if (word.front() != '(') initials += initial_of(word);
  }
  return initials;
}

}  // namespace

std::vector<std::string> CaseSummary::default_paper_types() const {
  std::vector<std::string> types{"referral"};
  if (has_matching) types.emplace_back("matching");
  if (has_finance) types.emplace_back("finance-request");
  return types;
}

std::string CaseSummary::label() const {
  return child_name.empty() ? case_ref : case_ref + " (" + child_name + ")";
}

CaseSummary summarise_case(const json& file) {
  CaseSummary summary;
  summary.case_ref = required_string(file, "caseRef", "");
  const json& child = section(file, "child", "");
  summary.child_id = required_string(child, "childId", "/child");
  summary.child_name = optional_string(child, "name", "/child");
  summary.child_initials = initials_of(child);
  summary.dob = optional_date(child, "dob", "/child");
  summary.expected_due_date = optional_date(child, "expectedDueDate", "/child");

  const json& legal = section(file, "legal", "");
  summary.legal_status = optional_string(legal, "status", "/legal");
  summary.legal_status_date = optional_date(legal, "statusDate", "/legal");
  summary.date_entered_care = optional_date(legal, "dateEnteredCare", "/legal");
  const json& proceedings = section(legal, "proceedings", "/legal");
  summary.proceedings_stage = optional_string(proceedings, "stage", "/legal/proceedings");
  summary.proceedings_issue_date = optional_date(proceedings, "issueDate", "/legal/proceedings");
  summary.placement_start =
      optional_date(section(file, "placement", ""), "startDate", "/placement");

  const json& professionals = section(file, "professionals", "");
  summary.social_worker = person_at(professionals, "socialWorker", "/professionals");
  summary.team_manager = person_at(professionals, "teamManager", "/professionals");

  const json& referral = section(file, "referral", "");
  summary.referral_panel_type = optional_string(referral, "panelType", "/referral");
  summary.referral_reason = optional_string(referral, "reason", "/referral");
  summary.requested_panel_date = optional_date(referral, "requestedPanelDate", "/referral");
  summary.referral_submitted_at = optional_instant(referral, "submittedAt", "/referral");
  summary.has_matching = member(file, "matching", "") != nullptr;
  summary.has_finance = member(file, "finance", "") != nullptr;
  return summary;
}

}  // namespace panelpack::panel
