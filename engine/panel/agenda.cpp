#include "panel/agenda.hpp"

#include <algorithm>

#include "panel/labels.hpp"
#include "panel/mail_due.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using nlohmann::ordered_json;

constexpr int kMinutesPerDay = 24 * 60;

int minutes_of(TimeOfDay time) {
  return time.hour * 60 + time.minute;
}

TimeOfDay clock(int minutes) {
  if (minutes >= kMinutesPerDay) {
    throw PanelError("sitting_past_midnight", "",
                     "the sitting's slots run past midnight; shorten the slots or book fewer "
                     "cases");
  }
  return TimeOfDay{minutes / 60, minutes % 60};
}

ordered_json deadline_json(const Deadline& deadline) {
  return {{"date", deadline.local.date.iso()},
          {"time", deadline.local.time.text()},
          {"dateTime", deadline.local.iso8601()},
          {"onWorkingDay", deadline.on_working_day}};
}

ordered_json people_json(const std::vector<Person>& people) {
  ordered_json list = ordered_json::array();
  for (const Person& person : people) list.push_back(person.to_json());
  return list;
}

// The members expected at the sitting: a member who sent apologies is listed under apologies
// only (matched by name, as the bookings file writes it).
std::vector<Person> attending_members(const std::vector<Person>& members,
                                      const nlohmann::json& apologies) {
  std::vector<Person> attending;
  for (const Person& member : members) {
    const bool apologised = std::any_of(apologies.begin(), apologies.end(), [&](const auto& a) {
      return a.is_object() && a.value("name", std::string()) == member.name;
    });
    if (!apologised) attending.push_back(member);
  }
  return attending;
}

AgendaChild child_of(const CaseSummary& summary) {
  return {summary.child_id, summary.child_name, summary.dob, summary.expected_due_date};
}

ordered_json optional_date_json(const std::optional<CalendarDate>& date) {
  return date ? ordered_json(date->iso()) : ordered_json(nullptr);
}

ordered_json child_json(const AgendaChild& child) {
  ordered_json json{{"childId", child.child_id}, {"name", child.name}};
  json["dob"] = optional_date_json(child.dob);
  json["expectedDueDate"] = optional_date_json(child.expected_due_date);
  return json;
}

// The agenda prints whom the mail goes to: the one rule, panel::presenters_of (mail_due.hpp).
std::vector<Person> presenting(const BookingItem& item, const CaseSummary& summary) {
  std::vector<Person> presenters;
  for (const Addressee& chosen : panel::presenters_of(item, summary)) {
    presenters.push_back(*chosen.person);
  }
  return presenters;
}

// The item's papers with their state, counted into `counts`, the labels of those missing and
// late noted on the item.
void add_papers(const BookingItem& item, const Deadline& papers_due, AgendaCounts& counts,
                AgendaItem& entry) {
  for (const PaperStatus& status : paper_statuses(item, papers_due)) {
    AgendaPaper paper;
    paper.type = status.type;
    paper.type_label = paper_type_label(status.type);
    const bool expected = std::find(item.paper_types.begin(), item.paper_types.end(),
                                    status.type) != item.paper_types.end();
    if (expected) ++counts.papers_expected;
    if (status.received == nullptr) {
      ++counts.papers_missing;
      entry.missing_papers.push_back(paper.type_label);
      paper.state = PaperState::missing;
      paper.status_label = "missing";
    } else if (status.on_time) {
      ++counts.papers_on_time;
      paper.state = PaperState::on_time;
      paper.status_label = "received on time";
    } else {
      ++counts.papers_late;
      entry.late_papers.push_back(paper.type_label);
      paper.state = PaperState::late;
      paper.status_label = "received late";
    }
    if (status.received != nullptr) {
      paper.received_at = status.received->received_at_text;
      // A paper held elsewhere is not in the pack: the agenda says so, and why.
      paper.on_file_elsewhere = status.received->on_file_elsewhere;
      if (!paper.on_file_elsewhere.empty()) {
        paper.status_label += "; not in the pack, on file elsewhere: " + paper.on_file_elsewhere;
      }
    }
    entry.papers.push_back(std::move(paper));
  }
}

const char* state_code(PaperState state) {
  switch (state) {
    case PaperState::on_time:
      return "on_time";
    case PaperState::late:
      return "late";
    case PaperState::missing:
      break;
  }
  return "missing";
}

ordered_json paper_json(const AgendaPaper& paper) {
  ordered_json json{{"type", paper.type}, {"typeLabel", paper.type_label}};
  json["status"] = state_code(paper.state);
  json["statusLabel"] = paper.status_label;
  json["onTime"] = paper.state == PaperState::on_time;
  json["late"] = paper.state == PaperState::late;
  json["missing"] = paper.state == PaperState::missing;
  if (paper.received_at) json["receivedAt"] = *paper.received_at;
  if (!paper.on_file_elsewhere.empty()) json["onFileElsewhere"] = paper.on_file_elsewhere;
  return json;
}

ordered_json item_json(const AgendaItem& item) {
  ordered_json json{
      {"number", item.number}, {"caseRef", item.case_ref}, {"child", child_json(item.child)}};
  if (!item.legal_status.empty()) {
    json["legalStatus"] = item.legal_status;
    json["legalStatusLabel"] = item.legal_status_label;
  }
  json["reason"] = item.reason;
  json["reasonLabel"] = item.reason_label;
  json["slot"] = item.slot.text();
  json["endTime"] = item.end_time.text();
  json["minutes"] = item.minutes;
  json["presenters"] = people_json(item.presenters);
  json["paperTypes"] = item.paper_types;
  ordered_json papers = ordered_json::array();
  for (const AgendaPaper& paper : item.papers) papers.push_back(paper_json(paper));
  json["papers"] = std::move(papers);
  json["allPapersOnTime"] = item.all_papers_on_time();
  json["missingPapers"] = item.missing_papers;
  json["latePapers"] = item.late_papers;
  return json;
}

ordered_json schedule_json(const ScheduleEntry& entry) {
  ordered_json json{{"start", entry.start.text()},
                    {"end", entry.end.text()},
                    {"isBreak", entry.is_break},
                    {"title", entry.title}};
  if (!entry.is_break) {
    json["number"] = entry.number;
    json["caseRef"] = entry.case_ref;
  }
  return json;
}

ordered_json panel_json(const AgendaPanel& panel) {
  ordered_json json{{"id", panel.id},
                    {"name", panel.name},
                    {"type", panel.type},
                    {"typeLabel", panel.type_label}};
  if (!panel.venue.empty()) json["venue"] = panel.venue;
  json["chair"] = panel.chair.to_json();
  json["administrator"] = panel.administrator.to_json();
  json["members"] = people_json(panel.members);
  json["attending"] = people_json(panel.attending);
  return json;
}

}  // namespace

std::vector<PaperStatus> paper_statuses(const BookingItem& item, const Deadline& papers_due) {
  std::vector<PaperStatus> statuses;
  const auto status_of = [&](const std::string& type) {
    const ReceivedPaper* received = item.received(type);
    return PaperStatus{type, received,
                       received != nullptr && received->received_at <= papers_due.utc};
  };
  for (const std::string& type : item.paper_types) {
    const bool listed = std::any_of(statuses.begin(), statuses.end(),
                                    [&](const PaperStatus& s) { return s.type == type; });
    if (!listed) statuses.push_back(status_of(type));
  }
  for (const ReceivedPaper& paper : item.papers) {
    const bool listed = std::any_of(statuses.begin(), statuses.end(),
                                    [&](const PaperStatus& s) { return s.type == paper.type; });
    if (!listed) statuses.push_back(status_of(paper.type));
  }
  return statuses;
}

std::string case_heading(int number, const CaseSummary& summary) {
  return std::to_string(number) + ". " + summary.label();
}

Agenda compute_agenda(const AgendaInputs& in) {
  const SittingDeadlines deadlines = deadlines_for(in.panel, in.sitting, in.calendar);
  Agenda agenda;
  agenda.local_authority = in.office.authority;
  agenda.panel = {in.panel.id,
                  in.panel.name,
                  in.panel.type,
                  panel_type_label(in.panel.type),
                  in.panel.venue,
                  in.panel.chair,
                  in.panel.administrator,
                  in.panel.members,
                  attending_members(in.panel.members, in.bookings.apologies)};
  agenda.date = in.sitting.date;
  agenda.weekday = std::string{weekday_name(in.sitting.date.weekday())};
  agenda.extra_sitting = in.sitting.extra;
  agenda.sitting_note = in.sitting.note;
  agenda.start_time = in.sitting.start_time;

  int now = minutes_of(in.sitting.start_time);
  std::size_t next_break = 0;
  for (std::size_t i = 0; i < in.bookings.items.size(); ++i) {
    const BookingItem& item = in.bookings.items[i];
    const auto found = in.cases.find(item.case_ref);
    if (found == in.cases.end()) {
      throw PanelError("unknown_case", item.case_ref, "no case file for this booked case");
    }
    const CaseSummary& summary = found->second;
    // Breaks whose time has come are taken before the next case.
    while (next_break < in.panel.breaks.size() &&
           now >= minutes_of(in.panel.breaks[next_break].at)) {
      const SlotBreak& pause = in.panel.breaks[next_break++];
      agenda.schedule.push_back({clock(now), clock(now + pause.minutes), true, pause.title, 0, ""});
      now += pause.minutes;
    }
    AgendaItem entry;
    entry.number = static_cast<int>(i) + 1;
    entry.case_ref = item.case_ref;
    entry.child = child_of(summary);
    if (!summary.legal_status.empty()) {
      entry.legal_status = summary.legal_status;
      entry.legal_status_label = legal_status_label(summary.legal_status);
    }
    entry.reason = item.reason;
    entry.reason_label = referral_reason_label(item.reason);
    entry.minutes = item.minutes.value_or(in.panel.slot_minutes);
    entry.slot = clock(now);
    entry.end_time = clock(now + entry.minutes);
    entry.presenters = presenting(item, summary);
    entry.paper_types = item.paper_types;
    add_papers(item, deadlines.papers_due, agenda.counts, entry);
    agenda.schedule.push_back(
        {entry.slot, entry.end_time, false, summary.label(), entry.number, item.case_ref});
    now += entry.minutes;
    agenda.items.push_back(std::move(entry));
  }
  agenda.end_time = clock(now);
  agenda.papers_due = deadlines.papers_due;
  agenda.pack_available = deadlines.pack;
  agenda.minutes_due = deadlines.minutes;
  agenda.counts.cases = in.bookings.items.size();
  agenda.apologies = in.bookings.apologies;
  agenda.actions = in.bookings.actions;
  agenda.generated_at = utc_to_local(in.generated_at);
  return agenda;
}

ordered_json to_json(const Agenda& agenda) {
  ordered_json json;
  json["securityMarking"] = "OFFICIAL-SENSITIVE";
  json["localAuthority"] = agenda.local_authority;
  json["panel"] = panel_json(agenda.panel);
  json["date"] = agenda.date.iso();
  json["weekday"] = agenda.weekday;
  json["extraSitting"] = agenda.extra_sitting;
  if (!agenda.sitting_note.empty()) json["sittingNote"] = agenda.sitting_note;
  json["startTime"] = agenda.start_time.text();
  json["endTime"] = agenda.end_time.text();
  json["papersDueDate"] = agenda.papers_due.local.date.iso();
  json["papersDue"] = deadline_json(agenda.papers_due);
  json["packAvailable"] = deadline_json(agenda.pack_available);
  json["minutesDue"] = deadline_json(agenda.minutes_due);
  ordered_json items = ordered_json::array();
  for (const AgendaItem& item : agenda.items) items.push_back(item_json(item));
  json["items"] = std::move(items);
  ordered_json schedule = ordered_json::array();
  for (const ScheduleEntry& entry : agenda.schedule) schedule.push_back(schedule_json(entry));
  json["schedule"] = std::move(schedule);
  json["counts"] = {{"cases", agenda.counts.cases},
                    {"papersExpected", agenda.counts.papers_expected},
                    {"papersOnTime", agenda.counts.papers_on_time},
                    {"papersLate", agenda.counts.papers_late},
                    {"papersMissing", agenda.counts.papers_missing}};
  json["apologies"] = agenda.apologies;
  json["actions"] = agenda.actions;
  json["generatedAt"] = agenda.generated_at.iso8601();
  return json;
}

ordered_json build_agenda(const AgendaInputs& inputs) {
  return to_json(compute_agenda(inputs));
}

}  // namespace panelpack::panel
