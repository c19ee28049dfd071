#include "console/server/pack_page_parts.hpp"

#include "console/server/console_pages.hpp"
#include "console/server/sitting_address.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/mail/mail_content.hpp"

namespace panelpack::console {

std::optional<PackSitting> pack_sitting_of(const office::Workspace& workspace,
                                           const RequestContext& request) {
  const auto sitting = known_sitting_in_address(workspace, request);
  if (!sitting) return std::nullopt;
  return PackSitting{sitting->panel_id, sitting->date};
}

Reply refuse_other_panel(ConsoleSite& site, const RequestContext& request) {
  office::console::append_audit(site.store, request.actor(),
                                {"page_refused", "page", request.path, "panel"});
  return forbidden_page("You cannot see this page",
                        "This page belongs to a panel you are not a member of. Ask the panel "
                        "office if you should be.");
}

bool circulated_to_members(const office::PackView& view) {
  if (view.circulated) return true;
  for (const auto& line : view.circulation) {
    if (line.status == office::MailStatus::delivered) return true;
  }
  return false;
}

std::string job_state_name(PackJobState state) {
  switch (state) {
    case PackJobState::running:
      return "running";
    case PackJobState::done:
      return "done";
    case PackJobState::busy:
      return "busy";
    case PackJobState::failed:
      return "failed";
  }
  return "running";
}

nlohmann::json progress_page_data(const office::Workspace& workspace, const PackSitting& sitting,
                                  const std::string& progress_path) {
  return {{"date_words", office::long_date(sitting.date)},
          {"panel_name", workspace.office().panel(sitting.panel_id).name},
          {"pack_path", sitting.path() + "/pack"},
          {"progress_path", progress_path}};
}

void add_job_progress(nlohmann::json& data, const std::optional<PackJobStatus>& job,
                      const std::string& words, const std::string& none_words) {
  if (!job) {
    data["words"] = none_words;
    data["ended"] = true;
    return;
  }
  data["words"] = words;
  data["state"] = job_state_name(job->state);
  if (job->state == PackJobState::running) {
    data["running"] = true;
  } else {
    data["ended"] = true;
    data[job_state_name(job->state)] = true;
  }
}

Reply job_progress_page(ConsoleSite& site, const office::Workspace& workspace,
                        const PackSitting& sitting, const JobProgress& job) {
  nlohmann::json data = progress_page_data(workspace, sitting, job.path);
  data["records_path"] = sitting.path() + "/records";
  const auto status = site.pack_jobs.status(job.key);
  add_job_progress(data, status, status ? job.words(*status) : "", job.none_words);
  return show(job.page, job.title, std::move(data));
}

Reply job_progress_json(ConsoleSite& site, const JobProgress& job) {
  nlohmann::json data = {{"state", "none"}, {"words", job.none_words}};
  if (const auto status = site.pack_jobs.status(job.key)) {
    data = {{"state", job_state_name(status->state)}, {"words", job.words(*status)}};
  }
  // A small JSON for the page's script; sent as a no-store download, which fetch reads alike.
  return send_file({"", data.dump(), "application/json", "progress.json"});
}

}  // namespace panelpack::console
