// The Today page: what needs attention in words, grouped (overdue, due this week, waiting for
// papers with whose job it is, later), each panel's next sittings with their four deadlines,
// and what tick sent today and will send today (office/views/today_view.hpp). It names cases,
// so each view is audited (kind "today", id the day).

#include <string>

#include "console/server/mailbox_pages.hpp"
#include "console/server/sitting_words.hpp"
#include "console/server/today_pages.hpp"
#include "office/console/console_store.hpp"
#include "office/intake/intake_status.hpp"
#include "office/mail/mail_content.hpp"
#include "office/views/today_view.hpp"

namespace panelpack::console {
namespace {

// A finding as a row: ids and dates only, as status gives them.
nlohmann::json attention_rows(const std::vector<office::AttentionItem>& items) {
  nlohmann::json rows = nlohmann::json::array();
  for (const office::AttentionItem& item : items) {
    const panel::Finding& finding = item.finding;
    nlohmann::json row = {{"title", item.title}, {"detail", finding.detail}};
    if (!finding.case_ref.empty()) row["case_ref"] = finding.case_ref;
    if (finding.due) row["due"] = office::long_date(*finding.due);
    if (finding.sitting && !finding.panel_id.empty()) {
      row["sitting"] = finding.panel_id + " " + office::long_date(*finding.sitting);
      row["sitting_href"] = "/sittings/" + finding.panel_id + "/" + finding.sitting->iso();
    }
    std::string whose;
    for (const panel::Person& person : item.whose_job) {
      if (!whose.empty()) whose += "; ";
      whose += person.name + (person.role.empty() ? "" : " (" + person.role + ")");
    }
    if (!whose.empty()) row["whose_job"] = whose;
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json group(const char* id, const char* heading, const char* tag_class,
                     const std::vector<office::AttentionItem>& items) {
  return {{"id", id},
          {"heading", heading},
          {"tag", tag_class},
          {"count", items.size()},
          {"rows", attention_rows(items)},
          {"empty", items.empty()}};
}

std::string days_away_words(long days) {
  if (days == 0) return "today";
  if (days == 1) return "tomorrow";
  return "in " + std::to_string(days) + " days";
}

nlohmann::json outbox_rows(const std::vector<office::OutboxLine>& lines) {
  nlohmann::json rows = nlohmann::json::array();
  for (const office::OutboxLine& line : lines) {
    nlohmann::json row = {
        {"to", line.recipient}, {"about", line.kind_words}, {"status", line.status_words}};
    if (line.sitting) row["sitting"] = line.panel_id + " " + office::long_date(*line.sitting);
    if (!line.case_ref.empty()) row["case_ref"] = line.case_ref;
    row["when"] = line.sent_at ? moment_words(*line.sent_at) : moment_words(line.queued_at);
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json schedule_rows(const std::vector<office::ScheduledMail>& mails) {
  nlohmann::json rows = nlohmann::json::array();
  for (const office::ScheduledMail& mail : mails) {
    nlohmann::json row = {{"about", mail.kind_words},
                          {"sitting", mail.panel_id + " " + office::long_date(mail.sitting)},
                          {"at", mail.due_at.time.text()},
                          {"recipients", mail.recipients}};
    if (!mail.case_ref.empty()) row["case_ref"] = mail.case_ref;
    rows.push_back(std::move(row));
  }
  return rows;
}

// The submission mailbox's card: shown when its last reading failed, or papers wait to be
// placed; nothing otherwise.
nlohmann::json mailbox_card(const office::Workspace& workspace, const std::filesystem::path& root) {
  nlohmann::json card = nlohmann::json::object();
  std::optional<office::IntakeStatus> status;
  try {
    status = office::read_intake_status(workspace);
  } catch (const office::OfficeError& error) {
    card["failed"] = true;  // a status file that does not read is itself news
    card["at"] = "at its last run";
    card["error"] = error.what();
  }
  if (status && !status->ok) {
    card["failed"] = true;
    card["at"] = moment_words(panel::utc_to_local(status->at));
    card["error"] = status->error;
  }
  const std::size_t waiting = mailbox_waiting_in(root);
  if (waiting > 0) {
    card["waiting"] = waiting == 1
                          ? std::string("1 paper from the mailbox waits to be placed")
                          : std::to_string(waiting) + " papers from the mailbox wait to be placed";
  }
  if (!card.empty()) card["show"] = true;
  return card;
}

}  // namespace

Reply today_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  const office::TodayView view = office::today(workspace, office::console::system_now());
  nlohmann::json sittings = nlohmann::json::array();
  for (const office::ComingSitting& coming : view.next_sittings) {
    nlohmann::json row = sitting_row(coming.sitting);
    row["days_away"] = days_away_words(coming.days_away);
    sittings.push_back(std::move(row));
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const std::string& problem : view.problems) problems.push_back({{"text", problem}});
  nlohmann::json data = {
      {"today_words", office::long_date(view.today)},
      {"groups",
       {group("overdue", "Overdue", "govuk-tag--red", view.overdue),
        group("due-this-week", "Due this week", "govuk-tag--orange", view.due_this_week),
        group("waiting-for-papers", "Waiting for papers", "govuk-tag--yellow",
              view.waiting_for_papers),
        group("later", "Later", "govuk-tag--grey", view.later)}},
      {"next_sittings", sittings},
      {"sent_today", outbox_rows(view.sent_today)},
      {"waiting_in_outbox", outbox_rows(view.waiting_in_outbox)},
      {"sending_today", schedule_rows(view.sending_today)},
      {"problems", problems}};
  data["has_problems"] = !view.problems.empty();
  data["mailbox_card"] = mailbox_card(workspace, site.office_root);
  // Decision records late at each step (issue 14, records out).
  data["records_late"] = {{"count", view.records_late.total()},
                          {"any_late", view.records_late.total() > 0},
                          {"not_agreed", view.records_late.not_agreed},
                          {"not_sent", view.records_late.not_sent},
                          {"not_on_file", view.records_late.not_on_file}};
  data["has_sent_today"] = !view.sent_today.empty();
  data["has_waiting"] = !view.waiting_in_outbox.empty();
  data["has_sending_today"] = !view.sending_today.empty();
  // The actions overdue today: the first few, and a link to them all.
  const std::size_t overdue_actions = view.overdue_actions.size();
  data["overdue_actions_words"] = overdue_actions == 1
                                      ? "1 action overdue"
                                      : std::to_string(overdue_actions) + " actions overdue";
  data["has_overdue_actions"] = overdue_actions > 0;
  data["more_overdue_actions"] = overdue_actions > office::kTodayOverdueActions;
  data["overdue_actions"] = nlohmann::json::array();
  for (std::size_t i = 0; i < overdue_actions && i < office::kTodayOverdueActions; ++i) {
    const office::ActionRow& action = view.overdue_actions[i];
    data["overdue_actions"].push_back(
        {{"case_ref", action.case_ref},
         {"id", action.id},
         {"owner", action.owner.name},
         {"due", action.due ? office::long_date(*action.due) : ""},
         {"sitting", action.panel_id + " " + office::long_date(action.sitting)},
         {"sitting_href", "/sittings/" + action.panel_id + "/" + action.sitting.iso()}});
  }
  request.viewed_object_id = view.today.iso();
  return show("today", "Today", std::move(data));
}

}  // namespace panelpack::console
