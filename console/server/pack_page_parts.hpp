#pragma once
// What the Pack page and its addendum share: the sitting their address names, the refusal of
// another panel's member, whether the members have the pack, and a background job's progress.

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "console/server/console_site.hpp"
#include "console/server/pack_jobs.hpp"
#include "console/server/request_context.hpp"
#include "office/views/pack_view.hpp"
#include "office/workspace.hpp"

namespace panelpack::console {

// The sitting a pack path names, checked: a panel of office.json and a real date.
struct PackSitting {
  std::string panel_id;
  panel::CalendarDate date;
  std::string id() const { return panel_id + "/" + date.iso(); }  // the audit's and jobs' key
  std::string path() const { return "/sittings/" + id(); }
};

std::optional<PackSitting> pack_sitting_of(const office::Workspace& workspace,
                                           const RequestContext& request);

// A member asking for another panel's sitting: 403, audited as the pipeline audits a role.
Reply refuse_other_panel(ConsoleSite& site, const RequestContext& request);

// Members may download a pack of their panel once it was circulated (the notices record says
// the members got it, or a circulation email was delivered): circulation is not recorded per
// console account, as the accounts need no email address.
bool circulated_to_members(const office::PackView& view);

// "running", "done", "busy", "failed": the progress JSON's state and the page's flag.
std::string job_state_name(PackJobState state);

// A progress page's first values: the sitting in words, the Pack page's path and the path the
// page's script polls (`progress_path` + ".json").
nlohmann::json progress_page_data(const office::Workspace& workspace, const PackSitting& sitting,
                                  const std::string& progress_path);

// A progress page's values for `job`: `words` and its state, or `none_words` when no job ran
// since the console started.
void add_job_progress(nlohmann::json& data, const std::optional<PackJobStatus>& job,
                      const std::string& words, const std::string& none_words);

// A background job's progress page and the JSON its script polls, for every job of the pack
// builds' registry (the pack, the addendum, the decision records).
struct JobProgress {
  std::string key;    // the job's key in site.pack_jobs ("permanence/2026-12-15/records")
  std::string page;   // the page's template
  std::string title;  // the page's title
  std::string path;   // the page's own address; its script polls path + ".json"
  std::function<std::string(const PackJobStatus&)> words;  // how far it got, or how it ended
  std::string none_words;  // when no such job ran since the console started
};
Reply job_progress_page(ConsoleSite& site, const office::Workspace& workspace,
                        const PackSitting& sitting, const JobProgress& job);
Reply job_progress_json(ConsoleSite& site, const JobProgress& job);

}  // namespace panelpack::console
