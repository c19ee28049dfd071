// The Mailbox page: the last intake run in words, "Check the mailbox now" (POST, then back to the
// page with what it did, or the error summary when the mailbox is down), and the unmatched papers
// as a table with a download and an assign form per row. The subjects may name children: each
// view is audited ("mailbox"), as each download and each assignment (paper_assigned) and check
// (mailbox_check).

#include "console/server/mailbox_pages.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "console/server/console_pages.hpp"
#include "console/server/sitting_address.hpp"
#include "console/server/sitting_words.hpp"
#include "mailer/mail_error.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/intake/intake.hpp"
#include "office/intake/intake_status.hpp"
#include "office/intake/office_mailbox.hpp"
#include "office/intake/unmatched.hpp"
#include "office/intake/unmatched_assign.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting/paper_chaser.hpp"
#include "panel/labels.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

constexpr const char* kTable = "unmatched-papers";

bool administrator(const RequestContext& request) {
  return request.session && request.session->account.role == store::Role::administrator;
}

std::string uppercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// An entry id as intake makes them ("20261205T101500Z-3f2a9c01"): letters, digits and hyphens,
// so it is safe in a path, an address and an HTML id. Anything else names no entry.
bool plain_id(const std::string& id) {
  return !id.empty() && id.size() <= 80 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-';
  });
}

std::string query_value(const RequestContext& request, const char* name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

std::string when_words(panel::UtcInstant instant) {
  return moment_words(panel::utc_to_local(instant));
}

std::string count_words(int count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// One booked case of a coming sitting, as the assign form offers it.
struct BookingChoice {
  std::string value;  // "permanence/2026-12-15/LCS900102"
  std::string text;   // "LCS900102 (AB) — Permanence panel, Tuesday 15 December 2026"
  std::string case_ref;
};

// The booked cases of every sitting from today on that is not cancelled, soonest first.
std::vector<BookingChoice> booking_choices(const office::Workspace& workspace,
                                           panel::CalendarDate today) {
  std::vector<std::string> problems;  // a broken bookings file is the Sitting page's to show
  std::vector<panel::BookedSitting> booked = workspace.load_all_bookings(problems);
  std::sort(booked.begin(), booked.end(), [](const auto& a, const auto& b) {
    return a.sitting.date < b.sitting.date ||
           (a.sitting.date == b.sitting.date && a.sitting.panel_id < b.sitting.panel_id);
  });
  std::vector<BookingChoice> choices;
  for (const panel::BookedSitting& sitting : booked) {
    if (sitting.sitting.cancelled || sitting.sitting.date < today) continue;
    const std::string panel_name = workspace.office().panel(sitting.sitting.panel_id).name;
    for (const panel::BookingItem& item : sitting.bookings.items) {
      std::string initials;
      try {
        initials = workspace.load_case(item.case_ref).summary.child_initials;
      } catch (const office::OfficeError&) {
        initials.clear();  // an unreadable case file: offered by its reference alone
      }
      choices.push_back(
          {sitting.sitting.panel_id + "/" + sitting.sitting.date.iso() + "/" + item.case_ref,
           item.case_ref + (initials.empty() ? "" : " (" + initials + ")") + " \xE2\x80\x94 " +
               panel_name + ", " + office::long_date(sitting.sitting.date),
           item.case_ref});
    }
  }
  return choices;
}

// What one row's form was sent with, to show it again beside its error.
struct RowChoice {
  std::string id;
  std::string booking;
  std::string paper_type;
  std::string booking_error;
  std::string paper_error;
};

nlohmann::json booking_options(const std::vector<BookingChoice>& choices,
                               const std::string& chosen) {
  nlohmann::json options = nlohmann::json::array();
  options.push_back({{"value", ""}, {"text", "Choose a booking"}});
  for (const BookingChoice& choice : choices) {
    nlohmann::json option = {{"value", choice.value}, {"text", choice.text}};
    if (choice.value == chosen) option["selected"] = true;
    options.push_back(std::move(option));
  }
  return options;
}

nlohmann::json paper_options(const std::string& chosen) {
  nlohmann::json options = nlohmann::json::array();
  options.push_back({{"value", ""}, {"text", "Choose the paper"}});
  for (const panel::PaperType& type : panel::kPaperTypes) {
    nlohmann::json option = {{"value", std::string(type.code)},
                             {"text", panel::paper_type_label(type.code)}};
    if (type.code == chosen) option["selected"] = true;
    options.push_back(std::move(option));
  }
  return options;
}

// The booking intake's guess points at: the soonest coming booking of the guessed case.
std::string guessed_booking(const std::vector<BookingChoice>& choices, const std::string& guess) {
  if (guess.empty()) return "";
  for (const BookingChoice& choice : choices) {
    if (uppercase(choice.case_ref) == uppercase(guess)) return choice.value;
  }
  return "";
}

nlohmann::json paper_row(const office::UnmatchedPaper& paper,
                         const std::vector<BookingChoice>& choices, const RowChoice* sent) {
  nlohmann::json row = {{"id", paper.id},
                        {"arrived", when_words(paper.arrived)},
                        {"from", paper.from_email},
                        {"subject", paper.subject},
                        {"filename", paper.filename},
                        {"file_href", "/mailbox/" + paper.id + "/file"},
                        {"reason", paper.reason},
                        {"assign_path", "/mailbox/" + paper.id + "/assign"}};
  const std::string booking =
      sent ? sent->booking : guessed_booking(choices, paper.guessed_case_ref);
  const std::string type = sent ? sent->paper_type : paper.guessed_paper_type;
  row["bookings"] = booking_options(choices, booking);
  row["papers"] = paper_options(type);
  if (sent && !sent->booking_error.empty()) row["booking_error"] = sent->booking_error;
  if (sent && !sent->paper_error.empty()) row["paper_error"] = sent->paper_error;
  return row;
}

// What the last run did or why it failed, and what to do about a failure.
nlohmann::json status_json(const std::optional<office::IntakeStatus>& status) {
  if (!status) return {{"never", true}};
  nlohmann::json json = {{"at", when_words(status->at)}};
  if (status->ok) {
    json["ok"] = true;
    json["did"] = count_words(status->messages, "message", "messages") +
                  " read: " + count_words(status->filed, "paper", "papers") +
                  " recorded on bookings, " + std::to_string(status->unmatched) +
                  " kept here to be placed, " + std::to_string(status->refused) +
                  " refused with a reply to the sender";
  } else {
    json["failed"] = true;
    json["error"] = status->error;
    json["what_to_do"] =
        status->error_code == "mailbox_login"
            ? "Check the mailbox's user name and password file (mail.intake in office.json), "
              "then check again."
            : "Check that the mail server is up and reachable from this computer, then check "
              "again. Nothing is lost: the messages stay in the mailbox until they are read.";
  }
  return json;
}

Reply mailbox_view(ConsoleSite& site, RequestContext& request, nlohmann::json data,
                   const RowChoice* sent = nullptr,
                   HTTPResponse::HTTPStatus code = HTTPResponse::HTTP_OK) {
  const office::Workspace workspace = site.workspace();
  const std::vector<office::UnmatchedPaper> papers = office::list_unmatched(workspace);
  const std::vector<BookingChoice> choices =
      booking_choices(workspace, panel::utc_to_local(site.store.now()).date);
  nlohmann::json rows = nlohmann::json::array();
  for (const office::UnmatchedPaper& paper : papers) {
    rows.push_back(paper_row(paper, choices, sent && sent->id == paper.id ? sent : nullptr));
  }
  data["rows"] = std::move(rows);
  data["no_rows"] = papers.empty();
  data["waiting_words"] = papers.size() == 1
                              ? std::string("1 paper waits to be placed")
                              : std::to_string(papers.size()) + " papers wait to be placed";
  data["no_bookings"] = choices.empty();
  const auto& mail = workspace.office().mail;
  data["reads_mailbox"] = mail && mail->intake;
  if (mail && mail->intake) data["mailbox"] = mail->intake->username + "@" + mail->intake->host;
  data["status"] = status_json(office::read_intake_status(workspace));
  if (administrator(request)) data["administrator"] = true;
  request.viewed_object_id = "mailbox";
  return show("mailbox", "Mailbox", std::move(data), code);
}

// The booking a form's value names, "PANEL/DATE/CASEREF"; nothing when it does not read.
struct ChosenBooking {
  office::SittingId sitting;
  std::string case_ref;
};

std::optional<ChosenBooking> chosen_booking(const std::string& value) {
  const std::size_t first = value.find('/');
  const std::size_t second = first == std::string::npos ? first : value.find('/', first + 1);
  if (second == std::string::npos) return std::nullopt;
  try {
    return ChosenBooking{{value.substr(0, first),
                          panel::CalendarDate::parse(value.substr(first + 1, second - first - 1))},
                         value.substr(second + 1)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string media_type_of(const std::string& name) {
  if (name.ends_with(".pdf")) return "application/pdf";
  if (name.ends_with(".docx")) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (name.ends_with(".odt")) return "application/vnd.oasis.opendocument.text";
  return "application/octet-stream";
}

// The sender's file name, kept to what a Content-Disposition header carries plainly.
std::string download_name(const office::UnmatchedPaper& paper) {
  std::string name;
  for (const char c : paper.filename) {
    const unsigned char u = static_cast<unsigned char>(c);
    name += (std::isalnum(u) != 0 || c == '.' || c == '-' || c == '_' || c == ' ') ? c : '_';
  }
  return name.empty() ? paper.stored_file : name;
}

}  // namespace

std::size_t mailbox_waiting_in(const std::filesystem::path& office_root) {
  std::size_t count = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it(office_root / "intake" / "unmatched", error), end;
       !error && it != end; it.increment(error)) {
    // Dot-folders are entries being written (made beside, then renamed into place).
    if (it->is_directory(error) && !it->path().filename().string().starts_with('.')) ++count;
  }
  return count;
}

Reply mailbox_page(ConsoleSite& site, RequestContext& request) {
  nlohmann::json data = nlohmann::json::object();
  const std::string assigned = query_value(request, "assigned_case");
  const std::string paper = query_value(request, "assigned_paper");
  if (!assigned.empty() && panel::is_paper_type(paper)) {
    std::string words = office::paper_words(paper) + " is recorded on " +
                        plain_reference(assigned) +
                        (query_value(request, "late") == "1" ? " (late)" : " (on time)");
    if (query_value(request, "replied") == "1") words += "; the sender is told";
    words.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(words.front())));
    data["success"] = words;
  }
  if (query_value(request, "checked") == "1") {
    data["checked"] = true;
    data["success"] = "The mailbox was read: see what it did below";
  }
  return mailbox_view(site, request, std::move(data));
}

Reply mailbox_file_download(ConsoleSite& site, RequestContext& request) {
  const std::string& id = request.parameter("id");
  const office::Workspace workspace = site.workspace();
  const auto paper = plain_id(id) ? office::find_unmatched(workspace, id) : std::nullopt;
  if (!paper) {
    store::append_audit(site.store, request.actor(),
                        {"download", "mailbox", plain_reference(id), "not_found"});
    return not_found_page();
  }
  // It is a child's paper: every download is in the audit, by the entry's id.
  store::append_audit(site.store, request.actor(), {"download", "mailbox", id, "ok"});
  return send_file({office::unmatched_file(workspace, *paper), "",
                    media_type_of(paper->stored_file), download_name(*paper)});
}

Reply mailbox_assign_submit(ConsoleSite& site, RequestContext& request) {
  const std::string& id = request.parameter("id");
  if (!plain_id(id)) return not_found_page();
  RowChoice sent{id, field(request.form, "booking"), field(request.form, "paper_type"), "", ""};
  nlohmann::json data = nlohmann::json::object();
  const auto booking = chosen_booking(sent.booking);
  if (!booking) {
    sent.booking_error = "Choose the booking the paper belongs to";
    add_error(data, "booking", "booking-" + id, sent.booking_error);
  }
  if (!panel::is_paper_type(sent.paper_type)) {
    sent.paper_error = "Choose which paper it is";
    add_error(data, "paper", "paper-" + id, sent.paper_error);
  }
  const auto audit = [&](const std::string& outcome, const std::string& detail) {
    store::append_audit(site.store, request.actor(),
                        {"paper_assigned", "mailbox", id, outcome, detail});
  };
  if (data.contains("has_errors")) {
    audit("refused", "");
    return mailbox_view(site, request, std::move(data), &sent, HTTPResponse::HTTP_BAD_REQUEST);
  }

  const office::Workspace workspace = site.workspace();
  mailer::Outbox outbox = [&] {
    try {
      return mailer::Outbox(office::outbox_path(workspace));
    } catch (const mailer::MailError& error) {
      throw office::OfficeError(office::OfficeError::Code::machine_failure,
                                office::outbox_path(workspace).string() + ": " + error.what());
    }
  }();
  const std::string actor = request.session ? request.session->account.user_name : "-";
  const office::AssignResult result = office::assign_unmatched(
      workspace, outbox,
      {id, booking->sitting, booking->case_ref, sent.paper_type, actor, site.store.now()});
  const std::string detail = plain_reference(booking->case_ref) + " " + sent.paper_type;
  if (!result.done()) {
    std::string message = *result.refused;
    if (!message.empty()) message.front() = static_cast<char>(std::toupper(message.front()));
    // A paper someone else placed has no row left: the summary points at the table.
    if (!office::find_unmatched(workspace, id)) {
      audit("assigned_already", detail);
      add_error(data, "assign", kTable, message);
      return mailbox_view(site, request, std::move(data), nullptr, HTTPResponse::HTTP_CONFLICT);
    }
    audit("refused", detail);
    sent.booking_error = message;
    add_error(data, "booking", "booking-" + id, message);
    return mailbox_view(site, request, std::move(data), &sent, HTTPResponse::HTTP_CONFLICT);
  }
  audit("ok", detail);
  return redirect_to("/mailbox?assigned_case=" + plain_reference(booking->case_ref) +
                     "&assigned_paper=" + sent.paper_type + "&late=" + (result.late ? "1" : "0") +
                     "&replied=" + (result.reply_queued ? "1" : "0") + "#" + kTable);
}

Reply mailbox_check_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  nlohmann::json data = nlohmann::json::object();
  try {
    const office::IntakeResult result =
        office::run_office_intake_or_mail_error(workspace, {site.store.now(), 200});
    store::append_audit(
        site.store, request.actor(),
        {"mailbox_check", "mailbox", "intake", "ok",
         count_words(result.messages, "message", "messages") + ", " + std::to_string(result.filed) +
             " filed, " + std::to_string(result.unmatched) + " unmatched"});
    return redirect_to("/mailbox?checked=1");
  } catch (const mailer::MailError& error) {
    store::append_audit(site.store, request.actor(),
                        {"mailbox_check", "mailbox", "intake", "failed"});
    // Not a page error: the mailbox being down is news for this page, in its error summary,
    // in the server's words (the office's own message says "nothing was lost" a second time).
    add_error(data, "check", "check-now",
              "The mailbox could not be read: " + std::string(error.what()) +
                  ". Nothing is lost: the messages stay in the mailbox until they are read");
    return mailbox_view(site, request, std::move(data), nullptr,
                        HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
  } catch (const office::OfficeError& error) {
    store::append_audit(site.store, request.actor(),
                        {"mailbox_check", "mailbox", "intake", "failed"});
    add_error(data, "check", "check-now",
              "The mailbox could not be read: " + std::string(error.what()));
    return mailbox_view(site, request, std::move(data), nullptr,
                        error.code() == office::OfficeError::Code::bad_input
                            ? HTTPResponse::HTTP_BAD_REQUEST
                            : HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
  }
}

}  // namespace panelpack::console
