// The Decision records page of a sitting: read from office/views/records_view.hpp, sent through
// office/records/records_out.hpp on the pack builds' background jobs (key "PANEL/DATE/records"),
// each download and change audited by ids only.

#include "console/server/records_out_pages.hpp"

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "console/server/console_pages.hpp"
#include "console/server/pack_page_parts.hpp"
#include "console/server/sitting_words.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/error.hpp"
#include "office/mail/mail_content.hpp"
#include "office/records/records_out.hpp"
#include "office/views/records_view.hpp"

namespace panelpack::console {

namespace {

namespace store = office::console;
using office::RecordState;
using Poco::Net::HTTPResponse;

std::string job_key(const PackSitting& sitting) {
  return sitting.id() + "/records";
}

std::string capitalised(std::string text) {
  if (!text.empty()) text.front() = static_cast<char>(std::toupper(text.front()));
  return text;
}

// GOV.UK tag colours: grey waiting for the chair, blue ready to send, yellow with the worker,
// green done; a late record's red tag stands beside it.
std::string tag_class(RecordState state) {
  switch (state) {
    case RecordState::not_started:
    case RecordState::draft:
      return "govuk-tag--grey";
    case RecordState::agreed:
      return "govuk-tag--blue";
    case RecordState::sent:
      return "govuk-tag--yellow";
    case RecordState::on_file:
      return "govuk-tag--green";
  }
  return "";
}

std::string people_words(const std::vector<panel::Person>& people) {
  std::string text;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i > 0) text += i + 1 == people.size() ? " and " : ", ";
    text += people[i].name;
    if (!people[i].role.empty()) text += " (" + people[i].role + ")";
  }
  return text;
}

std::string status_words(const PackJobStatus& status) {
  switch (status.state) {
    case PackJobState::running:
      if (status.progress.stage.empty()) return "Starting to make the records.";
      return "Making and sending the records: " + std::to_string(status.progress.done) + " of " +
             std::to_string(status.progress.total) + " done.";
    case PackJobState::done:
      return status.message;
    case PackJobState::busy:
    case PackJobState::failed:
      return "The records were not sent: " + status.message;
  }
  return "";
}

JobProgress records_progress(const PackSitting& sitting) {
  return {job_key(sitting),
          "records_out_progress",
          "Sending the decision records for " + office::long_date(sitting.date),
          sitting.path() + "/records/progress",
          status_words,
          "No records were sent for this sitting since the console started."};
}

// The sitting's records as the page shows them; `errors` from a form sent back.
Reply render_records(ConsoleSite& site, RequestContext& request, const PackSitting& sitting,
                     nlohmann::json data, HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  const office::Workspace workspace = site.workspace();
  const office::RecordsView view =
      office::records_view(workspace, sitting.panel_id, sitting.date, store::system_now());
  const bool administrator = request.session->account.role == store::Role::administrator;
  data["panel_name"] = workspace.office().panel(sitting.panel_id).name;
  data["date_words"] = office::long_date(sitting.date);
  data["sitting_path"] = sitting.path();
  data["records_path"] = sitting.path() + "/records";
  data["due_words"] = "Due on the child's file by " + office::long_date(view.due.date);
  data["due_time"] = view.due.time.text();
  if (view.due_passed) data["due_passed"] = true;
  data["version"] = view.version;
  nlohmann::json rows = nlohmann::json::array();
  std::size_t agreed = 0;
  for (const office::RecordLine& line : view.lines) {
    nlohmann::json row = {{"case_ref", line.case_ref},
                          {"child_id", line.child_id},
                          {"initials", line.initials},
                          {"state", office::record_state_words(line.state)},
                          {"state_code", office::record_state_code(line.state)},
                          {"tag", tag_class(line.state)}};
    if (line.late) row["late"] = true;
    if (line.files) {
      const std::string base = sitting.path() + "/records/" + line.case_ref;
      row["docx_name"] = line.files->file;
      row["docx_href"] = base + "/docx";
      if (line.files->pdf) {
        row["pdf_name"] = *line.files->pdf;
        row["pdf_href"] = base + "/pdf";
      }
    }
    if (line.sent_at) {
      row["sent_words"] =
          "Sent " + moment_words(*line.sent_at) + " to " + people_words(line.sent_to);
    }
    if (line.recorded_date) {
      row["on_file_words"] = "On the child's file from " + office::long_date(*line.recorded_date);
      if (!line.on_file_reference.empty()) row["on_file_reference"] = line.on_file_reference;
    }
    if (administrator && line.state == RecordState::sent) row["may_mark"] = true;
    if (line.state == RecordState::agreed) ++agreed;
    const auto refused = data.find("refused_case");
    if (refused != data.end() && *refused == line.case_ref) {
      row["reference_error"] = data.value("refused_message", "");
      row["reference_value"] = data.value("refused_value", "");
    }
    rows.push_back(std::move(row));
  }
  data["rows"] = std::move(rows);
  data["no_cases"] = view.lines.empty();
  if (administrator) {
    data["is_administrator"] = true;
    data["agreed_count"] = agreed;
    if (agreed > 0) data["may_send"] = true;
  }
  request.viewed_object_id = sitting.id();
  return show("records_out", "Decision records for " + office::long_date(sitting.date),
              std::move(data), status);
}

void add_done_banner(nlohmann::json& data, const RequestContext& request) {
  const auto done = request.query.find("done");
  const auto found = request.query.find("case");
  if (done == request.query.end() || found == request.query.end()) return;
  std::string case_ref;
  for (const char c : found->second) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') case_ref += c;
  }
  if (done->second == "on-file") {
    data["done_message"] = "The record of " + case_ref + " is marked as on the child's file.";
  }
}

Reply download(ConsoleSite& site, RequestContext& request, bool pdf) {
  const office::Workspace workspace = site.workspace();
  const auto sitting = pack_sitting_of(workspace, request);
  if (!sitting) return not_found_page();
  const std::string case_ref = request.parameter("case");
  for (const office::RecordFile& file :
       office::recorded_files(workspace, sitting->panel_id, sitting->date)) {
    if (file.case_ref != case_ref) continue;
    const std::optional<std::string> name = pdf ? file.pdf : std::optional<std::string>(file.file);
    if (!name) break;
    const auto path = workspace.records_path(sitting->panel_id, sitting->date) / *name;
    std::error_code missing;
    if (!std::filesystem::is_regular_file(path, missing)) break;
    store::append_audit(
        site.store, request.actor(),
        {"download", "record", sitting->id() + " " + case_ref + (pdf ? " pdf" : " document")});
    const bool odt = path.extension() == ".odt";
    return send_file({path, "",
                      pdf   ? "application/pdf"
                      : odt ? "application/vnd.oasis.opendocument.text"
                            : "application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document",
                      *name});
  }
  return not_found_page();
}

}  // namespace

Reply records_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto sitting = pack_sitting_of(workspace, request);
  if (!sitting) return not_found_page();
  nlohmann::json data = nlohmann::json::object();
  add_done_banner(data, request);
  return render_records(site, request, *sitting, std::move(data));
}

Reply records_send_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  const PackSitting sitting = *name;
  const office::Workspace for_job = workspace;
  const store::Actor actor = request.actor();
  store::ConsoleStore* audit = &site.store;
  // LibreOffice makes each PDF (seconds each): the records go on a background job, with the
  // pack's progress page. A second click while it runs starts nothing.
  const bool started = site.pack_jobs.start(
      job_key(sitting), request.session->account.user_name,
      [for_job, sitting, actor, audit](office::ProgressSink& progress) -> PackJobEnd {
        office::SendRecordsRequest send{sitting.panel_id, sitting.date, std::nullopt,
                                        store::system_now()};
        send.progress = &progress;
        const office::SendRecordsResult result = office::send_agreed_records(for_job, send);
        for (const office::RecordSent& sent : result.sent) {
          const std::string object = sitting.id() + " " + sent.case_ref;
          store::append_audit(*audit, actor, {"record_made", "record", object, "ok"});
          store::append_audit(*audit, actor, {"record_sent", "record", object, "ok"});
        }
        return {result.sent.empty() && !result.not_sent.empty() ? PackJobState::failed
                                                                : PackJobState::done,
                capitalised(result.message)};
      });
  if (!started) {
    store::append_audit(site.store, request.actor(),
                        {"record_sent", "record", sitting.id(), "already_running"});
  }
  return redirect_to(sitting.path() + "/records/progress");
}

Reply records_progress_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto sitting = pack_sitting_of(workspace, request);
  if (!sitting) return not_found_page();
  return job_progress_page(site, workspace, *sitting, records_progress(*sitting));
}

Reply records_progress_json(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto sitting = pack_sitting_of(workspace, request);
  if (!sitting) return not_found_page();
  return job_progress_json(site, records_progress(*sitting));
}

Reply records_on_file_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto sitting = pack_sitting_of(workspace, request);
  if (!sitting) return not_found_page();
  const std::string case_ref = request.parameter("case");
  const std::string reference = field(request.form, "reference");
  const std::string object = sitting->id() + " " + case_ref;
  nlohmann::json errors = nlohmann::json::object();
  const auto refuse = [&](const std::string& outcome, const std::string& message) {
    store::append_audit(site.store, request.actor(), {"record_on_file", "record", object, outcome});
    add_error(errors, "on_file", "reference-" + case_ref, message);
    errors["refused_case"] = case_ref;
    errors["refused_message"] = message;
    errors["refused_value"] = reference;
    return render_records(site, request, *sitting, std::move(errors),
                          HTTPResponse::HTTP_BAD_REQUEST);
  };
  if (reference.size() > 100) {
    return refuse("refused", "The case system reference must be 100 characters or fewer");
  }
  const office::OnFileResult result =
      office::mark_on_file(workspace, {sitting->panel_id, sitting->date, case_ref, reference,
                                       store::system_now(), field(request.form, "version")});
  if (result.stale) return refuse("stale", capitalised(result.message));
  if (result.refused) return refuse("refused", capitalised(result.message));
  store::append_audit(site.store, request.actor(), {"record_on_file", "record", object, "ok"});
  return redirect_to(sitting->path() + "/records?done=on-file&case=" + case_ref + "#records");
}

Reply records_download_docx(ConsoleSite& site, RequestContext& request) {
  return download(site, request, false);
}

Reply records_download_pdf(ConsoleSite& site, RequestContext& request) {
  return download(site, request, true);
}

}  // namespace panelpack::console
