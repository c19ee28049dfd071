#pragma once
// One child's decision record as the Record page's form holds it (what the administrator typed,
// as text), read into the decision the decisions file keeps (decisions.schema.json), with the
// words of anything that is not right yet. Drafts keep the entry as typed; only a complete entry
// (an outcome, why, and nothing wrong) becomes the child's decision.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/cases/date_input.hpp"
#include "panel/case_summary.hpp"
#include "panel/office_config.hpp"
#include "panel/person.hpp"

namespace panelpack::office {

// The form keeps this many action rows at most: seven fields a row keep the whole form under
// the console's field cap.
inline constexpr std::size_t kMostRecordActions = 5;

// A code of the schemas and its words ("plan_ratified", "Plan ratified"), in the schema's order.
struct RecordChoice {
  std::string code;
  std::string words;
};
const std::vector<RecordChoice>& outcome_choices();
const std::vector<RecordChoice>& plan_choices();  // PermanenceOption
const std::vector<RecordChoice>& monitoring_choices();

// Someone an action can be given to, as the form offers them: `key` is what the form sends.
struct KnownPerson {
  std::string key;  // their email in lower case, else "name:" and their name
  panel::Person person;
  std::string why;  // "panel member", "social worker", "presenter": shown beside the name
};

// The people the office knows for a child's record: the panel's chair and members
// (office.json), the case file's social worker and team manager, the booking's presenters; each
// once.
std::vector<KnownPerson> record_people(const panel::PanelConfig& panel,
                                       const panel::CaseSummary* case_summary,
                                       const std::vector<panel::Person>& presenters);

struct ActionEntry {
  std::string what;
  std::string who;  // a KnownPerson's key, "other" (named below), or "" (not chosen)
  std::string other_name;
  std::string other_email;
  DateParts due;

  bool empty() const;  // nothing typed or chosen: the row is left out
};

struct RecordEntry {
  std::string outcome;  // a code of outcome_choices(), or ""
  std::string rationale;
  std::string summary;
  std::string primary_plan;                 // a code of plan_choices(), or ""
  std::vector<std::string> parallel_plans;  // codes of plan_choices()
  std::string contingency_plan;             // a code of plan_choices(), or ""
  std::string monitoring;                   // a code of monitoring_choices(), or ""
  DateParts next_review;
  bool adm_required = false;
  std::vector<ActionEntry> actions;  // at most kMostRecordActions

  // As a draft file keeps it, and back (a value it does not know is left out).
  nlohmann::ordered_json to_json() const;
  static RecordEntry from_json(const nlohmann::json& json);
};

// The form of an existing decision (an item of a decisions file), to change it.
RecordEntry entry_from_decision(const nlohmann::json& decision,
                                const std::vector<KnownPerson>& people);

// Something the person must put right, and where: `field` is "outcome", "rationale",
// "primary_plan", "contingency_plan", "parallel_plans", "monitoring", "next_review" or, for an
// action (`action` from 1), "what", "who", "other_name", "other_email" or "due"; `part` says
// which box of a date ("day", "month", "year").
struct EntryProblem {
  std::string field;
  std::size_t action = 0;
  std::string part;
  std::string message;
};

struct RecordReading {
  // The decision's keys the form fills (outcome, rationale, summary, agreedPrimaryPlan,
  // agreedParallelPlans, agreedContingencyPlan, monitoring, nextReviewDate, actions, adm), only
  // those with a value.
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  std::vector<EntryProblem> problems;  // typed wrong: the record cannot be complete
  std::vector<EntryProblem> missing;   // what a complete record still needs (outcome, why)
  bool complete() const { return problems.empty() && missing.empty(); }
};

// Reads `entry`; an action that `existing` (the decision as it is, or null) already has under
// the same id (A1, A2 ... by row) keeps its status and completion.
RecordReading read_entry(const RecordEntry& entry, const std::vector<KnownPerson>& people,
                         const nlohmann::json* existing = nullptr);

// `decision` (the child's decision as it is, or an empty object) with the form's keys replaced
// by the reading's: keys the form leaves empty are removed, every other key kept in its place.
void apply_reading(nlohmann::ordered_json& decision, const std::string& case_ref,
                   const RecordReading& reading);

}  // namespace panelpack::office
