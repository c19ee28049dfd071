// Creating and editing a case through the form generated from case.schema.json: the values go
// into the case file (every field the form does not show kept), the file is checked against
// the schema and each problem shown beside its field; nothing is written while one remains,
// nor when the file changed since the form was opened.

#include <string>

#include "console/server/case_pages.hpp"
#include "console/server/console_pages.hpp"
#include "office/bundled_schemas.hpp"
#include "office/cases/case_form.hpp"
#include "office/cases/case_saving.hpp"
#include "office/console/audit.hpp"
#include "office/error.hpp"

namespace panelpack::console {
namespace {

using Json = nlohmann::ordered_json;

// More than this many choices are a select; fewer are radios.
constexpr std::size_t kMostRadios = 5;

nlohmann::json input_json(const office::FormInput& input, const std::string& error) {
  nlohmann::json json = {
      {"id", input.id}, {"label", input.label}, {"hint", input.hint}, {"value", input.value}};
  if (!error.empty()) json["error"] = error;
  switch (input.kind) {
    case office::InputKind::date:
      json["is_date"] = true;
      break;
    case office::InputKind::yes_no:
      json["is_yes_no"] = true;
      json["yes"] = input.value == "yes";
      json["no"] = input.value == "no";
      break;
    case office::InputKind::choice: {
      json[input.choices.size() > kMostRadios ? "is_select" : "is_radios"] = true;
      nlohmann::json choices = nlohmann::json::array();
      for (std::size_t i = 0; i < input.choices.size(); ++i) {
        const office::InputChoice& choice = input.choices[i];
        choices.push_back({{"value", choice.value},
                           {"words", choice.words},
                           {"radio_id", i == 0 ? input.id : input.id + "-" + std::to_string(i)},
                           {"selected", choice.value == input.value}});
      }
      json["choices"] = choices;
      break;
    }
    case office::InputKind::whole_number:
    case office::InputKind::text:
      json["is_text"] = true;
      break;
  }
  return json;
}

// The page's values: the form's groups with each error beside its input, and the summary.
nlohmann::json form_page_data(const office::CaseForm& form,
                              const std::map<std::string, std::string>& errors) {
  const auto error_of = [&](const std::string& id) {
    const auto found = errors.find(id);
    return found == errors.end() ? std::string() : found->second;
  };
  nlohmann::json groups = nlohmann::json::array();
  for (const office::FormGroup& group : form.groups) {
    nlohmann::json json = {{"legend", group.legend}};
    if (group.list_pointer.empty()) {
      nlohmann::json inputs = nlohmann::json::array();
      for (const office::FormInput& input : group.inputs) {
        inputs.push_back(input_json(input, error_of(input.id)));
      }
      json["inputs"] = inputs;
    } else {
      json["is_list"] = true;
      json["list_id"] = group.list_id;
      json["row_count"] = group.rows.size();
      json["item_words"] = group.item_words;
      if (group.rows.size() < static_cast<std::size_t>(office::kMaximumListRows)) {
        json["may_add"] = true;
      }
      nlohmann::json rows = nlohmann::json::array();
      for (std::size_t row = 0; row < group.rows.size(); ++row) {
        nlohmann::json inputs = nlohmann::json::array();
        for (const office::FormInput& input : group.rows[row]) {
          inputs.push_back(input_json(input, error_of(input.id)));
        }
        rows.push_back({{"number", row + 1}, {"inputs", inputs}});
      }
      json["rows"] = rows;
    }
    groups.push_back(std::move(json));
  }
  return {{"groups", groups}};
}

std::map<std::string, int> rows_asked(const RequestContext& request) {
  std::map<std::string, int> rows;
  for (const char* list : {"legal-orders"}) {
    const std::string count = field(request.form, std::string(list) + "-rows");
    if (count.empty() || count.size() > 2) continue;
    int asked = std::atoi(count.c_str());
    if (field(request.form, "add_row") == list) ++asked;
    rows[list] = asked;
  }
  return rows;
}

Reply form_page(const std::string& case_ref, const office::CaseForm& form,
                const std::string& version, nlohmann::json errors_summary,
                const std::map<std::string, std::string>& errors) {
  nlohmann::json data = form_page_data(form, errors);
  data["version"] = version;
  if (case_ref.empty()) {
    data["creating"] = true;
    data["action"] = "/cases/new";
  } else {
    data["case_ref"] = case_ref;
    data["action"] = "/cases/" + case_ref + "/edit";
  }
  if (!errors_summary.empty()) {
    data["has_errors"] = true;
    data["errors"] = std::move(errors_summary);
  }
  const std::string title = case_ref.empty() ? "New case" : "Change case " + case_ref;
  return show("case_form", title, std::move(data));
}

const validation::SchemaSet& schemas() {
  return office::bundled_schemas();
}

// What a submitted form does: shows more rows, or shows errors beside their fields, or saves.
Reply submit(ConsoleSite& site, RequestContext& request, const std::string& case_ref_in,
             const Json& document) {
  const bool creating = case_ref_in.empty();
  const office::Workspace workspace = site.workspace();
  office::CaseForm form = office::case_form(schemas(), document, creating, rows_asked(request));
  office::fill_from(form, request.form);
  const std::string version = field(request.form, "version");
  if (!field(request.form, "add_row").empty()) {
    return form_page(case_ref_in, form, version, nlohmann::json::array(), {});
  }
  std::string case_ref = case_ref_in;
  nlohmann::json summary = nlohmann::json::array();
  std::map<std::string, std::string> errors;
  const auto add = [&](const std::string& id, const std::string& message) {
    if (!id.empty() && errors.contains(id)) return;
    summary.push_back({{"text", message}, {"href", "#" + (id.empty() ? "case-form" : id)}});
    if (!id.empty()) errors[id] = message;
  };
  if (creating) {
    case_ref = field(request.form, "caseRef");
    if (case_ref.empty()) {
      add("caseRef", "Enter the case reference");
    } else if (!office::is_case_ref(case_ref)) {
      add("caseRef", "Case reference can only have letters, digits, - and _ (up to 40)");
    }
  }
  Json changed = office::apply_form(form, document);
  if (!summary.empty()) {
    // The reference is wrong: show the other fields' problems too, all at once.
    for (const validation::ValidationError& error : office::case_problems(changed)) {
      if (error.pointer == "/caseRef") continue;
      const std::string id = office::input_for_pointer(form, error.pointer);
      add(id, office::error_words(error, office::find_input(form, id)));
    }
    return form_page("", form, version, summary, errors);
  }
  if (creating && !changed.contains("securityMarking")) {
    Json marked = {{"securityMarking", "OFFICIAL-SENSITIVE"}};
    marked.update(changed);
    changed = std::move(marked);
  }
  const office::CaseSaveResult result =
      office::save_case(workspace, case_ref, changed, creating ? office::kNoCaseVersion : version);
  switch (result.outcome) {
    case office::CaseSaveOutcome::saved:
      office::console::append_audit(site.store, request.actor(),
                                    {creating ? "case_create" : "case_edit", "case", case_ref});
      return redirect_to("/cases/" + case_ref + "?saved=1");
    case office::CaseSaveOutcome::exists:
      add("caseRef", "A case with this reference already exists: choose another reference");
      return form_page("", form, version, summary, errors);
    case office::CaseSaveOutcome::stale:
      office::console::append_audit(site.store, request.actor(),
                                    {"case_edit", "case", case_ref, "stale"});
      return show("forbidden", "This case changed since you opened it",
                  {{"heading", "This case changed since you opened it"},
                   {"message", "Someone saved a change to case " + case_ref +
                                   " after you opened the form, so nothing was saved. Open the "
                                   "case again, then make your change once more."}},
                  Poco::Net::HTTPResponse::HTTP_CONFLICT);
    case office::CaseSaveOutcome::invalid:
      break;
  }
  for (const validation::ValidationError& error : result.errors) {
    const std::string id = office::input_for_pointer(form, error.pointer);
    add(id, office::error_words(error, office::find_input(form, id)));
  }
  return form_page(case_ref_in, form, version, summary, errors);
}

bool case_exists(const office::Workspace& workspace, const std::string& case_ref) {
  return office::is_case_ref(case_ref) && std::filesystem::exists(workspace.case_path(case_ref));
}

Reply no_such_case() {
  return show("not_found", "Page not found", nlohmann::json::object(),
              Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
}

}  // namespace

Reply case_new_form(ConsoleSite&, RequestContext&) {
  const office::CaseForm form = office::case_form(schemas(), Json::object(), true);
  return form_page("", form, office::kNoCaseVersion, nlohmann::json::array(), {});
}

Reply case_new_submit(ConsoleSite& site, RequestContext& request) {
  return submit(site, request, "", Json::object());
}

Reply case_edit_form(ConsoleSite& site, RequestContext& request) {
  const std::string& case_ref = request.parameter("ref");
  const office::Workspace workspace = site.workspace();
  if (!case_exists(workspace, case_ref)) return no_such_case();
  const std::string version = office::case_version(workspace, case_ref);
  const Json document = office::read_case_document(workspace, case_ref);
  request.viewed_object_id = case_ref;
  return form_page(case_ref, office::case_form(schemas(), document, false), version,
                   nlohmann::json::array(), {});
}

Reply case_edit_submit(ConsoleSite& site, RequestContext& request) {
  const std::string& case_ref = request.parameter("ref");
  const office::Workspace workspace = site.workspace();
  if (!case_exists(workspace, case_ref)) return no_such_case();
  return submit(site, request, case_ref, office::read_case_document(workspace, case_ref));
}

}  // namespace panelpack::console
