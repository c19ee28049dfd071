#include "office/views/today_view.hpp"

#include <map>
#include <utility>

#include "office/error.hpp"
#include "office/sitting/sitting_agenda.hpp"
#include "office/status.hpp"

namespace panelpack::office {

namespace {

using nlohmann::ordered_json;

// How far ahead the next sittings are looked for: past a closure and a quiet month.
constexpr long kSittingsLookaheadDays = 120;
constexpr long kWeekDays = 7;

// The presenters of each booked case, read from the agendas of the sittings with papers
// missing (each agenda once).
class Presenters {
 public:
  Presenters(const Workspace& workspace, panel::UtcInstant now)
      : workspace_(workspace), now_(now) {}

  std::vector<panel::Person> of(const panel::Finding& finding) {
    if (!finding.sitting) return {};
    const std::string key = finding.panel_id + " " + finding.sitting->iso();
    auto found = agendas_.find(key);
    if (found == agendas_.end()) {
      std::optional<panel::Agenda> agenda;
      try {
        agenda = sitting_agenda(workspace_, finding.panel_id, *finding.sitting, now_).agenda;
      } catch (const OfficeError& failure) {
        if (failure.code() != OfficeError::Code::bad_input) throw;
        agenda.reset();  // status names the file that does not read
      }
      found = agendas_.emplace(key, std::move(agenda)).first;
    }
    if (!found->second) return {};
    for (const panel::AgendaItem& item : found->second->items) {
      if (item.case_ref == finding.case_ref) return item.presenters;
    }
    return {};
  }

 private:
  const Workspace& workspace_;
  panel::UtcInstant now_;
  std::map<std::string, std::optional<panel::Agenda>> agendas_;
};

void group_findings(const Workspace& workspace, TodayView& view,
                    std::vector<panel::Finding> findings) {
  Presenters presenters(workspace, view.now);
  const panel::CalendarDate week_end = view.today.plus_days(kWeekDays);
  for (panel::Finding& finding : findings) {
    AttentionItem item{std::move(finding), "", {}};
    item.title = finding_title(item.finding.kind);
    const panel::Finding& found = item.finding;
    if (found.kind == "papers_missing") {
      item.whose_job = presenters.of(found);
      view.waiting_for_papers.push_back(std::move(item));
    } else if (found.urgency == panel::Urgency::overdue) {
      view.overdue.push_back(std::move(item));
    } else if (found.urgency == panel::Urgency::due_soon && found.due && *found.due <= week_end) {
      view.due_this_week.push_back(std::move(item));
    } else {
      view.later.push_back(std::move(item));
    }
  }
}

void add_next_sittings(const Workspace& workspace, TodayView& view) {
  const SittingsCalendar coming =
      list_sittings(workspace, view.today, view.today.plus_days(kSittingsLookaheadDays));
  std::map<std::string, std::size_t> per_panel;
  for (const CalendarSitting& row : coming.sittings) {
    if (row.sitting.cancelled) continue;
    std::size_t& count = per_panel[row.panel_id];
    if (count == kNextSittingsPerPanel) continue;
    ++count;
    view.next_sittings.push_back({row, view.today.days_until(row.sitting.date)});
  }
}

void add_mail(const Workspace& workspace, TodayView& view) {
  for (OutboxLine& line : outbox_lines(workspace)) {
    if (line.status == MailStatus::waiting) {
      view.waiting_in_outbox.push_back(std::move(line));
    } else if (line.status == MailStatus::delivered && line.sent_at &&
               line.sent_at->date == view.today) {
      view.sent_today.push_back(std::move(line));
    }
  }
  for (ScheduledMail& mail : mail_schedule(workspace, view.now, std::chrono::days{1})) {
    if (mail.due_at.date == view.today) view.sending_today.push_back(std::move(mail));
  }
}

ordered_json items_json(const std::vector<AttentionItem>& items) {
  ordered_json list = ordered_json::array();
  for (const AttentionItem& item : items) {
    ordered_json json = to_json(item.finding);
    ordered_json people = ordered_json::array();
    for (const panel::Person& person : item.whose_job) {
      people.push_back({{"name", person.name}, {"role", person.role}});
    }
    json["whoseJob"] = std::move(people);
    list.push_back(std::move(json));
  }
  return list;
}

template <typename T>
ordered_json list_json(const std::vector<T>& items) {
  ordered_json list = ordered_json::array();
  for (const T& item : items) list.push_back(to_json(item));
  return list;
}

}  // namespace

TodayView today(const Workspace& workspace, panel::UtcInstant now) {
  TodayView view;
  view.now = now;
  view.today = panel::utc_to_local(now).date;
  OfficeStatus status = office_status(workspace, now);
  view.problems = std::move(status.problems);
  view.records_late = status.records_late;
  group_findings(workspace, view, std::move(status.findings));
  add_next_sittings(workspace, view);
  add_mail(workspace, view);
  ActionFilter overdue;
  overdue.overdue_only = true;
  // Files that do not read are in status's problems already.
  view.overdue_actions = list_actions(workspace, overdue, view.today).actions;
  return view;
}

nlohmann::ordered_json to_json(const TodayView& view) {
  ordered_json sittings = ordered_json::array();
  for (const ComingSitting& coming : view.next_sittings) {
    SittingsCalendar one;
    one.sittings.push_back(coming.sitting);
    ordered_json entry = to_json(one)["sittings"][0];
    entry["daysAway"] = coming.days_away;
    sittings.push_back(std::move(entry));
  }
  return {{"now", panel::utc_to_local(view.now).iso8601()},
          {"today", view.today.iso()},
          {"overdue", items_json(view.overdue)},
          {"dueThisWeek", items_json(view.due_this_week)},
          {"waitingForPapers", items_json(view.waiting_for_papers)},
          {"later", items_json(view.later)},
          {"nextSittings", std::move(sittings)},
          {"sentToday", list_json(view.sent_today)},
          {"waitingInOutbox", list_json(view.waiting_in_outbox)},
          {"sendingToday", list_json(view.sending_today)},
          {"problems", view.problems},
          {"overdueActions", view.overdue_actions.size()},
          {"recordsLate", view.records_late.to_json()}};
}

}  // namespace panelpack::office
