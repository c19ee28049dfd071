// The Pack page of a sitting, its build on a background job with a progress page (and a JSON
// the page's script polls), the zip and PDF downloads, and the Your panels page.

#include "console/server/pack_pages.hpp"

#include <cctype>
#include <optional>
#include <string>

#include "console/server/access.hpp"
#include "console/server/console_pages.hpp"
#include "console/server/pack_addendum_pages.hpp"
#include "console/server/pack_page_parts.hpp"
#include "office/calendar.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/mail/mail_content.hpp"
#include "office/pack/pack_request.hpp"
#include "office/views/pack_view.hpp"

namespace panelpack::console {

namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

// "Saturday 5 December 2026 at 14:05" from a London ISO 8601 time.
std::string time_words(const std::string& iso) {
  if (iso.size() < 16) return iso;
  try {
    return office::long_date(panel::CalendarDate::parse(iso.substr(0, 10))) + " at " +
           iso.substr(11, 5);
  } catch (const std::exception&) {
    return iso;
  }
}

std::string time_words(const panel::LondonTime& time) {
  return office::long_date(time.date) + " at " + time.time.text();
}

bool is_member(const RequestContext& request) {
  return request.session->account.role == store::Role::member;
}

std::string status_words(const PackJobStatus& status) {
  switch (status.state) {
    case PackJobState::running: {
      if (status.progress.stage.empty()) return "Starting to build the pack.";
      std::string words = "Building the pack: " + status.progress.stage;
      if (status.progress.total > 0) {
        words += ", " + std::to_string(status.progress.done) + " of " +
                 std::to_string(status.progress.total) + " done";
      }
      return words + ".";
    }
    case PackJobState::done:
      return "The pack is built.";
    case PackJobState::busy:
      return "The pack was not built: " + status.message;
    case PackJobState::failed:
      return "The pack could not be built: " + status.message;
  }
  return "";
}

nlohmann::json view_json(const office::PackView& view, bool administrator, bool member) {
  nlohmann::json data;
  data["exists"] = view.exists;
  if (!view.exists) return data;
  data["built_at"] = time_words(view.built_at);
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& line : view.documents) {
    documents.push_back({{"file", line.file},
                         {"item", line.item == 0 ? "-" : std::to_string(line.item)},
                         {"case_ref", line.case_ref.empty() ? "-" : line.case_ref},
                         {"paper", line.paper_words},
                         {"source", line.source == "agenda"   ? "made from the bookings"
                                    : line.source == "filled" ? "filled from the case file"
                                                              : "submitted by the team"}});
  }
  data["documents"] = documents;
  data["document_count"] = view.documents.size();
  nlohmann::json missing = nlohmann::json::array();
  for (const auto& line : view.missing) {
    missing.push_back(
        {{"item", line.item}, {"case_ref", line.case_ref}, {"paper", line.paper_words}});
  }
  if (!missing.empty()) {
    data["missing"] = missing;
    data["has_missing"] = true;
  }
  data["zip_file"] = view.zip_file;
  if (view.zip_encrypted) data["zip_encrypted"] = true;
  if (view.pdf_file) data["pdf_file"] = *view.pdf_file;
  if (view.out_of_date) {
    data["out_of_date"] = true;
    data["changed"] = view.changed;
  }
  if (!view.check_problem.empty()) data["check_problem"] = view.check_problem;
  const bool may_download = !member || circulated_to_members(view);
  if (may_download) data["may_download"] = true;
  if (administrator) data["may_build"] = true;
  return data;
}

nlohmann::json circulation_json(const office::PackView& view) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& line : view.circulation) {
    rows.push_back({{"recipient", line.recipient},
                    {"status", line.status_words},
                    {"when", line.sent_at ? time_words(*line.sent_at)
                                          : "queued " + time_words(line.queued_at)}});
  }
  nlohmann::json data = {{"circulated", circulated_to_members(view)}, {"circulation", rows}};
  if (!rows.empty()) data["has_circulation"] = true;
  if (view.addenda > 0) data["addenda"] = view.addenda;
  return data;
}

office::PackRequest build_request(const PackSitting& name) {
  office::PackRequest request;
  request.panel_id = name.panel_id;
  request.date = name.date;
  request.now = store::system_now();
  return request;
}

Reply download(ConsoleSite& site, RequestContext& request, bool pdf) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  if (!may_read_panel(*request.session, name->panel_id)) return refuse_other_panel(site, request);
  const office::PackView view =
      pack_view(workspace, name->panel_id, name->date, store::system_now());
  const std::string kind = pdf ? "pdf" : "zip";
  if (is_member(request) && !circulated_to_members(view)) {
    store::append_audit(site.store, request.actor(),
                        {"download", "pack", name->id() + "/" + kind, "refused"});
    return forbidden_page("This pack was not circulated yet",
                          "You can download the pack once the panel office has circulated it.");
  }
  const std::optional<std::string> file = pdf ? view.pdf_file : std::optional(view.zip_file);
  if (!view.exists || !file) return not_found_page();
  store::append_audit(site.store, request.actor(), {"download", "pack", name->id() + "/" + kind});
  return send_file({workspace.pack_path(name->panel_id, name->date) / *file, "",
                    pdf ? "application/pdf" : "application/zip", *file});
}

}  // namespace

Reply pack_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  if (!may_read_panel(*request.session, name->panel_id)) return refuse_other_panel(site, request);
  const auto now = store::system_now();
  const office::PackView view = pack_view(workspace, name->panel_id, name->date, now);
  const bool administrator = request.session->account.role == store::Role::administrator;
  nlohmann::json data = view_json(view, administrator, is_member(request));
  data.update(circulation_json(view));
  data.update(addendum_json(view, name->path(), administrator,
                            !is_member(request) || circulated_to_members(view)));
  data["panel_name"] = workspace.office().panel(name->panel_id).name;
  data["date_words"] = office::long_date(name->date);
  data["sitting_path"] = name->path();
  if (administrator) data["may_build"] = true;
  // Only an administrator may follow a build's progress.
  if (const auto job = site.pack_jobs.status(name->id());
      administrator && job && job->state == PackJobState::running) {
    data["building"] = true;
  }
  request.viewed_object_id = name->id();
  return show("pack_page", "Pack for " + office::long_date(name->date), std::move(data));
}

Reply pack_build_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  const office::Workspace for_job = workspace;
  const PackSitting sitting = *name;
  const bool started = site.pack_jobs.start(
      sitting.id(), request.session->account.user_name,
      [for_job, sitting](office::ProgressSink& progress) -> PackJobEnd {
        office::PackRequest pack = build_request(sitting);
        pack.progress = &progress;
        const office::PackOutcome outcome = office::pack_sitting(for_job, pack);
        if (outcome.busy()) {
          return {PackJobState::busy,
                  "another run (the panelpack command, or tick) is building this sitting's pack "
                  "now. Try again when it has finished"};
        }
        return {PackJobState::done,
                std::to_string(outcome.packed->documents.size()) + " documents packed"};
      });
  store::append_audit(
      site.store, request.actor(),
      {"pack_build", "pack", sitting.id(), started ? "started" : "already_running"});
  return redirect_to(sitting.path() + "/pack/progress");
}

Reply pack_progress_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  nlohmann::json data = progress_page_data(workspace, *name, name->path() + "/pack/progress");
  const auto job = site.pack_jobs.status(name->id());
  add_job_progress(data, job, job ? status_words(*job) : "",
                   "No build of this pack was started since the console started.");
  return show("pack_progress", "Building the pack for " + office::long_date(name->date),
              std::move(data));
}

Reply pack_progress_json(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  nlohmann::json data = {{"state", "none"}, {"words", "No build was started."}};
  if (const auto job = site.pack_jobs.status(name->id())) {
    data = {{"state", job_state_name(job->state)},
            {"words", status_words(*job)},
            {"stage", job->progress.stage},
            {"done", job->progress.done},
            {"total", job->progress.total}};
  }
  // A small JSON for the page's script; sent as a no-store download, which fetch reads alike.
  return send_file({"", data.dump(), "application/json", "progress.json"});
}

Reply pack_download_zip(ConsoleSite& site, RequestContext& request) {
  return download(site, request, false);
}

Reply pack_download_pdf(ConsoleSite& site, RequestContext& request) {
  return download(site, request, true);
}

Reply panels_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto now = store::system_now();
  const panel::CalendarDate today = panel::utc_to_local(now).date;
  nlohmann::json panels = nlohmann::json::array();
  for (const auto& panel : workspace.office().panels) {
    if (!may_read_panel(*request.session, panel.id)) continue;
    nlohmann::json sittings = nlohmann::json::array();
    const auto calendar = office::list_sittings(workspace, today, today.plus_days(62), panel.id);
    for (const auto& entry : calendar.sittings) {
      if (entry.sitting.cancelled) continue;
      const std::string path = "/sittings/" + panel.id + "/" + entry.sitting.date.iso();
      sittings.push_back({{"date_words", office::long_date(entry.sitting.date)},
                          {"start", entry.sitting.start_time.text()},
                          {"booked", entry.booked},
                          {"sitting_path", path},
                          {"pack_path", path + "/pack"}});
    }
    nlohmann::json row = {{"id", panel.id}, {"name", panel.name}, {"sittings", sittings}};
    if (sittings.empty()) row["no_sittings"] = true;
    panels.push_back(std::move(row));
  }
  nlohmann::json data = {{"panels", panels}};
  if (panels.empty()) data["no_panels"] = true;
  if (is_member(request)) data["member"] = true;
  return show("pack_panels", is_member(request) ? "Your panels" : "Panels", std::move(data));
}

}  // namespace panelpack::console
