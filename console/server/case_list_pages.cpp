// The list of cases (search and filters, GET only) and a case's own page: its summary, its
// timeline and its documents, with the download of a paper received for it.

#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "console/server/case_pages.hpp"
#include "console/server/console_pages.hpp"
#include "office/cases/case_history.hpp"
#include "office/cases/case_saving.hpp"
#include "office/console/audit.hpp"
#include "office/error.hpp"
#include "office/views/case_list_view.hpp"
#include "panel/labels.hpp"
#include "panel/london_time.hpp"

namespace panelpack::console {
namespace {

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};

panel::CalendarDate london_today() {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return panel::utc_to_local(now).date;
}

std::string query_value(const RequestContext& request, const std::string& name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? "" : found->second;
}

std::optional<panel::CalendarDate> date_or_nothing(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    return panel::CalendarDate::parse(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Reply not_a_case(const std::string& case_ref) {
  (void)case_ref;
  return show("not_found", "Page not found", nlohmann::json::object(),
              Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
}

std::string words_or(const std::string& words, const char* otherwise) {
  return words.empty() ? otherwise : words;
}

}  // namespace

std::string date_in_words(const panel::CalendarDate& date) {
  return std::string(panel::weekday_name(date.weekday())) + " " + std::to_string(date.day()) + " " +
         kMonths[date.month() - 1] + " " + std::to_string(date.year());
}

Reply case_list_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  office::CaseFilters filters;
  filters.text = query_value(request, "q");
  const std::string panel_id = query_value(request, "panel");
  const std::string legal_status = query_value(request, "legal_status");
  const std::string next_sitting = query_value(request, "next_sitting");
  if (!panel_id.empty()) filters.panel_id = panel_id;
  if (!legal_status.empty()) filters.legal_status = legal_status;
  filters.next_sitting = date_or_nothing(next_sitting);
  const office::CaseListView view = office::cases(workspace, filters, london_today());

  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json sittings = nlohmann::json::array();
  std::set<std::string> sitting_dates;
  for (const office::CaseRow& row : view.rows) {
    nlohmann::json line = {{"case_ref", row.case_ref},
                           {"child_name", row.child_name},
                           {"legal_status", words_or(row.legal_status_words, "Not given")}};
    if (row.next_sitting) {
      line["next_sitting"] =
          row.next_sitting->panel_name + ", " + date_in_words(row.next_sitting->date);
    }
    rows.push_back(std::move(line));
  }
  // The sittings a filter can name: those of every case, not only the rows shown.
  const office::CaseListView all = office::cases(workspace, {}, london_today());
  for (const office::CaseRow& row : all.rows) {
    if (row.next_sitting) sitting_dates.insert(row.next_sitting->date.iso());
  }
  for (const std::string& iso : sitting_dates) {
    sittings.push_back({{"value", iso},
                        {"words", date_in_words(panel::CalendarDate::parse(iso))},
                        {"selected", iso == next_sitting}});
  }
  nlohmann::json panels = nlohmann::json::array();
  for (const panel::PanelConfig& panel : workspace.office().panels) {
    panels.push_back(
        {{"value", panel.id}, {"words", panel.name}, {"selected", panel.id == panel_id}});
  }
  nlohmann::json statuses = nlohmann::json::array();
  for (const char* code : {"V2", "V3", "V4", "L1", "L2", "L3", "C1", "C2", "E1", "D1", "J1", "J2",
                           "J3", "PRE_PROCEEDINGS", "NOT_LOOKED_AFTER"}) {
    statuses.push_back({{"value", code},
                        {"words", panel::legal_status_label(code)},
                        {"selected", legal_status == code}});
  }
  nlohmann::json data = {{"rows", rows},         {"count", view.rows.size()},
                         {"total", view.total},  {"q", filters.text},
                         {"panels", panels},     {"statuses", statuses},
                         {"sittings", sittings}, {"problems", view.problems}};
  if (!view.problems.empty()) data["has_problems"] = true;
  if (view.rows.empty()) data["none_found"] = true;
  if (request.session->account.role == office::console::Role::administrator) {
    data["may_change"] = true;
  }
  return show("case_list", "Cases", std::move(data));
}

Reply case_page(ConsoleSite& site, RequestContext& request) {
  const std::string& case_ref = request.parameter("ref");
  if (!office::is_case_ref(case_ref)) return not_a_case(case_ref);
  const office::Workspace workspace = site.workspace();
  if (!std::filesystem::exists(workspace.case_path(case_ref))) return not_a_case(case_ref);
  const office::CaseFile file = workspace.load_case(case_ref);
  const office::CaseHistory history = office::case_history(workspace, file);
  const panel::CaseSummary& summary = file.summary;

  nlohmann::json events = nlohmann::json::array();
  for (const office::CaseEvent& event : history.events) {
    events.push_back({{"date", date_in_words(event.date)},
                      {"iso", event.date.iso()},
                      {"title", event.title},
                      {"detail", event.detail}});
  }
  nlohmann::json documents = nlohmann::json::array();
  for (const office::CaseDocument& document : history.documents) {
    nlohmann::json line = {
        {"name", document.name},
        {"where", document.where == "papers" ? "Paper received" : "Decision record"}};
    if (document.where == "papers") {
      line["href"] = "/cases/" + case_ref + "/papers/" + document.name;
    }
    documents.push_back(std::move(line));
  }
  nlohmann::json data = {
      {"case_ref", case_ref},
      {"child_name", summary.child_name},
      {"legal_status", summary.legal_status.empty()
                           ? "Not given"
                           : panel::legal_status_label(summary.legal_status)},
      {"social_worker", summary.social_worker ? summary.social_worker->name : "Not given"},
      {"team_manager", summary.team_manager ? summary.team_manager->name : "Not given"},
      {"events", events},
      {"documents", documents}};
  if (summary.dob) data["dob"] = date_in_words(*summary.dob);
  if (events.empty()) data["no_events"] = true;
  if (documents.empty()) data["no_documents"] = true;
  if (!history.problems.empty()) {
    data["has_problems"] = true;
    data["problems"] = history.problems;
  }
  if (request.session->account.role == office::console::Role::administrator) {
    data["may_change"] = true;
  }
  if (query_value(request, "saved") == "1") data["saved"] = true;
  request.viewed_object_id = case_ref;
  return show("case_page", summary.case_ref + " - Cases", std::move(data));
}

Reply case_paper_download(ConsoleSite& site, RequestContext& request) {
  const std::string& case_ref = request.parameter("ref");
  const std::string& name = request.parameter("file");
  if (!office::is_case_ref(case_ref)) return not_a_case(case_ref);
  const office::Workspace workspace = site.workspace();
  const auto path = office::case_paper_path(workspace, case_ref, name);
  if (!path) {
    office::console::append_audit(site.store, request.actor(),
                                  {"download", "case", case_ref, "not_found"});
    return not_a_case(case_ref);
  }
  office::console::append_audit(site.store, request.actor(), {"download", "case", case_ref, "ok"});
  std::string media_type = "application/octet-stream";
  if (name.ends_with(".pdf")) media_type = "application/pdf";
  if (name.ends_with(".docx")) {
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (name.ends_with(".odt")) media_type = "application/vnd.oasis.opendocument.text";
  return send_file({*path, "", media_type, name});
}

}  // namespace panelpack::console
