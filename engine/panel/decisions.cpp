#include "panel/decisions.hpp"

#include <algorithm>
#include <set>

#include "panel/json_reading.hpp"
#include "panel/labels.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using namespace json_reading;
using nlohmann::json;
using nlohmann::ordered_json;

RecordedAction read_action(const json& object, const std::string& pointer) {
  RecordedAction action;
  action.id = optional_string(object, "id", pointer);
  action.description = optional_string(object, "description", pointer);
  if (const json* owner = member(object, "owner", pointer)) {
    action.owner = optional_string(*owner, "name", child_pointer(pointer, "owner"));
  }
  action.due = optional_date(object, "dueDate", pointer);
  action.completed = optional_date(object, "completedDate", pointer);
  action.status = optional_string(object, "status", pointer);
  if (action.status.empty()) action.status = "open";
  return action;
}

Decision read_decision(const json& object, const std::string& pointer) {
  Decision decision;
  decision.case_ref = required_string(object, "caseRef", pointer);
  decision.outcome = required_string(object, "outcome", pointer);
  decision.monitoring = optional_string(object, "monitoring", pointer);
  decision.primary_plan = optional_string(object, "agreedPrimaryPlan", pointer);
  for (const json& plan : array_of(object, "agreedParallelPlans", pointer)) {
    if (plan.is_string()) decision.parallel_plans.push_back(plan.get<std::string>());
  }
  decision.next_review = optional_date(object, "nextReviewDate", pointer);
  decision.recorded_date = optional_date(object, "recordedDate", pointer);
  const auto& actions = array_of(object, "actions", pointer);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    decision.actions.push_back(
        read_action(actions[i], child_pointer(child_pointer(pointer, "actions"), i)));
  }
  decision.entry = object;
  return decision;
}

// The team and organisation office.json gives a person, by name: the decisions file names the
// members present and the attendees, and their record's "team" columns should not be empty.
const Person* known_person(const OfficeConfig& office, const std::string& name) {
  if (name.empty()) return nullptr;
  if (office.administrator.name == name) return &office.administrator;
  for (const PanelConfig& panel : office.panels) {
    if (panel.chair.name == name) return &panel.chair;
    if (panel.administrator.name == name) return &panel.administrator;
    for (const Person& member : panel.members) {
      if (member.name == name) return &member;
    }
  }
  return nullptr;
}

// ...or, for the social worker and team manager who attend, the case's presenters.
ordered_json with_teams(ordered_json people, const OfficeConfig& office,
                        const ordered_json& presenters) {
  if (!people.is_array()) return people;
  for (auto& person : people) {
    if (!person.is_object() || !person.contains("name") || !person["name"].is_string()) continue;
    const std::string name = person["name"].get<std::string>();
    ordered_json known;
    if (const Person* member = known_person(office, name)) known = member->to_json();
    for (const auto& presenter : presenters) {
      if (known.is_null() && presenter.is_object() && presenter.value("name", "") == name) {
        known = presenter;
      }
    }
    if (!known.is_object()) continue;
    for (const char* key : {"team", "organisation"}) {
      if (!person.contains(key) && known.contains(key)) person[key] = known[key];
    }
  }
  return people;
}

}  // namespace

bool RecordedAction::overdue_on(CalendarDate day) const {
  if (!due || *due > day || status == "cancelled") return false;
  if (completed) return *completed > day;
  return status != "done";
}

const Decision* SittingDecisions::find(const std::string& case_ref) const {
  const auto found = std::find_if(decisions.begin(), decisions.end(),
                                  [&](const Decision& d) { return d.case_ref == case_ref; });
  return found == decisions.end() ? nullptr : &*found;
}

SittingDecisions parse_decisions(const json& json) {
  SittingDecisions sitting;
  sitting.panel_id = required_string(json, "panel", "");
  sitting.date = required_date(json, "date", "");
  const auto& entries = array_of(json, "decisions", "");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string at = child_pointer("/decisions", i);
    sitting.decisions.push_back(read_decision(entries[i], at));
    if (!seen.insert(sitting.decisions.back().case_ref).second) {
      throw PanelError("duplicate_decision", at + "/caseRef",
                       sitting.decisions.back().case_ref + " has two decisions in this sitting");
    }
  }
  sitting.document = json;
  return sitting;
}

std::vector<DecisionProblem> check_against_bookings(const SittingDecisions& decisions,
                                                    const Bookings& bookings) {
  std::vector<DecisionProblem> problems;
  for (std::size_t i = 0; i < decisions.decisions.size(); ++i) {
    const std::string& ref = decisions.decisions[i].case_ref;
    if (bookings.find(ref) == nullptr) {
      problems.push_back({child_pointer("/decisions", i) + "/caseRef",
                          ref + " was not booked onto this sitting; book it or remove the "
                                "decision"});
    }
  }
  for (const BookingItem& item : bookings.items) {
    if (decisions.find(item.case_ref) == nullptr) {
      problems.push_back({"/decisions", item.case_ref +
                                            " was booked onto this sitting but has no decision; "
                                            "add one (a deferral is outcome deferred_more_info)"});
    }
  }
  return problems;
}

Deadline records_due(const PanelConfig& panel, const Sitting& sitting,
                     const WorkingCalendar& calendar) {
  return deadlines_for(panel, sitting, calendar).minutes;
}

ordered_json decision_record_data(const SittingDecisions& decisions, const Decision& decision,
                                  const AgendaInputs& inputs, const ordered_json& agenda,
                                  const ordered_json& item) {
  const json& meeting_fields = decisions.document;
  ordered_json record;
  record["securityMarking"] = "OFFICIAL-SENSITIVE";
  record["caseRef"] = decision.case_ref;
  record["localAuthority"] = inputs.office.authority;
  ordered_json child = item["child"];
  if (child.contains("dob") && child["dob"].is_null()) child.erase("dob");
  if (child.contains("expectedDueDate") && child["expectedDueDate"].is_null()) {
    child.erase("expectedDueDate");
  }
  record["child"] = std::move(child);
  ordered_json meeting{
      {"meetingId", inputs.panel.id + "-" + decisions.date.iso()},
      {"panelType", inputs.panel.type},
      {"panelTypeLabel", panel_type_label(inputs.panel.type)},
      {"date", decisions.date.iso()},
      {"startTime", meeting_fields.value("startTime", agenda.value("startTime", ""))},
      {"endTime", meeting_fields.value("endTime", agenda.value("endTime", ""))},
      {"chair", inputs.panel.chair.to_json()}};
  for (const char* key : {"membersPresent", "apologies", "quorate"}) {
    if (meeting_fields.contains(key)) meeting[key] = meeting_fields[key];
  }
  for (const char* key : {"membersPresent", "apologies"}) {
    if (meeting.contains(key)) meeting[key] = with_teams(meeting[key], inputs.office, {});
  }
  meeting["administrator"] = inputs.panel.administrator.to_json();
  record["meeting"] = std::move(meeting);
  if (item.contains("legalStatus")) record["legalStatus"] = item["legalStatus"];
  record["agendaSlot"] = item["slot"];
  record["presenters"] = item["presenters"];
  ordered_json papers = ordered_json::array();
  for (const auto& paper : item["papers"]) {
    if (paper.contains("receivedAt")) {
      papers.push_back({{"type", paper["type"]}, {"receivedAt", paper["receivedAt"]}});
    }
  }
  record["papers"] = std::move(papers);
  record["papersOnTime"] = item["allPapersOnTime"];
  // The decision's own fields, in the order the file gives them, with words beside codes.
  for (const auto& [key, value] : decision.entry.items()) {
    if (key == "caseRef") continue;
    record[key] = key == "attendees" ? with_teams(value, inputs.office, item["presenters"])
                                     : ordered_json(value);
    if (key == "outcome") record["outcomeLabel"] = outcome_label(decision.outcome);
    if (key == "agreedPrimaryPlan") {
      record["agreedPrimaryPlanLabel"] = permanence_option_label(decision.primary_plan);
    }
    if (key == "agreedParallelPlans") {
      ordered_json labels = ordered_json::array();
      for (const auto& plan : decision.parallel_plans)
        labels.push_back(permanence_option_label(plan));
      record["agreedParallelPlanLabels"] = std::move(labels);
    }
    if (key == "agreedContingencyPlan") {
      record["agreedContingencyPlanLabel"] = permanence_option_label(value.get<std::string>());
    }
    if (key == "monitoring") record["monitoringLabel"] = monitoring_label(decision.monitoring);
  }
  if (meeting_fields.contains("minutesAgreedDate")) {
    record["minutesAgreedDate"] = meeting_fields["minutesAgreedDate"];
  }
  return record;
}

}  // namespace panelpack::panel
