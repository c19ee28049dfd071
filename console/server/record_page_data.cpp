#include "console/server/record_page_data.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>

#include "console/server/sitting_words.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/mail/mail_content.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decisions_change.hpp"
#include "panel/labels.hpp"

namespace panelpack::console {

namespace {

panel::UtcInstant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string date_words(const std::string& iso) {
  try {
    return office::long_date(panel::CalendarDate::parse(iso));
  } catch (const std::exception&) {
    return iso;
  }
}

std::string person_words(const nlohmann::json& person) {
  if (!person.is_object()) return "";
  std::string words = text_of(person, "name");
  const std::string role = text_of(person, "role");
  if (!role.empty()) words += " (" + role + ")";
  return words;
}

// The HTML id of the input a problem is about (the error summary links to it).
std::string input_id(const office::EntryProblem& problem) {
  std::string field = problem.field;
  std::replace(field.begin(), field.end(), '_', '-');
  if (problem.action == 0) {
    if (problem.field == "next_review") return "next-review-" + problem.part;
    return field;
  }
  const std::string row = "action-" + std::to_string(problem.action) + "-";
  if (problem.field == "due") return row + "due-" + (problem.part.empty() ? "day" : problem.part);
  return row + field;
}

nlohmann::json options_of(const std::vector<office::RecordChoice>& choices,
                          const std::string& chosen) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& choice : choices) {
    nlohmann::json option = {{"code", choice.code}, {"words", choice.words}};
    if (choice.code == chosen) option["selected"] = true;
    options.push_back(std::move(option));
  }
  return options;
}

// Radios or checkboxes: the first's id is `name` itself (where an error links), the others
// `name-code`.
nlohmann::json ticks_of(const std::vector<office::RecordChoice>& choices, const std::string& name,
                        const std::vector<std::string>& chosen) {
  nlohmann::json ticks = nlohmann::json::array();
  bool first = true;
  for (const auto& choice : choices) {
    std::string code = choice.code;
    std::replace(code.begin(), code.end(), '_', '-');
    nlohmann::json tick = {
        {"code", choice.code}, {"words", choice.words}, {"id", first ? name : name + "-" + code}};
    if (std::find(chosen.begin(), chosen.end(), choice.code) != chosen.end()) {
      tick["checked"] = true;
    }
    ticks.push_back(std::move(tick));
    first = false;
  }
  return ticks;
}

}  // namespace

const nlohmann::json* SittingRecords::decision(const std::string& case_ref) const {
  if (!file.is_object() || !file.contains("decisions") || !file["decisions"].is_array()) {
    return nullptr;
  }
  for (const auto& decision : file["decisions"]) {
    if (decision.is_object() && decision.value("caseRef", "") == case_ref) return &decision;
  }
  return nullptr;
}

office::RecordState SittingRecords::state(const std::string& case_ref) const {
  const office::RecordState state =
      office::record_state(file.is_object() ? file : nlohmann::json::object(), decision(case_ref));
  if (state == office::RecordState::not_started && drafts.count(case_ref) > 0) {
    return office::RecordState::draft;
  }
  return state;
}

const panel::AgendaItem* SittingRecords::item(const std::string& case_ref) const {
  for (const auto& item : view.agenda.items) {
    if (item.case_ref == case_ref) return &item;
  }
  return nullptr;
}

SittingRecords sitting_records(const office::Workspace& workspace,
                               const office::SittingId& sitting) {
  SittingRecords records{
      sitting, office::sitting_view(workspace, sitting.panel_id, sitting.date, now()), nullptr,
      office::decisions_version(workspace, sitting.panel_id, sitting.date),
      office::load_record_drafts(workspace, sitting.panel_id, sitting.date)};
  const auto path = office::decisions_path(workspace, sitting.panel_id, sitting.date);
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    try {
      records.file = nlohmann::json::parse(office::read_input(path.string()));
    } catch (const nlohmann::json::exception& problem) {
      throw office::OfficeError(office::OfficeError::Code::bad_input,
                                path.string() + " does not read as JSON: " + problem.what());
    }
  }
  return records;
}

std::vector<office::KnownPerson> people_for(const office::Workspace& workspace,
                                            const office::SittingId& sitting,
                                            const panel::AgendaItem& item) {
  std::optional<panel::CaseSummary> summary;
  try {
    summary = workspace.load_case(item.case_ref).summary;
  } catch (const office::OfficeError&) {
    summary.reset();  // the case file does not read: the panel's people and presenters remain
  }
  return office::record_people(workspace.office().panel(sitting.panel_id),
                               summary ? &*summary : nullptr, item.presenters);
}

std::string state_tag_class(office::RecordState state) {
  switch (state) {
    case office::RecordState::not_started:
      return "govuk-tag--grey";
    case office::RecordState::draft:
      return "govuk-tag--yellow";
    case office::RecordState::agreed:
      return "govuk-tag--green";
    case office::RecordState::sent:
      return "govuk-tag--turquoise";
    case office::RecordState::on_file:
      return "govuk-tag--blue";
  }
  return "govuk-tag--grey";
}

nlohmann::json record_form_data(const office::RecordEntry& entry,
                                const std::vector<office::KnownPerson>& people,
                                const std::vector<office::EntryProblem>& problems,
                                std::size_t rows) {
  nlohmann::json data = {
      {"outcome_choices", ticks_of(office::outcome_choices(), "outcome", {entry.outcome})},
      {"rationale", entry.rationale},
      {"summary", entry.summary},
      {"primary_options", options_of(office::plan_choices(), entry.primary_plan)},
      {"parallel_choices",
       ticks_of(office::plan_choices(), "parallel-plans", entry.parallel_plans)},
      {"contingency_options", options_of(office::plan_choices(), entry.contingency_plan)},
      {"monitoring_choices",
       ticks_of(office::monitoring_choices(), "monitoring", {entry.monitoring})},
      {"review_day", entry.next_review.day},
      {"review_month", entry.next_review.month},
      {"review_year", entry.next_review.year},
  };
  if (entry.adm_required) data["adm_required"] = true;
  rows =
      std::clamp<std::size_t>(std::max(rows, entry.actions.size()), 1, office::kMostRecordActions);
  nlohmann::json actions = nlohmann::json::array();
  for (std::size_t i = 0; i < rows; ++i) {
    const office::ActionEntry row =
        i < entry.actions.size() ? entry.actions[i] : office::ActionEntry{};
    nlohmann::json who = nlohmann::json::array();
    for (const office::KnownPerson& known : people) {
      nlohmann::json option = {{"key", known.key},
                               {"words", known.person.name + " (" + known.why + ")"}};
      if (known.key == row.who) option["selected"] = true;
      who.push_back(std::move(option));
    }
    nlohmann::json action = {{"number", i + 1},
                             {"what", row.what},
                             {"who_options", who},
                             {"other_name", row.other_name},
                             {"other_email", row.other_email},
                             {"due_day", row.due.day},
                             {"due_month", row.due.month},
                             {"due_year", row.due.year}};
    if (row.who == "other") action["other_chosen"] = true;
    actions.push_back(std::move(action));
  }
  // Each problem beside its field and in the summary.
  nlohmann::json summary = nlohmann::json::array();
  for (const office::EntryProblem& problem : problems) {
    summary.push_back({{"href", "#" + input_id(problem)}, {"text", problem.message}});
    const std::string key = problem.field + "_error";
    if (problem.action == 0) {
      if (!data.contains(key)) data[key] = problem.message;
    } else if (problem.action <= actions.size()) {
      nlohmann::json& action = actions[problem.action - 1];
      if (!action.contains(key)) action[key] = problem.message;
    }
  }
  data["actions"] = std::move(actions);
  data["row_count"] = rows;
  if (rows < office::kMostRecordActions) data["may_add_row"] = true;
  if (!summary.empty()) {
    data["has_errors"] = true;
    data["errors"] = std::move(summary);
  }
  return data;
}

nlohmann::json record_summary_rows(const nlohmann::json& decision) {
  nlohmann::json rows = nlohmann::json::array();
  const auto add = [&](const char* key, const std::string& value) {
    rows.push_back({{"key", key}, {"value", value.empty() ? "Not recorded" : value}});
  };
  add("Outcome", text_of(decision, "outcome").empty()
                     ? ""
                     : panel::outcome_label(text_of(decision, "outcome")));
  add("Why the panel decided this", text_of(decision, "rationale"));
  add("Summary of the discussion", text_of(decision, "summary"));
  const auto plan = [&](const char* key) {
    const std::string code = text_of(decision, key);
    return code.empty() ? std::string() : panel::permanence_option_label(code);
  };
  add("Agreed primary plan", plan("agreedPrimaryPlan"));
  std::string parallel;
  if (decision.contains("agreedParallelPlans") && decision["agreedParallelPlans"].is_array()) {
    for (const auto& code : decision["agreedParallelPlans"]) {
      if (!code.is_string()) continue;
      parallel +=
          (parallel.empty() ? "" : ", ") + panel::permanence_option_label(code.get<std::string>());
    }
  }
  add("Parallel plans", parallel);
  add("Contingency plan", plan("agreedContingencyPlan"));
  add("How the case is followed up",
      text_of(decision, "monitoring").empty()
          ? ""
          : panel::monitoring_label(text_of(decision, "monitoring")));
  add("Next review date", text_of(decision, "nextReviewDate").empty()
                              ? ""
                              : date_words(text_of(decision, "nextReviewDate")));
  const bool adm = decision.contains("adm") && decision["adm"].is_object() &&
                   decision["adm"].value("required", false);
  add("An agency decision maker's decision is needed", adm ? "Yes" : "No");
  nlohmann::json lines = nlohmann::json::array();
  if (decision.contains("actions") && decision["actions"].is_array()) {
    for (const auto& action : decision["actions"]) {
      if (!action.is_object()) continue;
      std::string line = text_of(action, "id") + ": " + text_of(action, "description");
      if (action.contains("owner")) line += " Who: " + person_words(action["owner"]) + ".";
      if (!text_of(action, "dueDate").empty()) {
        line += " By " + date_words(text_of(action, "dueDate")) + ".";
      }
      lines.push_back(line);
    }
  }
  if (lines.empty()) {
    rows.push_back({{"key", "Actions"}, {"value", "None"}});
  } else {
    rows.push_back({{"key", "Actions"}, {"lines", lines}, {"has_lines", true}});
  }
  return rows;
}

nlohmann::json version_rows(const std::vector<office::RecordVersion>& versions) {
  nlohmann::json rows = nlohmann::json::array();
  for (const office::RecordVersion& version : versions) {
    rows.push_back({{"version", version.version},
                    {"who", version.by},
                    {"when", instant_words(version.at)},
                    {"why", version.why}});
  }
  return rows;
}

office::RecordEntry posted_entry(const FormFields& form, std::size_t& rows) {
  office::RecordEntry entry;
  entry.outcome = field(form, "outcome");
  entry.rationale = field(form, "rationale");
  entry.summary = field(form, "summary");
  entry.primary_plan = field(form, "primary_plan");
  for (const auto& choice : office::plan_choices()) {
    if (!field(form, "parallel_" + choice.code).empty()) {
      entry.parallel_plans.push_back(choice.code);
    }
  }
  entry.contingency_plan = field(form, "contingency_plan");
  entry.monitoring = field(form, "monitoring");
  entry.next_review = {field(form, "next_review_day"), field(form, "next_review_month"),
                       field(form, "next_review_year")};
  entry.adm_required = !field(form, "adm_required").empty();
  rows = 1;
  try {
    rows = std::stoul(field(form, "rows"));
  } catch (const std::exception&) {
    rows = 1;
  }
  rows = std::clamp<std::size_t>(rows, 1, office::kMostRecordActions);
  for (std::size_t i = 1; i <= rows; ++i) {
    const std::string n = "action_" + std::to_string(i) + "_";
    entry.actions.push_back(
        {field(form, n + "what"),
         field(form, n + "who"),
         field(form, n + "other_name"),
         field(form, n + "other_email"),
         {field(form, n + "due_day"), field(form, n + "due_month"), field(form, n + "due_year")}});
  }
  // Empty rows at the end are not kept: the draft holds what was typed.
  while (!entry.actions.empty() && entry.actions.back().empty()) entry.actions.pop_back();
  return entry;
}

std::string saved_words(const std::string& utc) {
  try {
    return "Saved at " + panel::utc_to_local(panel::parse_instant(utc)).time.text();
  } catch (const std::exception&) {
    return "Saved";
  }
}

std::string instant_words(const std::string& utc) {
  try {
    return moment_words(panel::utc_to_local(panel::parse_instant(utc)));
  } catch (const std::exception&) {
    return utc;
  }
}

}  // namespace panelpack::console
