// The addendum of a sitting's pack: sent on a background job (the pack builds' registry, under
// the key "PANEL/DATE/addendum"), its progress page and JSON, and each addendum's zip.

#include "console/server/pack_addendum_pages.hpp"

#include <optional>
#include <string>

#include "console/server/access.hpp"
#include "console/server/console_pages.hpp"
#include "console/server/pack_page_parts.hpp"
#include "console/server/sitting_words.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/error.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/pack/pack_manifest.hpp"
#include "office/sitting/agenda_addendum.hpp"
#include "office/tick/sitting_addendum.hpp"

namespace panelpack::console {

namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

// "Friday 11 December 2026 at 15:00": when an email went, or was queued when it has not yet.
std::string when_words(const office::OutboxLine& line) {
  return line.sent_at ? moment_words(*line.sent_at)
                      : "queued " + moment_words(line.queued_at) + ", not sent yet";
}

// When the members got the pack: the first circulation email sent, else the first queued.
std::string circulated_on(const office::PackView& view) {
  std::optional<panel::LondonTime> first;
  for (const auto& line : view.circulation) {
    const panel::LondonTime at = line.sent_at.value_or(line.queued_at);
    if (!first || at.iso8601() < first->iso8601()) first = at;
  }
  return first ? moment_words(*first) : "";
}

std::string status_words(const PackJobStatus& status) {
  switch (status.state) {
    case PackJobState::running:
      return status.progress.stage.empty() ? "Starting to send the addendum."
                                           : "Sending the addendum: " + status.progress.stage + ".";
    case PackJobState::done:
      return status.message;
    case PackJobState::busy:
    case PackJobState::failed:
      return "The addendum was not sent: " + status.message;
  }
  return "";
}

std::string people_words(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " person" : " people");
}

// Members may download what was circulated to them: the addenda too, once the pack went.
bool may_download(const RequestContext& request, const office::PackView& view) {
  return request.session->account.role != store::Role::member || circulated_to_members(view);
}

}  // namespace

nlohmann::json addendum_json(const office::PackView& view, const std::string& sitting_path,
                             bool administrator, bool may_download) {
  nlohmann::json data = nlohmann::json::object();
  if (view.addendum_due) {
    data["addendum_due"] = true;
    data["addendum_number"] = view.addendum_number;
    data["agenda_changes"] = view.agenda_changes;
    const std::string when = circulated_on(view);
    data["circulated_on"] = when.empty() ? "an earlier day" : when;
    if (administrator) data["may_send_addendum"] = true;
  }
  nlohmann::json mail = nlohmann::json::array();
  for (const auto& line : view.addendum_mail) {
    mail.push_back({{"number", line.number},
                    {"recipient", line.mail.recipient},
                    {"status", line.mail.status_words},
                    {"when", when_words(line.mail)}});
  }
  if (!mail.empty()) {
    data["addendum_mail"] = mail;
    data["has_addendum_mail"] = true;
  }
  nlohmann::json zips = nlohmann::json::array();
  for (const auto& [number, file] : view.addendum_zips) {
    zips.push_back({{"number", number},
                    {"file", file},
                    {"href", sitting_path + "/pack/addendum/" + std::to_string(number) + "/zip"}});
  }
  if (!zips.empty() && may_download) {
    data["addendum_zips"] = zips;
    data["has_addendum_zips"] = true;
  }
  return data;
}

Reply pack_addendum_submit(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  const office::Workspace for_job = workspace;
  const PackSitting sitting = *name;
  // The addendum's agenda is built (a PDF with LibreOffice, when the panel sends one): seconds,
  // so it runs on the pack builds' background jobs, with the same progress page.
  const bool started = site.pack_jobs.start(
      sitting.id() + "/addendum", request.session->account.user_name,
      [for_job, sitting](office::ProgressSink& progress) -> PackJobEnd {
        const office::AddendumOutcome outcome = office::send_addendum(
            for_job, {sitting.panel_id, sitting.date, store::system_now(), &progress});
        if (outcome.busy()) {
          return {PackJobState::busy,
                  "panelpack tick, or another run, is working on this sitting's mail now. Try "
                  "again in a minute"};
        }
        const office::AddendumSent& sent = *outcome.sent;
        std::string words = "Addendum " + std::to_string(sent.number) + " is queued to " +
                            people_words(sent.emails.size()) +
                            ": the next run of panelpack tick sends it.";
        for (const std::string& problem : sent.problems) words += " Not queued: " + problem + ".";
        return {PackJobState::done, words};
      });
  store::append_audit(
      site.store, request.actor(),
      {"addendum_send", "pack", sitting.id(), started ? "started" : "already_running"});
  return redirect_to(sitting.path() + "/pack/addendum/progress");
}

namespace {

// The addendum's job, as its progress page and JSON show it.
JobProgress addendum_progress(const PackSitting& sitting) {
  return {sitting.id() + "/addendum",
          "pack_addendum_progress",
          "Sending an addendum for " + office::long_date(sitting.date),
          sitting.path() + "/pack/addendum/progress",
          status_words,
          "No addendum was sent for this sitting since the console started."};
}

}  // namespace

Reply pack_addendum_progress_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  return job_progress_page(site, workspace, *name, addendum_progress(*name));
}

Reply pack_addendum_progress_json(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  return job_progress_json(site, addendum_progress(*name));
}

Reply pack_addendum_download(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const auto name = pack_sitting_of(workspace, request);
  if (!name) return not_found_page();
  if (!may_read_panel(*request.session, name->panel_id)) return refuse_other_panel(site, request);
  int number = 0;
  try {
    number = std::stoi(request.parameter("number"));
  } catch (const std::exception&) {
    return not_found_page();
  }
  const std::string object = name->id() + "/addendum-" + std::to_string(number) + "/zip";
  const office::PackView view =
      office::pack_view(workspace, name->panel_id, name->date, store::system_now());
  if (!may_download(request, view)) {
    store::append_audit(site.store, request.actor(), {"download", "pack", object, "refused"});
    return forbidden_page("This pack was not circulated yet",
                          "You can download the pack once the panel office has circulated it.");
  }
  for (const auto& [built, file] : view.addendum_zips) {
    if (built != number) continue;
    store::append_audit(site.store, request.actor(), {"download", "pack", object});
    return send_file({office::addendum_folder(workspace, name->panel_id, name->date, number) / file,
                      "", "application/zip", file});
  }
  return not_found_page();
}

}  // namespace panelpack::console
