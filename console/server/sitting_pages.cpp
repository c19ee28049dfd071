// The Sitting page and its changes. Every change is a POST carrying the bookings' version the
// page was opened on: booking.hpp refuses it (sitting_changed) when the bookings moved on since,
// so a stale form changes nothing and the page says so.

#include "console/server/sitting_pages.hpp"

#include <cctype>
#include <chrono>
#include <optional>
#include <string>

#include "console/server/access.hpp"
#include "console/server/console_pages.hpp"
#include "console/server/multipart_form.hpp"
#include "console/server/sitting_address.hpp"
#include "console/server/sitting_page_data.hpp"
#include "console/server/sitting_people_pages.hpp"
#include "office/console/audit.hpp"
#include "office/mail/mail_content.hpp"
#include "office/sitting/booking.hpp"
#include "office/sitting/paper_chaser.hpp"
#include "office/sitting/paper_upload.hpp"
#include "office/views/case_list_view.hpp"
#include "office/views/sitting_view.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::console {

namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

panel::UtcInstant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// What the redirect after a change tells the page to say.
void add_done_banner(nlohmann::json& data, const RequestContext& request) {
  const auto done = request.query.find("done");
  if (done == request.query.end()) return;
  const auto found = request.query.find("case");
  const std::string case_ref = found == request.query.end() ? "" : plain_reference(found->second);
  std::string text;
  if (done->second == "booked") text = case_ref + " is booked onto this sitting.";
  if (done->second == "removed") text = case_ref + " is no longer booked onto this sitting.";
  if (done->second == "moved") text = case_ref + " has moved on the agenda.";
  if (done->second == "uploaded") text = "The paper of " + case_ref + " is received and stored.";
  if (!text.empty()) data["done_message"] = text;
}

// After a chaser: whom it went to, read again from the booking (the address carries ids only).
void add_chased_banner(nlohmann::json& data, const RequestContext& request,
                       const office::Workspace& workspace, const office::SittingId& sitting) {
  const auto done = request.query.find("done");
  const auto paper = request.query.find("paper");
  if (done == request.query.end() || done->second != "chased" || paper == request.query.end() ||
      !panel::is_paper_type(paper->second)) {
    return;
  }
  const auto found = request.query.find("case");
  const std::string case_ref = found == request.query.end() ? "" : plain_reference(found->second);
  const std::string to = office::chaser_addressees(workspace, sitting, case_ref);
  if (to.empty()) return;
  data["done_message"] = "A chaser for " + office::paper_words(paper->second) + " of " + case_ref +
                         " is queued to " + to + ".";
}

// A refused chaser's words beside its button, in the cell of that case and paper.
void mark_chase_refusal(nlohmann::json& data) {
  if (!data.contains("chase_refused")) return;
  const nlohmann::json refused = data["chase_refused"];
  bool shown = false;
  for (auto& row : data["papers"]) {
    for (auto& cell : row["cells"]) {
      if (cell.value("case_ref", "") == refused.value("case_ref", "") &&
          cell.value("paper_type", "") == refused.value("paper_type", "")) {
        cell["chase_error"] = refused.value("message", "");
        shown = true;
      }
    }
  }
  // No button for it any more (the paper arrived, the case left): the summary links the grid.
  if (shown) return;
  for (auto& error : data["errors"]) {
    if (error.value("text", "") == refused.value("message", "")) error["href"] = "#papers";
  }
}

// The page as it is now, with `extra` values (errors) over it.
Reply render_sitting(ConsoleSite& site, RequestContext& request, const office::SittingId& sitting,
                     nlohmann::json extra,
                     HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  const office::Workspace workspace = site.workspace();
  const office::SittingView view =
      office::sitting_view(workspace, sitting.panel_id, sitting.date, now());
  const store::Role role = request.session->account.role;
  nlohmann::json data =
      sitting_page_data(view, role == store::Role::administrator, role != store::Role::member);
  data["upload_limit"] = std::to_string(kMaximumUploadBytes >> 20) + " MB";
  add_done_banner(data, request);
  add_chased_banner(data, request, workspace, sitting);
  add_sitting_people(data, view, role == store::Role::administrator, request);
  for (auto& [key, value] : extra.items()) data[key] = value;
  mark_chase_refusal(data);
  request.viewed_object_id = sitting_key(sitting);
  // The title before `data` is moved into the reply (arguments are evaluated in any order).
  std::string title = view.agenda.panel.name + ", " + office::long_date(view.date);
  return show("sitting", std::move(title), std::move(data), status);
}

// The same page, after a change the office refused: its words as the error, 409 when stale.
Reply refused_page(ConsoleSite& site, RequestContext& request, const office::SittingId& sitting,
                   const office::BookingResult& result, const std::string& field_id) {
  nlohmann::json errors = nlohmann::json::object();
  if (result.refused == office::BookingRefusal::sitting_changed) {
    add_error(errors, "stale", "bookings",
              "This sitting changed since you opened it. Nothing was changed: look at it again "
              "below and make your change again");
    return render_sitting(site, request, sitting, std::move(errors), HTTPResponse::HTTP_CONFLICT);
  }
  std::string message = result.message;
  if (!message.empty()) message.front() = static_cast<char>(std::toupper(message.front()));
  add_error(errors, "change", field_id, message);
  return render_sitting(site, request, sitting, std::move(errors), HTTPResponse::HTTP_BAD_REQUEST);
}

void audit_change(ConsoleSite& site, const RequestContext& request, const std::string& action,
                  const office::SittingId& sitting, const std::string& case_ref,
                  const office::BookingResult& result) {
  const std::string outcome = result.done() ? "ok"
                              : result.refused == office::BookingRefusal::sitting_changed
                                  ? "stale"
                                  : "refused";
  store::append_audit(
      site.store, request.actor(),
      {action, "sitting", sitting_key(sitting) + " " + plain_reference(case_ref), outcome});
}

Reply after_change(const office::SittingId& sitting, const std::string& done,
                   const std::string& case_ref) {
  return redirect_to(sitting_path(sitting.panel_id, sitting.date.iso()) + "?done=" + done +
                     "&case=" + plain_reference(case_ref) + "#bookings");
}

// Every booking change ends the same way: audited, then the page again with the office's
// refusal, or a redirect that says what was done.
Reply answer_change(ConsoleSite& site, RequestContext& request, const office::SittingId& sitting,
                    const std::string& case_ref, const office::BookingResult& result,
                    const std::string& action, const std::string& done,
                    const std::string& field_id = "bookings") {
  audit_change(site, request, action, sitting, case_ref, result);
  if (!result.done()) return refused_page(site, request, sitting, result, field_id);
  return after_change(sitting, done, result.case_ref);
}

std::string chaser_object(const office::SittingId& sitting, const std::string& case_ref,
                          const std::string& paper_type) {
  const std::string paper = panel::is_paper_type(paper_type) ? paper_type : "unknown";
  return sitting_key(sitting) + " " + plain_reference(case_ref) + " " + paper;
}

}  // namespace

Reply sitting_page_with(ConsoleSite& site, RequestContext& request,
                        const office::SittingId& sitting, nlohmann::json extra,
                        HTTPResponse::HTTPStatus status) {
  return render_sitting(site, request, sitting, std::move(extra), status);
}

Reply sitting_page(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  if (!may_read_panel(*request.session, sitting->panel_id)) {
    store::append_audit(site.store, request.actor(),
                        {"page_refused", "sitting", sitting_key(*sitting), "panel"});
    return forbidden_page("You cannot see this sitting",
                          "It is not a sitting of a panel you are a member of. Ask the office's "
                          "administrator if you need it.");
  }
  return render_sitting(site, request, *sitting, nlohmann::json::object());
}

Reply sitting_book_search(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const office::Workspace workspace = site.workspace();
  const office::SittingView view =
      office::sitting_view(workspace, sitting->panel_id, sitting->date, now());
  const auto asked = request.query.find("q");
  const std::string text = asked == request.query.end() ? "" : asked->second.substr(0, 100);
  nlohmann::json data = {{"panel_name", view.agenda.panel.name},
                         {"date_words", office::long_date(view.date)},
                         {"path", sitting_path(sitting->panel_id, sitting->date.iso())},
                         {"version", view.version},
                         {"q", text}};
  if (!text.empty()) {
    office::CaseFilters filters;
    filters.text = text;
    const office::CaseListView found =
        office::cases(workspace, filters, panel::utc_to_local(now()).date);
    nlohmann::json rows = nlohmann::json::array();
    for (const office::CaseRow& row : found.rows) {
      nlohmann::json json = {{"case_ref", row.case_ref},
                             {"child_name", row.child_name},
                             {"legal_status", row.legal_status_words}};
      bool booked = false;
      for (const panel::AgendaItem& item : view.agenda.items)
        booked |= item.case_ref == row.case_ref;
      if (booked) json["already_booked"] = true;
      rows.push_back(std::move(json));
    }
    data["searched"] = true;
    data["matches"] = rows;
    data["match_count"] = rows.size();
    if (rows.empty()) data["no_matches"] = true;
  }
  request.viewed_object_id = sitting_key(*sitting);
  return show("sitting_book", "Book a case", std::move(data));
}

Reply sitting_book_submit(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = field(request.form, "case_ref");
  office::BookCaseRequest change;
  change.sitting = *sitting;
  change.case_ref = case_ref;
  change.now = now();
  const office::BookingResult result =
      office::book_case(site.workspace(), change, field(request.form, "version"));
  return answer_change(site, request, *sitting, case_ref, result, "booking_added", "booked");
}

Reply sitting_remove_submit(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = field(request.form, "case_ref");
  const office::BookingResult result = office::remove_case(
      site.workspace(), {*sitting, case_ref, now()}, field(request.form, "version"));
  return answer_change(site, request, *sitting, case_ref, result, "booking_removed", "removed");
}

Reply sitting_move_submit(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = field(request.form, "case_ref");
  std::size_t to = 0;
  try {
    to = static_cast<std::size_t>(std::stoul(field(request.form, "to")));
  } catch (const std::exception&) {
    to = 0;  // refused below as a place the agenda does not have
  }
  const office::BookingResult result = office::move_case(
      site.workspace(), {*sitting, case_ref, to, now()}, field(request.form, "version"));
  return answer_change(site, request, *sitting, case_ref, result, "booking_moved", "moved");
}

Reply sitting_paper_upload(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = field(request.form, "case_ref");
  const std::string paper_type = field(request.form, "paper_type");
  nlohmann::json errors = nlohmann::json::object();
  if (case_ref.empty()) add_error(errors, "paper_case", "paper-case", "Choose the case");
  if (!panel::is_paper_type(paper_type)) {
    add_error(errors, "paper_type", "paper-type", "Choose which paper it is");
  }
  if (!request.upload || request.upload->bytes == 0) {
    add_error(errors, "paper_file", "paper-file", "Choose the file of the paper");
  } else if (request.upload->too_large) {
    add_error(errors, "paper_file", "paper-file",
              "The file is larger than " + std::to_string(kMaximumUploadBytes >> 20) +
                  " MB. Save a smaller copy (pictures at a lower resolution) and upload it");
  }
  const auto refuse = [&](const std::string& outcome) {
    store::append_audit(site.store, request.actor(),
                        {"paper_upload", "sitting",
                         sitting_key(*sitting) + " " + plain_reference(case_ref), outcome});
    return render_sitting(site, request, *sitting, std::move(errors),
                          HTTPResponse::HTTP_BAD_REQUEST);
  };
  if (errors.contains("has_errors")) return refuse("refused");

  office::PaperUploadRequest upload{*sitting, case_ref, paper_type, request.upload->file, now()};
  const office::PaperUploadResult result =
      office::record_uploaded_paper(site.workspace(), upload, field(request.form, "version"));
  if (result.not_a_document) {
    add_error(errors, "paper_file", "paper-file", *result.not_a_document);
    return refuse("not_a_document");
  }
  return answer_change(site, request, *sitting, case_ref, result.booking, "paper_upload",
                       "uploaded", "paper-file");
}

Reply sitting_chase_submit(ConsoleSite& site, RequestContext& request) {
  const auto sitting = sitting_in_address(request);
  if (!sitting) return not_found_page();
  const std::string case_ref = field(request.form, "case_ref");
  const std::string paper_type = field(request.form, "paper_type");
  const office::PaperChaserResult result =
      office::send_paper_chaser(site.workspace(), {*sitting, case_ref, paper_type, now()});
  store::append_audit(site.store, request.actor(),
                      {"paper_chased", "sitting", chaser_object(*sitting, case_ref, paper_type),
                       result.done() ? "ok" : "refused"});
  if (!result.done()) {
    std::string message = result.message;
    if (!message.empty()) message.front() = static_cast<char>(std::toupper(message.front()));
    nlohmann::json errors = nlohmann::json::object();
    const std::string button = "chase-" + plain_reference(case_ref) + "-" + paper_type;
    const bool in_grid = panel::is_paper_type(paper_type);
    add_error(errors, "chaser", in_grid ? button : "papers", message);
    errors["chase_refused"] = {
        {"case_ref", plain_reference(case_ref)}, {"paper_type", paper_type}, {"message", message}};
    return render_sitting(site, request, *sitting, std::move(errors),
                          HTTPResponse::HTTP_BAD_REQUEST);
  }
  return redirect_to(sitting_path(sitting->panel_id, sitting->date.iso()) + "?done=chased&case=" +
                     plain_reference(result.case_ref) + "&paper=" + paper_type + "#papers");
}

}  // namespace panelpack::console
