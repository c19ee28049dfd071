#include "office/records/record_entry.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "panel/code_list_schemas.hpp"
#include "validation/formats.hpp"

namespace panelpack::office {

namespace {

using ordered_json = nlohmann::ordered_json;

// The codes of an "enum" with their "x-labels", in the schema's order.
std::vector<RecordChoice> choices_at(std::string_view file, const char* pointer) {
  std::vector<RecordChoice> choices;
  for (const auto& embedded : panel::embedded_schemas()) {
    if (embedded.name != file) continue;
    const nlohmann::json schema = nlohmann::json::parse(embedded.text);
    const nlohmann::json& node = schema.at(nlohmann::json::json_pointer(pointer));
    for (const auto& code : node.at("enum")) {
      const std::string text = code.get<std::string>();
      choices.push_back({text, node.at("x-labels").value(text, text)});
    }
  }
  return choices;
}

bool is_choice(const std::vector<RecordChoice>& choices, const std::string& code) {
  return std::any_of(choices.begin(), choices.end(),
                     [&](const RecordChoice& choice) { return choice.code == code; });
}

std::string trimmed(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string key_of(const panel::Person& person) {
  return person.email.empty() ? "name:" + person.name : lower(trimmed(person.email));
}

bool parts_empty(const DateParts& parts) {
  return trimmed(parts.day).empty() && trimmed(parts.month).empty() && trimmed(parts.year).empty();
}

// A date box's problem as an EntryProblem at `field` (and action `action`).
void add_date_problem(std::vector<EntryProblem>& problems, const DateReading& reading,
                      const std::string& field, std::size_t action) {
  problems.push_back({field, action, reading.first_wrong, reading.error});
}

ordered_json owner_json(const panel::Person& person) {
  ordered_json owner = person.to_json();
  return owner;
}

const KnownPerson* find_person(const std::vector<KnownPerson>& people, const std::string& key) {
  for (const KnownPerson& known : people) {
    if (known.key == key) return &known;
  }
  return nullptr;
}

// Reads action row `number` (from 1) into `out`; its problems into `problems`.
void read_action(const ActionEntry& row, std::size_t number, const std::vector<KnownPerson>& people,
                 const nlohmann::json* existing, ordered_json& out,
                 std::vector<EntryProblem>& problems) {
  const std::string id = "A" + std::to_string(number);
  const std::string n = std::to_string(number);
  out["id"] = id;
  const std::string what = trimmed(row.what);
  if (what.empty()) {
    problems.push_back({"what", number, "", "Say what is to be done in action " + n});
  } else {
    out["description"] = what;
  }
  if (row.who == "other") {
    panel::Person person;
    person.name = trimmed(row.other_name);
    person.email = trimmed(row.other_email);
    if (person.name.empty()) {
      problems.push_back({"other_name", number, "", "Type the name of who is to do action " + n});
    }
    if (!person.email.empty() && !validation::is_email(person.email)) {
      problems.push_back({"other_email", number, "",
                          "The email address of who is to do action " + n +
                              " is not an email address: write it like name@example.org"});
    }
    if (!person.name.empty()) out["owner"] = owner_json(person);
  } else if (const KnownPerson* known = find_person(people, row.who)) {
    out["owner"] = owner_json(known->person);
  } else if (row.who.empty()) {
    problems.push_back({"who", number, "", "Choose who is to do action " + n});
  } else {
    problems.push_back({"who", number, "",
                        "Choose again who is to do action " + n +
                            ": the person chosen is no longer one the office knows"});
  }
  if (parts_empty(row.due)) {
    problems.push_back({"due", number, "day", "Enter the date action " + n + " is due by"});
  } else {
    const DateReading due = read_date(row.due, "The date action " + n + " is due by");
    if (!due.error.empty()) {
      add_date_problem(problems, due, "due", number);
    } else {
      out["dueDate"] = due.iso;
    }
  }
  // An action the record already had keeps where it stands (done, with its note).
  std::string status = "open";
  if (existing != nullptr && existing->contains("actions") && (*existing)["actions"].is_array()) {
    for (const auto& action : (*existing)["actions"]) {
      if (!action.is_object() || action.value("id", "") != id) continue;
      status = action.value("status", "open");
      for (const char* key : {"completedDate", "completionNote"}) {
        if (action.contains(key)) out[key] = action[key];
      }
    }
  }
  // The status before the completion, as the schema lists them.
  ordered_json ordered = ordered_json::object();
  for (const char* key : {"id", "description", "owner", "dueDate"}) {
    if (out.contains(key)) ordered[key] = out[key];
  }
  ordered["status"] = status;
  for (const char* key : {"completedDate", "completionNote"}) {
    if (out.contains(key)) ordered[key] = out[key];
  }
  out = std::move(ordered);
}

// The form's keys, in the order a new decision writes them.
constexpr const char* kFormKeys[] = {"summary",
                                     "outcome",
                                     "rationale",
                                     "agreedPrimaryPlan",
                                     "agreedParallelPlans",
                                     "agreedContingencyPlan",
                                     "monitoring",
                                     "nextReviewDate",
                                     "actions",
                                     "adm"};

}  // namespace

const std::vector<RecordChoice>& outcome_choices() {
  static const auto choices = choices_at("decision.schema.json", "/properties/outcome");
  return choices;
}

const std::vector<RecordChoice>& plan_choices() {
  static const auto choices = choices_at("common.schema.json", "/$defs/PermanenceOption");
  return choices;
}

const std::vector<RecordChoice>& monitoring_choices() {
  static const auto choices = choices_at("decision.schema.json", "/properties/monitoring");
  return choices;
}

std::vector<KnownPerson> record_people(const panel::PanelConfig& panel,
                                       const panel::CaseSummary* case_summary,
                                       const std::vector<panel::Person>& presenters) {
  std::vector<KnownPerson> people;
  std::set<std::string> keys;
  const auto add = [&](const panel::Person& person, const std::string& why) {
    if (trimmed(person.name).empty()) return;
    const std::string key = key_of(person);
    if (!keys.insert(key).second) return;
    people.push_back({key, person, why});
  };
  add(panel.chair, "panel chair");
  for (const panel::Person& member : panel.members) add(member, "panel member");
  if (case_summary != nullptr) {
    if (case_summary->social_worker) add(*case_summary->social_worker, "social worker");
    if (case_summary->team_manager) add(*case_summary->team_manager, "team manager");
  }
  for (const panel::Person& presenter : presenters) add(presenter, "presenter");
  return people;
}

bool ActionEntry::empty() const {
  return trimmed(what).empty() && who.empty() && trimmed(other_name).empty() &&
         trimmed(other_email).empty() && parts_empty(due);
}

nlohmann::ordered_json RecordEntry::to_json() const {
  const auto date = [](const DateParts& parts) {
    return ordered_json{{"day", parts.day}, {"month", parts.month}, {"year", parts.year}};
  };
  ordered_json json = {{"outcome", outcome},
                       {"rationale", rationale},
                       {"summary", summary},
                       {"primaryPlan", primary_plan},
                       {"parallelPlans", parallel_plans},
                       {"contingencyPlan", contingency_plan},
                       {"monitoring", monitoring},
                       {"nextReview", date(next_review)},
                       {"admRequired", adm_required},
                       {"actions", ordered_json::array()}};
  for (const ActionEntry& action : actions) {
    json["actions"].push_back({{"what", action.what},
                               {"who", action.who},
                               {"otherName", action.other_name},
                               {"otherEmail", action.other_email},
                               {"due", date(action.due)}});
  }
  return json;
}

RecordEntry RecordEntry::from_json(const nlohmann::json& json) {
  const auto text = [](const nlohmann::json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  const auto date = [&](const nlohmann::json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_object()) return DateParts{};
    return DateParts{text(*found, "day"), text(*found, "month"), text(*found, "year")};
  };
  RecordEntry entry;
  if (!json.is_object()) return entry;
  entry.outcome = text(json, "outcome");
  entry.rationale = text(json, "rationale");
  entry.summary = text(json, "summary");
  entry.primary_plan = text(json, "primaryPlan");
  if (json.contains("parallelPlans") && json["parallelPlans"].is_array()) {
    for (const auto& plan : json["parallelPlans"]) {
      if (plan.is_string()) entry.parallel_plans.push_back(plan.get<std::string>());
    }
  }
  entry.contingency_plan = text(json, "contingencyPlan");
  entry.monitoring = text(json, "monitoring");
  entry.next_review = date(json, "nextReview");
  entry.adm_required = json.value("admRequired", false);
  if (json.contains("actions") && json["actions"].is_array()) {
    for (const auto& action : json["actions"]) {
      if (!action.is_object() || entry.actions.size() >= kMostRecordActions) continue;
      entry.actions.push_back({text(action, "what"), text(action, "who"), text(action, "otherName"),
                               text(action, "otherEmail"), date(action, "due")});
    }
  }
  return entry;
}

RecordEntry entry_from_decision(const nlohmann::json& decision,
                                const std::vector<KnownPerson>& people) {
  RecordEntry entry;
  const auto text = [&](const char* key) {
    const auto found = decision.find(key);
    return found != decision.end() && found->is_string() ? found->get<std::string>()
                                                         : std::string();
  };
  entry.outcome = text("outcome");
  entry.rationale = text("rationale");
  entry.summary = text("summary");
  entry.primary_plan = text("agreedPrimaryPlan");
  if (decision.contains("agreedParallelPlans") && decision["agreedParallelPlans"].is_array()) {
    for (const auto& plan : decision["agreedParallelPlans"]) {
      if (plan.is_string()) entry.parallel_plans.push_back(plan.get<std::string>());
    }
  }
  entry.contingency_plan = text("agreedContingencyPlan");
  entry.monitoring = text("monitoring");
  entry.next_review = date_parts(text("nextReviewDate"));
  if (decision.contains("adm") && decision["adm"].is_object()) {
    entry.adm_required = decision["adm"].value("required", false);
  }
  if (decision.contains("actions") && decision["actions"].is_array()) {
    for (const auto& action : decision["actions"]) {
      if (!action.is_object() || entry.actions.size() >= kMostRecordActions) continue;
      ActionEntry row;
      row.what = action.value("description", "");
      row.due = date_parts(action.value("dueDate", ""));
      if (action.contains("owner") && action["owner"].is_object()) {
        panel::Person owner;
        owner.name = action["owner"].value("name", "");
        owner.email = action["owner"].value("email", "");
        const std::string key = key_of(owner);
        const KnownPerson* known = find_person(people, key);
        if (known == nullptr && !owner.email.empty())
          known = find_person(people, "name:" + owner.name);
        if (known != nullptr) {
          row.who = known->key;
        } else if (!owner.name.empty()) {
          row.who = "other";
          row.other_name = owner.name;
          row.other_email = owner.email;
        }
      }
      entry.actions.push_back(std::move(row));
    }
  }
  return entry;
}

RecordReading read_entry(const RecordEntry& entry, const std::vector<KnownPerson>& people,
                         const nlohmann::json* existing) {
  RecordReading reading;
  ordered_json& fields = reading.fields;
  const std::string summary = trimmed(entry.summary);
  if (!summary.empty()) fields["summary"] = summary;
  if (entry.outcome.empty()) {
    reading.missing.push_back({"outcome", 0, "", "Choose the outcome"});
  } else if (!is_choice(outcome_choices(), entry.outcome)) {
    reading.problems.push_back({"outcome", 0, "", "Choose the outcome from the list"});
  } else {
    fields["outcome"] = entry.outcome;
  }
  const std::string rationale = trimmed(entry.rationale);
  if (rationale.empty()) {
    reading.missing.push_back({"rationale", 0, "", "Say why the panel decided this"});
  } else {
    fields["rationale"] = rationale;
  }
  const auto plan = [&](const std::string& code, const char* key, const char* field) {
    if (code.empty()) return;
    if (!is_choice(plan_choices(), code)) {
      reading.problems.push_back({field, 0, "", "Choose the plan from the list"});
    } else {
      fields[key] = code;
    }
  };
  plan(entry.primary_plan, "agreedPrimaryPlan", "primary_plan");
  ordered_json parallel = ordered_json::array();
  for (const RecordChoice& choice : plan_choices()) {
    if (std::find(entry.parallel_plans.begin(), entry.parallel_plans.end(), choice.code) !=
        entry.parallel_plans.end()) {
      parallel.push_back(choice.code);
    }
  }
  if (!parallel.empty()) fields["agreedParallelPlans"] = parallel;
  plan(entry.contingency_plan, "agreedContingencyPlan", "contingency_plan");
  if (!entry.monitoring.empty()) {
    if (!is_choice(monitoring_choices(), entry.monitoring)) {
      reading.problems.push_back({"monitoring", 0, "", "Choose how the case is followed up"});
    } else {
      fields["monitoring"] = entry.monitoring;
    }
  }
  if (!parts_empty(entry.next_review)) {
    const DateReading review = read_date(entry.next_review, "Next review date");
    if (!review.error.empty()) {
      add_date_problem(reading.problems, review, "next_review", 0);
    } else {
      fields["nextReviewDate"] = review.iso;
    }
  }
  ordered_json actions = ordered_json::array();
  std::size_t number = 0;
  for (const ActionEntry& row : entry.actions) {
    if (row.empty()) continue;
    ordered_json action = ordered_json::object();
    read_action(row, ++number, people, existing, action, reading.problems);
    actions.push_back(std::move(action));
  }
  if (!actions.empty()) fields["actions"] = actions;
  if (entry.adm_required) fields["adm"] = {{"required", true}};
  return reading;
}

void apply_reading(nlohmann::ordered_json& decision, const std::string& case_ref,
                   const RecordReading& reading) {
  if (!decision.is_object() || decision.empty()) {
    decision = ordered_json::object();
  }
  decision["caseRef"] = case_ref;
  for (const char* key : kFormKeys) {
    const std::string name = key;
    if (name == "adm") {
      // The ADM's own decision (name, date, reasons) is kept: the form says only if one is needed.
      ordered_json adm = decision.contains("adm") && decision["adm"].is_object()
                             ? decision["adm"]
                             : ordered_json::object();
      if (reading.fields.contains("adm")) {
        adm["required"] = true;
      } else {
        adm.erase("required");
      }
      if (adm.empty()) {
        decision.erase("adm");
      } else {
        decision["adm"] = adm;
      }
      continue;
    }
    if (reading.fields.contains(name)) {
      decision[name] = reading.fields[name];
    } else {
      decision.erase(name);
    }
  }
}

}  // namespace panelpack::office
