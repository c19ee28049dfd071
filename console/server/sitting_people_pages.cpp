// Presenters and apologies on the Sitting page. Each change is a POST carrying the bookings'
// version the page was opened on; presenters.hpp and apologies.hpp refuse it (sitting_changed)
// when the bookings moved on since, so a stale form changes nothing and the page says so.
// The audit names the sitting and the case by id, never a person.

#include "console/server/sitting_people_pages.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "console/server/console_pages.hpp"
#include "console/server/form_fields.hpp"
#include "console/server/sitting_address.hpp"
#include "console/server/sitting_page_data.hpp"
#include "console/server/sitting_pages.hpp"
#include "office/console/audit.hpp"
#include "office/mail/mail_content.hpp"
#include "office/sitting/apologies.hpp"
#include "office/sitting/bookings_version.hpp"
#include "office/sitting/presenters.hpp"

namespace panelpack::console {

namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

// The presenters form has this many rows at most ("Add another presenter" stops there): three
// fields a row keep the form under form_fields.hpp's cap.
constexpr std::size_t kMostPresenterRows = office::kMostPresenters;

constexpr const char* kStaleMessage =
    "This sitting changed since you opened it. Nothing was changed: look at it again below and "
    "make your change again";

panel::UtcInstant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void audit_change(ConsoleSite& site, const RequestContext& request, const std::string& action,
                  const std::string& object, const office::BookingResult& result) {
  const std::string outcome = result.done() ? "ok"
                              : result.refused == office::BookingRefusal::sitting_changed
                                  ? "stale"
                                  : "refused";
  store::append_audit(site.store, request.actor(), {action, "sitting", object, outcome});
}

std::string capitalised(std::string text) {
  if (!text.empty()) text.front() = static_cast<char>(std::toupper(text.front()));
  return text;
}

std::string person_words(const panel::Person& person) {
  return person.role.empty() ? person.name : person.name + " (" + person.role + ")";
}

// --- Presenters -------------------------------------------------------------------------------

// One row of the presenters form, as the page shows it.
struct PresenterRow {
  std::string name, role, email;
  std::string name_error, email_error;
  bool empty() const {
    return name.find_first_not_of(" \t") == std::string::npos &&
           role.find_first_not_of(" \t") == std::string::npos &&
           email.find_first_not_of(" \t") == std::string::npos;
  }
};

struct PresentersForm {
  bool from_case_file = true;
  std::vector<PresenterRow> rows;
};

// The booking of `case_ref` on the sitting as the file is now; nothing when it is not booked.
std::optional<panel::BookingItem> booking_of(const office::Workspace& workspace,
                                             const office::SittingId& sitting,
                                             const std::string& case_ref) {
  const auto bookings = workspace.load_bookings(sitting.panel_id, sitting.date);
  if (!bookings) return std::nullopt;
  const panel::BookingItem* item = bookings->find(case_ref);
  if (item == nullptr) return std::nullopt;
  return *item;
}

PresentersForm form_of(const panel::BookingItem& item) {
  PresentersForm form;
  form.from_case_file = !item.presenters.has_value();
  if (item.presenters) {
    for (const panel::Person& person : *item.presenters) {
      form.rows.push_back({person.name, person.role, person.email, "", ""});
    }
  }
  // One empty row to add a presenter without a round trip, within the form's rows.
  if (form.rows.size() < kMostPresenterRows) form.rows.push_back({});
  if (form.rows.size() < 2) form.rows.push_back({});
  return form;
}

PresentersForm posted_form(const FormFields& fields) {
  PresentersForm form;
  form.from_case_file = field(fields, "who") != "named";
  std::size_t count = 2;
  try {
    count = std::stoul(field(fields, "rows"));
  } catch (const std::exception&) {
    count = 2;
  }
  count = std::clamp<std::size_t>(count, 1, kMostPresenterRows);
  for (std::size_t i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    form.rows.push_back({field(fields, "presenter_" + n + "_name"),
                         field(fields, "presenter_" + n + "_role"),
                         field(fields, "presenter_" + n + "_email"), "", ""});
  }
  return form;
}

// The page: the case, the choice, the rows (with their errors), over `errors`.
Reply presenters_page(const office::Workspace& workspace, RequestContext& request,
                      const office::SittingId& sitting, const std::string& case_ref,
                      const PresentersForm& form, nlohmann::json data,
                      HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  const std::string path = sitting_path(sitting.panel_id, sitting.date.iso());
  data["path"] = path;
  data["action"] = path + "/presenters/" + case_ref;
  data["case_ref"] = case_ref;
  data["date_words"] = office::long_date(sitting.date);
  data["version"] = office::bookings_version(workspace, sitting.panel_id, sitting.date);
  if (!data.contains("panel_name")) {
    data["panel_name"] = workspace.office().panel(sitting.panel_id).name;
  }
  try {
    const office::CaseFile file = workspace.load_case(case_ref);
    data["child_name"] = file.summary.child_name;
    std::vector<std::string> people;
    // Whom "the case file's" means: the rule the mail follows (panel::allocated_workers).
    for (const panel::Addressee& worker : panel::allocated_workers(file.summary)) {
      people.push_back(person_words(*worker.person));
    }
    std::string words;
    for (const std::string& person : people) words += (words.empty() ? "" : " and ") + person;
    data["case_file_people"] = words.empty() ? "The case file names neither" : words;
  } catch (const office::OfficeError&) {
    data["case_file_people"] = "The case file cannot be read";
  }
  if (form.from_case_file) {
    data["who_case_file"] = true;
  } else {
    data["who_named"] = true;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < form.rows.size(); ++i) {
    const PresenterRow& row = form.rows[i];
    nlohmann::json json = {
        {"number", i + 1}, {"name", row.name}, {"role", row.role}, {"email", row.email}};
    if (!row.name_error.empty()) json["name_error"] = row.name_error;
    if (!row.email_error.empty()) json["email_error"] = row.email_error;
    rows.push_back(std::move(json));
  }
  data["rows"] = std::move(rows);
  data["row_count"] = form.rows.size();
  if (form.rows.size() < kMostPresenterRows) data["may_add_row"] = true;
  request.viewed_object_id = sitting_key(sitting) + " " + case_ref;
  return show("sitting_presenters", "Change presenters", std::move(data), status);
}

// The presenters the form names, and which row each came from.
std::vector<panel::Person> named_in(const PresentersForm& form, std::vector<std::size_t>& rows) {
  std::vector<panel::Person> people;
  for (std::size_t i = 0; i < form.rows.size(); ++i) {
    if (form.rows[i].empty()) continue;
    panel::Person person;
    person.name = form.rows[i].name;
    person.role = form.rows[i].role;
    person.email = form.rows[i].email;
    people.push_back(std::move(person));
    rows.push_back(i);
  }
  return people;
}

// --- Apologies --------------------------------------------------------------------------------

bool sent_apologies(const nlohmann::json& apologies, const std::string& name) {
  if (!apologies.is_array()) return false;
  return std::any_of(apologies.begin(), apologies.end(), [&](const nlohmann::json& person) {
    return person.is_object() && person.value("name", std::string()) == name;
  });
}

}  // namespace

void add_sitting_people(nlohmann::json& data, const office::SittingView& view, bool can_change,
                        const RequestContext& request) {
  nlohmann::json attending = nlohmann::json::array();
  for (const panel::Person& member : view.agenda.panel.attending) {
    attending.push_back(person_words(member));
  }
  if (!attending.empty()) data["has_attending"] = true;
  data["attending"] = std::move(attending);
  if (can_change) {
    nlohmann::json choices = nlohmann::json::array();
    std::size_t index = 0;
    for (const panel::Person& member : view.agenda.panel.members) {
      nlohmann::json choice = {{"index", ++index}, {"name", member.name}, {"role", member.role}};
      if (sent_apologies(view.agenda.apologies, member.name)) choice["sent"] = true;
      choices.push_back(std::move(choice));
    }
    if (!choices.empty()) data["has_members"] = true;
    data["member_choices"] = std::move(choices);
  }
  const auto done = request.query.find("done");
  if (done == request.query.end()) return;
  if (done->second == "apologies") data["done_message"] = "The apologies are saved.";
  if (done->second == "presenters") {
    const auto found = request.query.find("case");
    const std::string case_ref = found == request.query.end() ? "" : found->second;
    data["done_message"] = "The presenters of " + plain_reference(case_ref) + " are saved.";
  }
}

Reply sitting_presenters_form(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = plain_reference(request.parameter("case"));
  const office::Workspace workspace = site.workspace();
  const auto item = booking_of(workspace, *sitting, case_ref);
  if (!item) return not_found_page();
  return presenters_page(workspace, request, *sitting, case_ref, form_of(*item),
                         nlohmann::json::object());
}

Reply sitting_presenters_submit(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = plain_reference(request.parameter("case"));
  const office::Workspace workspace = site.workspace();
  PresentersForm form = posted_form(request.form);
  // "Add another presenter": the same form with one more row, nothing saved.
  if (field(request.form, "action") == "add_row") {
    form.from_case_file = false;
    if (form.rows.size() < kMostPresenterRows) form.rows.push_back({});
    nlohmann::json data = nlohmann::json::object();
    data["focus_row"] = form.rows.size();
    return presenters_page(workspace, request, *sitting, case_ref, form, std::move(data));
  }
  const std::string object = sitting_key(*sitting) + " " + case_ref;
  office::PresentersRequest change{*sitting, case_ref, std::nullopt, now()};
  std::vector<std::size_t> rows;
  if (!form.from_case_file) {
    change.presenters = named_in(form, rows);
    // Checked here too, to put the message beside the field it is about.
    if (const auto problem = office::presenter_problem(*change.presenters)) {
      const std::size_t row = problem->index < rows.size() ? rows[problem->index] : 0;
      if (problem->field == "email") {
        form.rows[row].email_error = capitalised(problem->message);
      } else {
        form.rows[row].name_error = capitalised(problem->message);
      }
      nlohmann::json errors = nlohmann::json::object();
      add_error(errors, "presenters", "presenter-" + std::to_string(row + 1) + "-" + problem->field,
                capitalised(problem->message));
      office::BookingResult refused;
      refused.refused = office::BookingRefusal::not_a_presenter;
      audit_change(site, request, "presenters_changed", object, refused);
      return presenters_page(workspace, request, *sitting, case_ref, form, std::move(errors),
                             HTTPResponse::HTTP_BAD_REQUEST);
    }
  }
  const office::BookingResult result =
      office::set_presenters(workspace, change, field(request.form, "version"));
  audit_change(site, request, "presenters_changed", object, result);
  if (result.done()) {
    return redirect_to(sitting_path(sitting->panel_id, sitting->date.iso()) +
                       "?done=presenters&case=" + case_ref + "#agenda");
  }
  nlohmann::json errors = nlohmann::json::object();
  if (result.refused == office::BookingRefusal::sitting_changed) {
    const auto item = booking_of(workspace, *sitting, case_ref);
    if (!item) return not_found_page();
    add_error(errors, "stale", "who", kStaleMessage);
    return presenters_page(workspace, request, *sitting, case_ref, form_of(*item),
                           std::move(errors), HTTPResponse::HTTP_CONFLICT);
  }
  if (result.refused == office::BookingRefusal::not_booked) return not_found_page();
  add_error(errors, "who", "who", capitalised(result.message));
  return presenters_page(workspace, request, *sitting, case_ref, form, std::move(errors),
                         HTTPResponse::HTTP_BAD_REQUEST);
}

Reply sitting_apologies_submit(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  office::ApologiesRequest change{*sitting, office::ApologiesChange::replace, {}, now()};
  for (const auto& [name, value] : request.form) {
    if (name.starts_with("apology_") && !value.empty()) change.members.push_back(value);
  }
  const office::BookingResult result =
      office::change_apologies(site.workspace(), change, field(request.form, "version"));
  audit_change(site, request, "apologies_changed", sitting_key(*sitting), result);
  if (result.done()) {
    return redirect_to(sitting_path(sitting->panel_id, sitting->date.iso()) +
                       "?done=apologies#apologies-form");
  }
  nlohmann::json errors = nlohmann::json::object();
  if (result.refused == office::BookingRefusal::sitting_changed) {
    add_error(errors, "apologies", "apology-1", kStaleMessage);
    return sitting_page_with(site, request, *sitting, std::move(errors),
                             HTTPResponse::HTTP_CONFLICT);
  }
  add_error(errors, "apologies", "apology-1", capitalised(result.message));
  return sitting_page_with(site, request, *sitting, std::move(errors),
                           HTTPResponse::HTTP_BAD_REQUEST);
}

}  // namespace panelpack::console
