// Creating a case (the fields a case file cannot be without) and changing one section by
// section: the task list of sections with their state, a section's form, a list item's form and
// its removal. Each form writes only its own fields into the case file, which is then checked
// whole against case.schema.json, each problem shown beside its field (or linked to the section
// holding it); nothing is written while one remains, nor when the file changed since the form
// was opened (its version, 409).

#include <string>

#include "console/server/case_form_data.hpp"
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

const validation::SchemaSet& schemas() {
  return office::bundled_schemas();
}

std::string query_value(const RequestContext& request, const std::string& name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? "" : found->second;
}

// What a form page shows around its inputs.
struct FormPage {
  std::string title;    // "The child"
  std::string caption;  // "Case LCS900109"
  std::string action;   // where it posts
  std::string back;     // where Cancel goes
  std::string version;
  std::string button = "Save";
};

Reply form_page(const FormPage& page, const office::CaseForm& form, const FormErrors& errors,
                nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json data = std::move(extra);
  data["heading"] = page.title;
  data["caption"] = page.caption;
  data["action"] = page.action;
  data["back"] = page.back;
  data["version"] = page.version;
  data["button"] = page.button;
  data["groups"] = groups_data(form, errors);
  if (!form.groups.empty()) data["has_form"] = true;
  if (!errors.empty()) {
    data["has_errors"] = true;
    data["errors"] = errors.summary;
  }
  return show("case_form", page.caption.empty() ? page.title : page.title + " - " + page.caption,
              std::move(data));
}

Reply stale_page(ConsoleSite& site, RequestContext& request, const std::string& case_ref) {
  office::console::append_audit(site.store, request.actor(),
                                {"case_edit", "case", case_ref, "stale"});
  return show("forbidden", "This case changed since you opened it",
              {{"heading", "This case changed since you opened it"},
               {"message", "Someone saved a change to case " + case_ref +
                               " after you opened the form, so nothing was saved. Open the "
                               "case again, then make your change once more."}},
              Poco::Net::HTTPResponse::HTTP_CONFLICT);
}

// The file's problems as errors: beside an input of this form, else linked to the section
// that shows the field.
void add_problems(FormErrors& errors, const office::CaseForm& form, const std::string& case_ref,
                  const std::vector<validation::ValidationError>& problems) {
  for (const validation::ValidationError& problem : problems) {
    const std::string id = office::input_for_pointer(form, problem.pointer);
    if (!id.empty()) {
      errors.add(form, id, office::error_words(problem, office::find_input(form, id)));
      continue;
    }
    const std::string slug = office::section_for_pointer(problem.pointer);
    const office::CaseSection* section = office::find_section(slug);
    if (section == nullptr || case_ref.empty()) {
      errors.add(form, "", office::error_words(problem, nullptr));
      continue;
    }
    errors.add(form, "", section->title + ": " + office::error_words(problem, nullptr),
               "/cases/" + case_ref + "/edit/" + slug);
  }
}

// Reads the submitted form into `form`; its own problems (a date that is not one) in `errors`.
void read_submitted(office::CaseForm& form, const RequestContext& request, FormErrors& errors) {
  office::fill_from(form, request.form);
  for (const auto& [id, words] : office::input_problems(form)) errors.add(form, id, words);
}

bool case_exists(const office::Workspace& workspace, const std::string& case_ref) {
  return office::is_case_ref(case_ref) && std::filesystem::exists(workspace.case_path(case_ref));
}

Reply no_such_page() {
  return show("not_found", "Page not found", nlohmann::json::object(),
              Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
}

// Saves `changed` as the case, or shows the form again with what is wrong.
Reply save_or_show(ConsoleSite& site, RequestContext& request, const std::string& case_ref,
                   const Json& changed, const FormPage& page, const office::CaseForm& form,
                   FormErrors& errors, const std::string& done) {
  if (!errors.empty()) {
    add_problems(errors, form, case_ref, office::case_problems(changed));
    return form_page(page, form, errors);
  }
  const office::CaseSaveResult result =
      office::save_case(site.workspace(), case_ref, changed, field(request.form, "version"));
  switch (result.outcome) {
    case office::CaseSaveOutcome::saved:
      office::console::append_audit(site.store, request.actor(), {"case_edit", "case", case_ref});
      return redirect_to(done);
    case office::CaseSaveOutcome::stale:
    case office::CaseSaveOutcome::exists:
      return stale_page(site, request, case_ref);
    case office::CaseSaveOutcome::invalid:
      break;
  }
  add_problems(errors, form, case_ref, result.errors);
  return form_page(page, form, errors);
}

// The section and case a section's page names, or nothing when there is none.
struct SectionRequest {
  std::string case_ref;
  const office::CaseSection* section = nullptr;
  std::string version;
  Json document;
};

std::optional<SectionRequest> section_request(ConsoleSite& site, RequestContext& request) {
  SectionRequest found;
  found.case_ref = request.parameter("ref");
  found.section = office::find_section(request.parameter("section"));
  const office::Workspace workspace = site.workspace();
  if (found.section == nullptr || !case_exists(workspace, found.case_ref)) return std::nullopt;
  found.version = office::case_version(workspace, found.case_ref);
  found.document = office::read_case_document(workspace, found.case_ref);
  return found;
}

FormPage section_page_frame(const SectionRequest& at, const std::string& version) {
  const std::string base = "/cases/" + at.case_ref + "/edit";
  return {at.section->title, "Case " + at.case_ref, base + "/" + at.section->slug, base, version};
}

nlohmann::json lists_data(const SectionRequest& at, const office::CaseForm& form) {
  nlohmann::json lists = nlohmann::json::array();
  const std::string base = "/cases/" + at.case_ref + "/edit/" + at.section->slug + "/";
  for (const office::FormList& list : form.lists) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
      const std::string number = std::to_string(i + 1);
      rows.push_back({{"number", number},
                      {"words", list.rows[i]},
                      {"change", base + list.id + "/" + number},
                      {"remove", base + list.id + "/" + number + "/remove"}});
    }
    lists.push_back({{"id", list.id},
                     {"title", list.title},
                     {"hint", list.hint},
                     {"rows", rows},
                     {"has_rows", !rows.empty()},
                     {"add", base + list.id + "/new"}});
  }
  return lists;
}

Reply section_page(const SectionRequest& at, const office::CaseForm& form, const FormErrors& errors,
                   const std::string& version, bool saved) {
  nlohmann::json extra = {{"lists", lists_data(at, form)}};
  if (saved) extra["saved"] = true;
  return form_page(section_page_frame(at, version), form, errors, std::move(extra));
}

// The list item a page names: its list's pointer and its index (the list's size for "new").
struct ItemRequest {
  SectionRequest at;
  std::string list_id;
  std::string list_pointer;
  std::size_t index = 0;
  bool adding = false;
};

std::optional<ItemRequest> item_request(ConsoleSite& site, RequestContext& request) {
  std::optional<SectionRequest> at = section_request(site, request);
  if (!at) return std::nullopt;
  ItemRequest item{std::move(*at), request.parameter("list"), "", 0, false};
  item.list_pointer = office::list_pointer(schemas(), *item.at.section, item.list_id);
  if (item.list_pointer.empty()) return std::nullopt;
  const Json::json_pointer list(item.list_pointer);
  const std::size_t size = item.at.document.contains(list) && item.at.document.at(list).is_array()
                               ? item.at.document.at(list).size()
                               : 0;
  const std::string row = request.parameter("row");
  if (row == "new") {
    item.adding = true;
    item.index = size;
    return item;
  }
  if (row.empty() || row.size() > 6 || row.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const std::size_t number = std::stoul(row);
  if (number < 1 || number > size) return std::nullopt;
  item.index = number - 1;
  return item;
}

FormPage item_page_frame(const ItemRequest& item, const office::CaseForm& section_form,
                         const std::string& version) {
  std::string title = item.list_id;
  for (const office::FormList& list : section_form.lists) {
    if (list.id == item.list_id) title = list.title;
  }
  const std::string section_url = "/cases/" + item.at.case_ref + "/edit/" + item.at.section->slug;
  return {title + (item.adding ? ": add another" : ": number " + std::to_string(item.index + 1)),
          "Case " + item.at.case_ref + ", " + item.at.section->title,
          section_url + "/" + item.list_id + "/" +
              (item.adding ? "new" : std::to_string(item.index + 1)),
          section_url, version};
}

}  // namespace

Reply case_new_form(ConsoleSite&, RequestContext&) {
  return form_page(
      {"New case", "", "/cases/new", "/cases", office::kNoCaseVersion, "Create the case"},
      office::new_case_form(schemas()), {});
}

Reply case_new_submit(ConsoleSite& site, RequestContext& request) {
  office::CaseForm form = office::new_case_form(schemas());
  const FormPage page{"New case",       "", "/cases/new", "/cases", office::kNoCaseVersion,
                      "Create the case"};
  FormErrors errors;
  read_submitted(form, request, errors);
  const std::string case_ref = field(request.form, "caseRef");
  if (case_ref.empty()) {
    errors.add(form, "caseRef", "Enter case reference");
  } else if (!office::is_case_ref(case_ref)) {
    errors.add(form, "caseRef", "Case reference can only have letters, digits, - and _ (up to 40)");
  }
  // Every field of this form is one a case file cannot be without: each empty one is named.
  for (const office::FormGroup& group : form.groups) {
    for (const office::FormInput& input : group.inputs) {
      if (!input.value.empty() || input.id == "caseRef") continue;
      validation::ValidationError missing;
      missing.pointer = input.pointer;
      missing.keyword = "required";
      errors.add(form, input.id, office::error_words(missing, &input));
    }
  }
  const Json changed = office::apply_form(form, Json{{"securityMarking", "OFFICIAL-SENSITIVE"}});
  const std::vector<validation::ValidationError> problems = office::case_problems(changed);
  if (!errors.empty() || !problems.empty()) {
    for (const validation::ValidationError& problem : problems) {
      if (problem.pointer == "/caseRef" && errors.by_input.contains("caseRef")) continue;
      const std::string id = office::input_for_pointer(form, problem.pointer);
      errors.add(form, id, office::error_words(problem, office::find_input(form, id)));
    }
    return form_page(page, form, errors);
  }
  const office::CaseSaveResult result =
      office::save_case(site.workspace(), case_ref, changed, office::kNoCaseVersion);
  if (result.outcome == office::CaseSaveOutcome::saved) {
    office::console::append_audit(site.store, request.actor(), {"case_create", "case", case_ref});
    return redirect_to("/cases/" + case_ref + "/edit?created=1");
  }
  if (result.outcome == office::CaseSaveOutcome::exists) {
    errors.add(form, "caseRef",
               "A case with this reference already exists: choose another reference");
  }
  for (const validation::ValidationError& problem : result.errors) {
    const std::string id = office::input_for_pointer(form, problem.pointer);
    errors.add(form, id, office::error_words(problem, office::find_input(form, id)));
  }
  return form_page(page, form, errors);
}

Reply case_edit_form(ConsoleSite& site, RequestContext& request) {
  const std::string& case_ref = request.parameter("ref");
  const office::Workspace workspace = site.workspace();
  if (!case_exists(workspace, case_ref)) return no_such_page();
  const Json document = office::read_case_document(workspace, case_ref);
  request.viewed_object_id = case_ref;
  std::map<std::string, int> problems;
  for (const validation::ValidationError& problem : office::case_problems(document)) {
    ++problems[office::section_for_pointer(problem.pointer)];
  }
  nlohmann::json sections = nlohmann::json::array();
  for (const office::CaseSection& section : office::case_sections()) {
    const office::CaseForm form = office::section_form(schemas(), section, document, true);
    bool started = false;
    for (const office::FormGroup& group : form.groups) {
      for (const office::FormInput& input : group.inputs) started = started || !input.value.empty();
    }
    for (const office::FormList& list : form.lists) started = started || !list.rows.empty();
    nlohmann::json json = {{"title", section.title},
                           {"href", "/cases/" + case_ref + "/edit/" + section.slug},
                           {"id", "section-" + section.slug}};
    if (problems.contains(section.slug)) {
      json["has_problems"] = true;
    } else if (started) {
      json["filled_in"] = true;
    } else {
      json["not_started"] = true;
    }
    sections.push_back(std::move(json));
  }
  nlohmann::json data = {{"case_ref", case_ref}, {"sections", sections}};
  if (query_value(request, "created") == "1") data["created"] = true;
  const std::string saved = query_value(request, "saved");
  if (const office::CaseSection* section = office::find_section(saved)) {
    data["saved"] = section->title;
  }
  return show("case_sections", "Change case " + case_ref, std::move(data));
}

Reply case_section_form(ConsoleSite& site, RequestContext& request) {
  const std::optional<SectionRequest> at = section_request(site, request);
  if (!at) return no_such_page();
  request.viewed_object_id = at->case_ref;
  const office::CaseForm form = office::section_form(schemas(), *at->section, at->document, false);
  return section_page(*at, form, {}, at->version, query_value(request, "saved") == "1");
}

Reply case_section_submit(ConsoleSite& site, RequestContext& request) {
  const std::optional<SectionRequest> at = section_request(site, request);
  if (!at) return no_such_page();
  office::CaseForm form = office::section_form(schemas(), *at->section, at->document, false);
  FormErrors errors;
  read_submitted(form, request, errors);
  const Json changed = office::apply_form(form, at->document);
  const std::string version = field(request.form, "version");
  if (version != at->version) return stale_page(site, request, at->case_ref);
  const FormPage page = section_page_frame(*at, version);
  Reply reply = save_or_show(site, request, at->case_ref, changed, page, form, errors,
                             "/cases/" + at->case_ref + "/edit?saved=" + at->section->slug);
  if (reply.page == "case_form") reply.data["lists"] = lists_data(*at, form);
  return reply;
}

Reply case_item_form(ConsoleSite& site, RequestContext& request) {
  const std::optional<ItemRequest> item = item_request(site, request);
  if (!item) return no_such_page();
  request.viewed_object_id = item->at.case_ref;
  const office::CaseForm section =
      office::section_form(schemas(), *item->at.section, item->at.document, false);
  const office::CaseForm form = office::item_form(schemas(), *item->at.section, item->list_id,
                                                  item->index, item->at.document);
  return form_page(item_page_frame(*item, section, item->at.version), form, {});
}

Reply case_item_submit(ConsoleSite& site, RequestContext& request) {
  const std::optional<ItemRequest> item = item_request(site, request);
  if (!item) return no_such_page();
  const std::string version = field(request.form, "version");
  if (version != item->at.version) return stale_page(site, request, item->at.case_ref);
  const office::CaseForm section =
      office::section_form(schemas(), *item->at.section, item->at.document, false);
  office::CaseForm form = office::item_form(schemas(), *item->at.section, item->list_id,
                                            item->index, item->at.document);
  FormErrors errors;
  read_submitted(form, request, errors);
  const FormPage page = item_page_frame(*item, section, version);
  // A new item starts empty, so that an item left blank is refused for what it lacks.
  Json base = item->at.document;
  if (item->adding) {
    const Json::json_pointer list(item->list_pointer);
    if (!base.contains(list)) base[list] = Json::array();
    base[list].push_back(Json::object());
  }
  const Json changed = office::apply_form(form, base);
  return save_or_show(site, request, item->at.case_ref, changed, page, form, errors,
                      page.back + "?saved=1");
}

Reply case_item_remove(ConsoleSite& site, RequestContext& request) {
  const std::optional<ItemRequest> item = item_request(site, request);
  if (!item || item->adding) return no_such_page();
  const std::string version = field(request.form, "version");
  if (version != item->at.version) return stale_page(site, request, item->at.case_ref);
  const Json changed = office::remove_item(item->at.document, item->list_pointer, item->index);
  const std::string section_url = "/cases/" + item->at.case_ref + "/edit/" + item->at.section->slug;
  const office::CaseSaveResult result =
      office::save_case(site.workspace(), item->at.case_ref, changed, version);
  if (result.outcome == office::CaseSaveOutcome::stale) {
    return stale_page(site, request, item->at.case_ref);
  }
  if (result.outcome == office::CaseSaveOutcome::invalid) {
    // Removing the item breaks the file (a list the schema needs): say so on the section.
    office::CaseForm form =
        office::section_form(schemas(), *item->at.section, item->at.document, false);
    FormErrors errors;
    add_problems(errors, form, item->at.case_ref, result.errors);
    return section_page(item->at, form, errors, version, false);
  }
  office::console::append_audit(site.store, request.actor(),
                                {"case_edit", "case", item->at.case_ref});
  return redirect_to(section_url + "?saved=1");
}

}  // namespace panelpack::console
