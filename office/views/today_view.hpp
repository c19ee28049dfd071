#pragma once
// The Today page's model: what needs attention (status.hpp's findings, grouped: overdue, due
// this week, waiting for papers with whose job it is to send them, and the rest), each panel's
// next sittings with their deadlines and how many days away they are, and the mail the tick
// sent today and will send today (mail_view.hpp).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/calendar.hpp"
#include "office/records/action_list.hpp"
#include "office/records/records_late.hpp"
#include "office/views/mail_view.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"
#include "panel/person.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::office {

struct AttentionItem {
  panel::Finding finding;  // ids and dates only: its detail line names no child
  std::string title;       // finding_title: "Papers missing"
  // Papers only: who is to send it, the booking's presenters (else the case's social worker
  // and team manager), as the agenda names them.
  std::vector<panel::Person> whose_job;
};

struct ComingSitting {
  CalendarSitting sitting;  // the four deadlines, bookings counted
  long days_away = 0;       // 0: today
};

struct TodayView {
  panel::UtcInstant now;
  panel::CalendarDate today;                      // in London
  std::vector<AttentionItem> overdue;             // deadlines passed (papers apart)
  std::vector<AttentionItem> due_this_week;       // due within 7 days (papers apart)
  std::vector<AttentionItem> waiting_for_papers;  // papers missing, overdue or coming
  std::vector<AttentionItem> later;               // notices, and what is due after this week
  std::vector<ComingSitting> next_sittings;       // each panel's next kNextSittingsPerPanel
  std::vector<OutboxLine> sent_today;             // outbox rows delivered today
  std::vector<OutboxLine> waiting_in_outbox;      // queued or waiting to try again
  std::vector<ScheduledMail> sending_today;       // due from now until midnight
  std::vector<std::string> problems;              // files status could not read, each named
  // The decisions' actions overdue today (action_list.hpp), by due date: the page lists the
  // first kTodayOverdueActions and links to the rest.
  std::vector<ActionRow> overdue_actions;
  RecordsLate records_late;  // decision records late, at each step
};

inline constexpr std::size_t kTodayOverdueActions = 5;

inline constexpr std::size_t kNextSittingsPerPanel = 3;

// Throws OfficeError (machine_failure) when the outbox cannot be read.
TodayView today(const Workspace& workspace, panel::UtcInstant now);

// {"now", "today", "overdue", "dueThisWeek", "waitingForPapers", "later" (each finding's JSON
// with "whoseJob": [names and roles]), "nextSittings", "sentToday", "waitingInOutbox",
// "sendingToday", "problems", "overdueActions" (count), "recordsLate"}
nlohmann::ordered_json to_json(const TodayView& view);

}  // namespace panelpack::office
