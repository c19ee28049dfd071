// The Record pages. The administrator's form is saved as they type (record.mjs posts it with
// "autosave" and reads a small JSON answer) or with its Save button; either way the draft is on
// the server (record_drafts.hpp) before the page says "Saved". Sign-off and a signed record's
// change carry the decisions file's version the chair read: a stale one changes nothing. The
// audit names the sitting and the child by id, never what the record says.

#include "console/server/record_pages.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "console/server/console_pages.hpp"
#include "console/server/form_fields.hpp"
#include "console/server/record_page_data.hpp"
#include "console/server/sitting_address.hpp"
#include "console/server/sitting_page_data.hpp"
#include "office/console/audit.hpp"
#include "office/mail/mail_content.hpp"

namespace panelpack::console {

namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

constexpr const char* kStaleMessage =
    "This record changed since you opened it. Nothing was changed: read it again below and "
    "make your change again";

panel::UtcInstant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string record_list_path(const office::SittingId& sitting) {
  return sitting_path(sitting.panel_id, sitting.date.iso()) + "/record";
}

std::string record_path(const office::SittingId& sitting, const std::string& case_ref) {
  return record_list_path(sitting) + "/" + case_ref;
}

std::string object_of(const office::SittingId& sitting, const std::string& case_ref) {
  return sitting_key(sitting) + " " + case_ref;
}

void audit_change(ConsoleSite& site, const RequestContext& request, const std::string& action,
                  const std::string& object, const std::string& outcome) {
  store::append_audit(site.store, request.actor(), {action, "record", object, outcome});
}

bool is_role(const RequestContext& request, store::Role role) {
  return request.session && request.session->account.role == role;
}

office::Signer signer_of(const RequestContext& request) {
  return {request.session->account.display_name, request.session->account.user_name};
}

// Whether the signed-in chair signed `decision` off: the account of its first version, else
// the name it was signed in (a sign-off the history does not hold).
bool signed_by_me(const RequestContext& request, const nlohmann::json& decision,
                  const std::vector<office::RecordVersion>& versions) {
  if (!versions.empty()) return versions.front().account == request.session->account.user_name;
  return decision.contains("agreed") &&
         decision["agreed"].value("by", "") == request.session->account.display_name;
}

std::string signed_words(const nlohmann::json& agreed) {
  return "Signed off by " + agreed.value("by", "") + " on " +
         instant_words(agreed.value("at", "")) + " (version " +
         std::to_string(agreed.value("version", 1)) + ")";
}

// What the form shows when it is not the posted one: the draft, else the decision, else empty.
office::RecordEntry entry_now(const SittingRecords& records, const std::string& case_ref,
                              const std::vector<office::KnownPerson>& people, bool agreed) {
  const auto draft = records.drafts.find(case_ref);
  if (!agreed && draft != records.drafts.end()) return draft->second.entry;
  if (const nlohmann::json* decision = records.decision(case_ref)) {
    return office::entry_from_decision(*decision, people);
  }
  return {};
}

// What the page says after a redirect (?done=...).
void add_done_banner(nlohmann::json& data, const RequestContext& request,
                     const std::string& case_ref) {
  const auto done = request.query.find("done");
  if (done == request.query.end()) return;
  if (done->second == "saved") data["done_message"] = "The record of " + case_ref + " is saved.";
  if (done->second == "signed") {
    data["done_message"] = "The record of " + case_ref + " is signed off.";
  }
  if (done->second == "changed") {
    data["done_message"] =
        "The change to the record of " + case_ref + " is saved as a new version.";
  }
}

// A record's values for the form: the posted entry (with its problems) or the record as it is.
struct FormState {
  std::optional<office::RecordEntry> posted;
  std::size_t rows = 1;
  std::vector<office::EntryProblem> problems;
  std::string why;
};

Reply render_record(RequestContext& request, const office::Workspace& workspace,
                    const SittingRecords& records, const panel::AgendaItem& item,
                    const FormState& form, nlohmann::json extra,
                    HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  const office::SittingId& sitting = records.sitting;
  const std::string& case_ref = item.case_ref;
  const auto people = people_for(workspace, sitting, item);
  const nlohmann::json* decision = records.decision(case_ref);
  const bool agreed = decision != nullptr && decision->contains("agreed");
  // Signed off (or, in a file from before sign-off, its minutes agreed), sent or on file.
  const bool locked = records.state(case_ref) != office::RecordState::not_started &&
                      records.state(case_ref) != office::RecordState::draft;
  const auto versions =
      office::record_versions(workspace, sitting.panel_id, sitting.date, case_ref);
  const office::RecordState state = records.state(case_ref);

  nlohmann::json data = nlohmann::json::object();
  data["panel_name"] = records.view.agenda.panel.name;
  data["date_words"] = office::long_date(sitting.date);
  data["case_ref"] = case_ref;
  data["child_name"] = item.child.name;
  data["list_path"] = record_list_path(sitting);
  data["action"] = record_path(sitting, case_ref);
  data["state_words"] = std::string(office::record_state_words(state));
  data["tag_class"] = state_tag_class(state);
  data["version"] = records.version;
  const bool administrator = is_role(request, store::Role::administrator);
  const bool chair = is_role(request, store::Role::chair);
  const bool mine = agreed && chair && signed_by_me(request, *decision, versions);
  if (agreed) data["signed_words"] = signed_words((*decision)["agreed"]);

  const office::RecordEntry entry =
      form.posted ? *form.posted : entry_now(records, case_ref, people, locked);
  const office::RecordReading reading = office::read_entry(entry, people, decision);
  if ((administrator && !locked) || mine) {
    // The form: the administrator's draft, or the signing chair's change.
    const auto& problems = form.posted ? form.problems : reading.problems;
    // The signing chair may add one action to those the record has.
    const std::size_t rows = mine && !form.posted ? entry.actions.size() + 1 : form.rows;
    nlohmann::json values = record_form_data(entry, people, problems, rows);
    data["has_form"] = true;
    for (auto& [key, value] : values.items()) data[key] = value;
    if (mine) {
      data["edit_signed"] = true;
      data["why"] = form.why;
    } else {
      data["edit_draft"] = true;
      const auto draft = records.drafts.find(case_ref);
      if (draft != records.drafts.end()) {
        data["saved_words"] = saved_words(draft->second.saved_at) + ".";
      }
      nlohmann::json missing = nlohmann::json::array();
      for (const auto& need : reading.missing) missing.push_back(need.message);
      if (!missing.empty()) {
        data["to_finish"] = missing;
        data["has_to_finish"] = true;
      }
    }
  } else {
    // Read only: the record as it is (a draft not yet complete, as far as it goes).
    nlohmann::ordered_json shown = nlohmann::ordered_json::object();
    if (decision != nullptr) {
      shown = nlohmann::ordered_json(*decision);
    } else {
      office::apply_reading(shown, case_ref, reading);
    }
    data["read_only"] = true;
    data["summary_rows"] = record_summary_rows(nlohmann::json(shown));
    if (!reading.complete() && !locked) data["incomplete"] = true;
    if (administrator && locked) {
      data["locked_message"] =
          "This record is signed off, so it is locked. Only the chair who signed it off can "
          "change it.";
    }
    if (chair && locked && !mine) {
      data["locked_message"] = "Only the chair who signed this record off can change it.";
    }
    if (chair && !locked && decision != nullptr) data["can_sign_off"] = true;
  }
  if (!versions.empty()) {
    data["has_versions"] = true;
    data["versions"] = version_rows(versions);
  }
  add_done_banner(data, request, case_ref);
  for (auto& [key, value] : extra.items()) {
    if (key == "errors" && data.contains("errors")) {
      for (auto& error : value) data["errors"].push_back(error);
    } else {
      data[key] = value;
    }
  }
  request.viewed_object_id = object_of(sitting, case_ref);
  std::string title = (mine ? "Change the record of " : "The record of ") + case_ref;
  return show("record_form", std::move(title), std::move(data), status);
}

// The sitting, its records and the child the address names; nothing when there is none.
struct Addressed {
  office::SittingId sitting;
  SittingRecords records;
  const panel::AgendaItem* item = nullptr;
};

std::optional<Addressed> addressed(const office::Workspace& workspace,
                                   const RequestContext& request, bool with_case) {
  const auto sitting = known_sitting_in_address(workspace, request);
  if (!sitting) return std::nullopt;
  Addressed found{*sitting, sitting_records(workspace, *sitting), nullptr};
  if (with_case) {
    found.item = found.records.item(plain_reference(request.parameter("case")));
    if (found.item == nullptr) return std::nullopt;
  }
  return found;
}

// A small JSON answer for record.mjs (sent no-store, as the pack's progress is).
Reply json_answer(const nlohmann::json& data, HTTPResponse::HTTPStatus status) {
  Reply reply = send_file({"", data.dump(), "application/json", "saved.json"});
  reply.status = status;
  return reply;
}

Reply list_with(RequestContext& request, const SittingRecords& records, nlohmann::json extra,
                HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  const office::SittingId& sitting = records.sitting;
  const bool chair = is_role(request, store::Role::chair);
  const bool administrator = is_role(request, store::Role::administrator);
  nlohmann::json rows = nlohmann::json::array();
  bool any_to_sign = false;
  for (const panel::AgendaItem& item : records.view.agenda.items) {
    const office::RecordState state = records.state(item.case_ref);
    const nlohmann::json* decision = records.decision(item.case_ref);
    const bool agreed = decision != nullptr && decision->contains("agreed");
    const bool locked =
        state != office::RecordState::not_started && state != office::RecordState::draft;
    if (decision != nullptr && !locked) any_to_sign = true;
    std::string link = "Read the decision for ";
    if (administrator && !locked) link = "Record the decision for ";
    if (chair) link = "Review the decision for ";
    nlohmann::json row = {{"number", item.number},
                          {"case_ref", item.case_ref},
                          {"child_name", item.child.name},
                          {"state_words", std::string(office::record_state_words(state))},
                          {"tag_class", state_tag_class(state)},
                          {"href", record_path(sitting, item.case_ref)},
                          {"link_words", link}};
    if (agreed) row["signed_words"] = signed_words((*decision)["agreed"]);
    if (state == office::RecordState::draft && decision == nullptr) {
      row["note"] = "Not complete yet";
    }
    rows.push_back(std::move(row));
  }
  nlohmann::json data = {{"panel_name", records.view.agenda.panel.name},
                         {"date_words", office::long_date(sitting.date)},
                         {"path", sitting_path(sitting.panel_id, sitting.date.iso())},
                         {"list_path", record_list_path(sitting)},
                         {"version", records.version},
                         {"rows", rows}};
  if (rows.empty()) data["no_cases"] = true;
  if (chair && any_to_sign) data["can_sign_all"] = true;
  if (chair) data["is_chair"] = true;
  if (administrator) data["is_administrator"] = true;
  const auto done = request.query.find("done");
  const auto count = request.query.find("count");
  if (done != request.query.end() && done->second == "signed" && count != request.query.end()) {
    const std::string number = plain_reference(count->second);
    data["done_message"] =
        number == "1" ? "1 record is signed off." : number + " records are signed off.";
  }
  for (auto& [key, value] : extra.items()) data[key] = value;
  request.viewed_object_id = sitting_key(sitting);
  return show("record_list", "Record the panel", std::move(data), status);
}

}  // namespace

Reply record_list_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto found = addressed(workspace, request, false);
  if (!found) return not_found_page();
  return list_with(request, found->records, nlohmann::json::object());
}

Reply record_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto found = addressed(workspace, request, true);
  if (!found) return not_found_page();
  FormState form;
  const auto rows = request.query.find("rows");
  if (rows != request.query.end()) {
    try {
      form.rows = std::stoul(rows->second);
    } catch (const std::exception&) {
      form.rows = 1;
    }
  }
  return render_record(request, workspace, found->records, *found->item, form,
                       nlohmann::json::object());
}

Reply record_save_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto found = addressed(workspace, request, true);
  if (!found) return not_found_page();
  const office::SittingId& sitting = found->sitting;
  const std::string case_ref = found->item->case_ref;
  const std::string object = object_of(sitting, case_ref);
  const bool autosave = field(request.form, "autosave") == "1";
  FormState form;
  form.posted = posted_entry(request.form, form.rows);
  const office::DraftSave result =
      office::save_record_draft(workspace, {sitting.panel_id, sitting.date, case_ref, *form.posted,
                                            people_for(workspace, sitting, *found->item),
                                            request.session->account.user_name, now()});
  if (result.refused == office::DraftRefusal::not_booked) return not_found_page();
  if (result.refused == office::DraftRefusal::locked) {
    audit_change(site, request, "record_drafted", object, "signed_off");
    const std::string words =
        "Not saved: this record is signed off, so it is locked. Only the chair who signed it "
        "off can change it.";
    if (autosave) return json_answer({{"words", words}}, HTTPResponse::HTTP_CONFLICT);
    nlohmann::json errors = nlohmann::json::object();
    add_error(errors, "locked", "record-state", words);
    return render_record(request, workspace, sitting_records(workspace, sitting), *found->item,
                         FormState{}, std::move(errors), HTTPResponse::HTTP_CONFLICT);
  }
  // The first save and the completion are audited; an autosave in between is not.
  if (result.first || !autosave) audit_change(site, request, "record_drafted", object, "ok");
  if (result.became_complete) audit_change(site, request, "record_completed", object, "ok");
  if (autosave) {
    std::string words = saved_words(result.saved_at) + ".";
    if (!result.complete) words += " Not complete yet.";
    return json_answer({{"words", words}, {"complete", result.complete}}, HTTPResponse::HTTP_OK);
  }
  if (field(request.form, "action") == "add_row") {
    const std::size_t next = std::min(form.rows + 1, office::kMostRecordActions);
    return redirect_to(record_path(sitting, case_ref) + "?rows=" + std::to_string(next) +
                       "#action-" + std::to_string(next));
  }
  return redirect_to(record_path(sitting, case_ref) + "?done=saved");
}

Reply record_sign_off_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto found = addressed(workspace, request, true);
  if (!found) return not_found_page();
  const std::string case_ref = found->item->case_ref;
  const std::string object = object_of(found->sitting, case_ref);
  if (!is_role(request, store::Role::chair)) {
    audit_change(site, request, "record_agreed", object, "role");
    return forbidden_page("Only a chair signs records off",
                          "The panel's chair reviews each record and signs it off. Ask the chair "
                          "to sign it off.");
  }
  const office::SignOffResult result =
      office::sign_off_records(workspace, {found->sitting.panel_id,
                                           found->sitting.date,
                                           {case_ref},
                                           signer_of(request),
                                           field(request.form, "version"),
                                           now()});
  nlohmann::json errors = nlohmann::json::object();
  if (result.stale) {
    audit_change(site, request, "record_agreed", object, "stale");
    add_error(errors, "stale", "sign-off", kStaleMessage);
    return render_record(request, workspace, sitting_records(workspace, found->sitting),
                         *found->item, FormState{}, std::move(errors), HTTPResponse::HTTP_CONFLICT);
  }
  if (result.signed_off.empty()) {
    audit_change(site, request, "record_agreed", object, "refused");
    const std::string why =
        result.refused.empty() ? "cannot be signed off" : result.refused.front().second;
    add_error(errors, "sign_off", "record-state", "The record of " + case_ref + " " + why);
    return render_record(request, workspace, found->records, *found->item, FormState{},
                         std::move(errors), HTTPResponse::HTTP_BAD_REQUEST);
  }
  audit_change(site, request, "record_agreed", object, "ok");
  return redirect_to(record_path(found->sitting, case_ref) + "?done=signed");
}

Reply record_sign_off_all_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto found = addressed(workspace, request, false);
  if (!found) return not_found_page();
  const office::SittingId& sitting = found->sitting;
  if (!is_role(request, store::Role::chair)) {
    audit_change(site, request, "record_agreed", sitting_key(sitting), "role");
    return forbidden_page("Only a chair signs records off",
                          "The panel's chair reviews each record and signs it off. Ask the chair "
                          "to sign them off.");
  }
  const office::SignOffResult result =
      office::sign_off_records(workspace, {sitting.panel_id,
                                           sitting.date,
                                           {},
                                           signer_of(request),
                                           field(request.form, "version"),
                                           now()});
  nlohmann::json errors = nlohmann::json::object();
  if (result.stale) {
    audit_change(site, request, "record_agreed", sitting_key(sitting), "stale");
    add_error(errors, "stale", "sign-off-all",
              "The records changed since you opened this page. Nothing was signed off: read "
              "them again and sign them off if they are right");
    return list_with(request, sitting_records(workspace, sitting), std::move(errors),
                     HTTPResponse::HTTP_CONFLICT);
  }
  if (result.signed_off.empty()) {
    audit_change(site, request, "record_agreed", sitting_key(sitting), "refused");
    add_error(errors, "sign_off", "records", "No complete record is waiting to be signed off");
    return list_with(request, found->records, std::move(errors), HTTPResponse::HTTP_BAD_REQUEST);
  }
  for (const std::string& case_ref : result.signed_off) {
    audit_change(site, request, "record_agreed", object_of(sitting, case_ref), "ok");
  }
  return redirect_to(record_list_path(sitting) +
                     "?done=signed&count=" + std::to_string(result.signed_off.size()));
}

Reply record_change_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto found = addressed(workspace, request, true);
  if (!found) return not_found_page();
  const office::SittingId& sitting = found->sitting;
  const std::string case_ref = found->item->case_ref;
  const std::string object = object_of(sitting, case_ref);
  const std::string refused_heading = "You cannot change this record";
  if (!is_role(request, store::Role::chair)) {
    audit_change(site, request, "record_changed", object, "role");
    return forbidden_page(refused_heading,
                          "A signed-off record is changed only by the chair who signed it off.");
  }
  FormState form;
  form.posted = posted_entry(request.form, form.rows);
  form.why = field(request.form, "why");
  const auto people = people_for(workspace, sitting, *found->item);
  // Another chair's record is refused whatever the form's version (the office checks it again).
  const nlohmann::json* signed_decision = found->records.decision(case_ref);
  const bool others =
      signed_decision != nullptr && signed_decision->contains("agreed") &&
      !signed_by_me(request, *signed_decision,
                    office::record_versions(workspace, sitting.panel_id, sitting.date, case_ref));
  const office::SignedChangeResult result =
      others
          ? office::SignedChangeResult{office::ChangeRefusal::other_chair, {}, 0}
          : office::change_signed_record(
                workspace, {sitting.panel_id, sitting.date, case_ref, *form.posted, people,
                            form.why, signer_of(request), field(request.form, "version"), now()});
  nlohmann::json errors = nlohmann::json::object();
  switch (result.refused) {
    case office::ChangeRefusal::none:
      audit_change(site, request, "record_changed", object, "ok");
      return redirect_to(record_path(sitting, case_ref) + "?done=changed");
    case office::ChangeRefusal::other_chair: {
      audit_change(site, request, "record_changed", object, "other_chair");
      const nlohmann::json* decision = found->records.decision(case_ref);
      const std::string by =
          decision != nullptr ? (*decision)["agreed"].value("by", "another chair") : "";
      return forbidden_page(refused_heading, "It was signed off by " + by +
                                                 ". A chair changes only the records they "
                                                 "signed off: ask " +
                                                 by + " to make the change.");
    }
    case office::ChangeRefusal::not_signed:
      audit_change(site, request, "record_changed", object, "not_signed");
      return forbidden_page(refused_heading,
                            "It is not signed off yet: the draft is the administrator's. Read it "
                            "and sign it off, or ask the administrator to change it.");
    case office::ChangeRefusal::stale:
      audit_change(site, request, "record_changed", object, "stale");
      add_error(errors, "stale", "why", kStaleMessage);
      return render_record(request, workspace, sitting_records(workspace, sitting), *found->item,
                           FormState{}, std::move(errors), HTTPResponse::HTTP_CONFLICT);
    case office::ChangeRefusal::no_reason:
    case office::ChangeRefusal::not_valid:
      break;
  }
  audit_change(site, request, "record_changed", object, "refused");
  const office::RecordReading reading = office::read_entry(*form.posted, people);
  form.problems = reading.missing;
  form.problems.insert(form.problems.end(), reading.problems.begin(), reading.problems.end());
  if (result.refused == office::ChangeRefusal::no_reason) {
    form.problems.push_back({"why", 0, "", "Say why this change is needed"});
  }
  return render_record(request, workspace, found->records, *found->item, form,
                       nlohmann::json::object(), HTTPResponse::HTTP_BAD_REQUEST);
}

}  // namespace panelpack::console
