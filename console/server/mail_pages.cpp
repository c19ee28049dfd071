// The Mail pages: the outbox in words (filtered by state) and the next 14 days' schedule, for
// everyone signed in; an administrator retries a failed email or cancels one not yet sent
// (after "Are you sure"), through office/mail/outbox_view.hpp's change_outbox, as
// `panelpack outbox retry|cancel` does. Rows name cases by reference only, never content.

#include "console/server/mail_pages.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "console/server/console_pages.hpp"
#include "office/console/audit.hpp"
#include "office/error.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/outbox_view.hpp"
#include "office/views/mail_reply_words.hpp"
#include "office/views/mail_view.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
using mailer::OutboxState;
using office::MailStatus;
using office::OutboxAction;

// The state filters of the page, in the order of its sub-navigation.
struct StateFilter {
  const char* code;
  const char* words;
  std::optional<MailStatus> status;
};
constexpr StateFilter kFilters[] = {
    {"all", "All", std::nullopt},
    {"waiting", "Waiting", MailStatus::waiting},
    {"failed", "Failed", MailStatus::failed},
    {"delivered", "Delivered", MailStatus::delivered},
    {"cancelled", "Cancelled", MailStatus::cancelled},
};

// "Friday 11 December 2026 at 09:05" (London).
std::string when_words(const panel::LondonTime& time) {
  return office::long_date(time.date) + " at " + time.time.text();
}

bool administrator(const RequestContext& request) {
  return request.session && request.session->account.role == store::Role::administrator;
}

// The same rule as change_outbox: only failed rows are retried; rows not yet sent cancelled.
bool may(OutboxAction action, OutboxState state) {
  const bool failed =
      state == OutboxState::failed_temporary || state == OutboxState::failed_permanent;
  return action == OutboxAction::retry ? failed : failed || state == OutboxState::queued;
}

const char* tag_colour(MailStatus status) {
  switch (status) {
    case MailStatus::delivered:
      return "govuk-tag--green";
    case MailStatus::waiting:
      return "govuk-tag--blue";
    case MailStatus::failed:
      return "govuk-tag--red";
    case MailStatus::cancelled:
      return "govuk-tag--grey";
  }
  return "govuk-tag--grey";
}

// "permanence, Tuesday 15 December 2026" or "" when the key named no sitting.
std::string sitting_words(const std::string& panel_id,
                          const std::optional<panel::CalendarDate>& date) {
  if (!date) return panel_id;
  return panel_id + ", " + office::long_date(*date);
}

std::map<std::int64_t, OutboxState> states_of(const office::Workspace& workspace) {
  std::map<std::int64_t, OutboxState> states;
  for (const mailer::OutboxRow& row : office::list_outbox(workspace, {}).rows) {
    states.emplace(row.id, row.state);
  }
  return states;
}

nlohmann::json line_json(const office::OutboxLine& line, std::optional<OutboxState> state,
                         bool may_change) {
  nlohmann::json row = {{"id", line.id},
                        {"recipient", line.recipient},
                        {"about", line.kind_words},
                        {"sitting", sitting_words(line.panel_id, line.sitting)},
                        {"case_ref", line.case_ref},
                        {"queued", when_words(line.queued_at)},
                        {"status", line.status_words},
                        {"tag", tag_colour(line.status)},
                        {"attempts", line.attempts}};
  if (line.sent_at) row["sent"] = when_words(*line.sent_at);
  if (!line.reply_words.empty()) {
    row["reply"] = line.reply_words;
    row["reply_words"] = office::smtp_reply_in_words(line.reply_words);
  }
  if (!line.doubt.empty()) row["doubt"] = line.doubt;
  if (may_change && state) {
    if (may(OutboxAction::retry, *state)) row["may_retry"] = true;
    if (may(OutboxAction::cancel, *state)) row["may_cancel"] = true;
  }
  return row;
}

std::optional<office::OutboxLine> find_line(const office::Workspace& workspace, std::int64_t id) {
  for (office::OutboxLine& line : office::outbox_lines(workspace)) {
    if (line.id == id) return std::move(line);
  }
  return std::nullopt;
}

// The {id} of the path, when it is a row number.
std::optional<std::int64_t> id_of(const RequestContext& request) {
  const std::string& text = request.parameter("id");
  if (text.empty() || text.size() > 15) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoll(text);
}

Reply no_such_email() {
  return show("not_found", "Page not found", nlohmann::json::object(),
              Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
}

// What the page says after a retry or cancel (the query of the redirect).
void add_outcome(const RequestContext& request, const std::vector<office::OutboxLine>& lines,
                 nlohmann::json& data) {
  const auto done = request.query.find("done");
  const auto problem = request.query.find("problem");
  const auto email = request.query.find("email");
  if (email == request.query.end()) return;
  const office::OutboxLine* line = nullptr;
  for (const office::OutboxLine& candidate : lines) {
    if (std::to_string(candidate.id) == email->second) line = &candidate;
  }
  if (line == nullptr) return;
  const std::string who = "email " + email->second + " to " + line->recipient;
  if (done != request.query.end() && done->second == "retried") {
    data["success"] = "The " + who + " will be sent again at the next tick";
  } else if (done != request.query.end() && done->second == "cancelled") {
    data["success"] = "The " + who + " is cancelled: it will not be sent";
  } else if (problem != request.query.end()) {
    const bool retry = problem->second == "retry";
    const std::string message = "The " + who + " is " + line->status_words + ", so it cannot be " +
                                (retry ? "sent again: only a failed email can be"
                                       : "cancelled: only an email not yet sent can be") +
                                ". Nothing was changed";
    add_error(data, "mail", "email-" + email->second, message);
  }
}

// Retries or cancels the one row; after it, back to the outbox with what happened.
Reply change_one(ConsoleSite& site, RequestContext& request, OutboxAction action) {
  const auto id = id_of(request);
  if (!id) return no_such_email();
  const office::Workspace workspace = site.workspace();
  if (!find_line(workspace, *id)) return no_such_email();
  const bool retry = action == OutboxAction::retry;
  store::AuditEvent event{retry ? "mail_retry" : "mail_cancel", "email", std::to_string(*id)};
  office::OutboxChange change;
  change.action = action;
  change.row = *id;
  try {
    office::change_outbox(workspace, change, site.store.now());
  } catch (const office::OfficeError& error) {
    if (error.code() != office::OfficeError::Code::bad_input) throw;
    // The email is no longer in a state that allows it (sent, or changed by someone else).
    event.outcome = "not_changeable";
    store::append_audit(site.store, request.actor(), event);
    return redirect_to("/mail?problem=" + std::string(retry ? "retry" : "cancel") +
                       "&email=" + std::to_string(*id) + "#email-" + std::to_string(*id));
  }
  store::append_audit(site.store, request.actor(), event);
  return redirect_to("/mail?done=" + std::string(retry ? "retried" : "cancelled") +
                     "&email=" + std::to_string(*id));
}

}  // namespace

Reply mail_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const office::MailView view = office::mail_view(workspace, site.store.now());
  const bool admin = administrator(request);
  const auto states = admin ? states_of(workspace) : std::map<std::int64_t, OutboxState>{};

  const auto asked = request.query.find("state");
  const StateFilter* filter = &kFilters[0];
  for (const StateFilter& candidate : kFilters) {
    if (asked != request.query.end() && asked->second == candidate.code) filter = &candidate;
  }

  nlohmann::json data = nlohmann::json::object();
  nlohmann::json filters = nlohmann::json::array();
  for (const StateFilter& candidate : kFilters) {
    std::size_t count = 0;
    for (const office::OutboxLine& line : view.outbox) {
      if (!candidate.status || line.status == *candidate.status) ++count;
    }
    nlohmann::json item = {{"words", candidate.words},
                           {"count", count},
                           {"href", std::string("/mail?state=") + candidate.code}};
    if (&candidate == filter) item["current"] = true;
    filters.push_back(std::move(item));
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const office::OutboxLine& line : view.outbox) {
    if (filter->status && line.status != *filter->status) continue;
    const auto state = states.find(line.id);
    rows.push_back(line_json(
        line, state == states.end() ? std::nullopt : std::optional(state->second), admin));
  }
  nlohmann::json schedule = nlohmann::json::array();
  for (const office::ScheduledMail& mail : view.schedule) {
    schedule.push_back({{"when", when_words(mail.due_at)},
                        {"about", mail.kind_words},
                        {"sitting", sitting_words(mail.panel_id, mail.sitting)},
                        {"case_ref", mail.case_ref},
                        {"recipients", mail.recipients}});
  }
  data["filters"] = std::move(filters);
  // Lower case: the words go inside a sentence ("No emails are waiting").
  std::string filter_words = filter->code == std::string("all") ? "" : filter->words;
  if (!filter_words.empty()) filter_words.front() = static_cast<char>(filter_words.front() + 32);
  data["filter_words"] = filter_words;
  if (!filter_words.empty()) data["filtered"] = true;
  data["rows"] = std::move(rows);
  if (data["rows"].empty()) data["no_rows"] = true;
  if (!view.outbox_exists) data["no_outbox"] = true;
  data["schedule"] = std::move(schedule);
  if (data["schedule"].empty()) data["no_schedule"] = true;
  if (admin) data["administrator"] = true;
  add_outcome(request, view.outbox, data);
  request.viewed_object_id = "outbox";
  return show("mail", "Mail", std::move(data));
}

Reply mail_cancel_confirm(ConsoleSite& site, RequestContext& request) {
  const auto id = id_of(request);
  if (!id) return no_such_email();
  const office::Workspace workspace = site.workspace();
  const auto line = find_line(workspace, *id);
  if (!line) return no_such_email();
  const auto states = states_of(workspace);
  const auto state = states.find(*id);
  if (state == states.end() || !may(OutboxAction::cancel, state->second)) {
    return redirect_to("/mail?problem=cancel&email=" + std::to_string(*id) + "#email-" +
                       std::to_string(*id));
  }
  nlohmann::json data = line_json(*line, state->second, false);
  request.viewed_object_id = std::to_string(*id);
  return show("mail_cancel", "Are you sure you want to cancel this email?", std::move(data));
}

Reply mail_cancel_submit(ConsoleSite& site, RequestContext& request) {
  return change_one(site, request, OutboxAction::cancel);
}

Reply mail_retry_submit(ConsoleSite& site, RequestContext& request) {
  return change_one(site, request, OutboxAction::retry);
}

}  // namespace panelpack::console
