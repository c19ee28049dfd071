#include "panel/agenda.hpp"

#include <algorithm>

#include "panel/labels.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using nlohmann::ordered_json;

constexpr int kMinutesPerDay = 24 * 60;

int minutes_of(TimeOfDay time) {
  return time.hour * 60 + time.minute;
}

std::string clock(int minutes) {
  if (minutes >= kMinutesPerDay) {
    throw PanelError("sitting_past_midnight", "",
                     "the sitting's slots run past midnight; shorten the slots or book fewer "
                     "cases");
  }
  return TimeOfDay{minutes / 60, minutes % 60}.text();
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

ordered_json child_json(const CaseSummary& summary) {
  ordered_json child{{"childId", summary.child_id}, {"name", summary.child_name}};
  child["dob"] = summary.dob ? ordered_json(summary.dob->iso()) : ordered_json(nullptr);
  child["expectedDueDate"] = summary.expected_due_date
                                 ? ordered_json(summary.expected_due_date->iso())
                                 : ordered_json(nullptr);
  return child;
}

std::vector<Person> presenters_of(const BookingItem& item, const CaseSummary& summary) {
  if (item.presenters) return *item.presenters;
  std::vector<Person> presenters;
  if (summary.social_worker) presenters.push_back(*summary.social_worker);
  if (summary.team_manager) presenters.push_back(*summary.team_manager);
  return presenters;
}

struct Counts {
  int expected = 0;
  int on_time = 0;
  int late = 0;
  int missing = 0;
};

ordered_json papers_json(const BookingItem& item, const Deadline& papers_due, Counts& counts,
                         ordered_json& missing, ordered_json& late) {
  ordered_json papers = ordered_json::array();
  for (const PaperStatus& status : paper_statuses(item, papers_due)) {
    const std::string label = paper_type_label(status.type);
    const bool expected = std::find(item.paper_types.begin(), item.paper_types.end(),
                                    status.type) != item.paper_types.end();
    if (expected) ++counts.expected;
    ordered_json paper{{"type", status.type}, {"typeLabel", label}};
    if (status.received == nullptr) {
      ++counts.missing;
      missing.push_back(label);
      paper["status"] = "missing";
      paper["statusLabel"] = "missing";
    } else if (status.on_time) {
      ++counts.on_time;
      paper["status"] = "on_time";
      paper["statusLabel"] = "received on time";
    } else {
      ++counts.late;
      late.push_back(label);
      paper["status"] = "late";
      paper["statusLabel"] = "received late";
    }
    paper["onTime"] = status.received != nullptr && status.on_time;
    paper["late"] = status.received != nullptr && !status.on_time;
    paper["missing"] = status.received == nullptr;
    if (status.received != nullptr) paper["receivedAt"] = status.received->received_at_text;
    // A paper held elsewhere is not in the pack: the agenda says so, and why.
    if (status.received != nullptr && !status.received->on_file_elsewhere.empty()) {
      paper["statusLabel"] =
          paper["statusLabel"].get<std::string>() +
          "; not in the pack, on file elsewhere: " + status.received->on_file_elsewhere;
      paper["onFileElsewhere"] = status.received->on_file_elsewhere;
    }
    papers.push_back(std::move(paper));
  }
  return papers;
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

ordered_json build_agenda(const AgendaInputs& in) {
  const SittingDeadlines deadlines = deadlines_for(in.panel, in.sitting, in.calendar);
  ordered_json agenda;
  agenda["securityMarking"] = "OFFICIAL-SENSITIVE";
  agenda["localAuthority"] = in.office.authority;
  ordered_json panel{{"id", in.panel.id},
                     {"name", in.panel.name},
                     {"type", in.panel.type},
                     {"typeLabel", panel_type_label(in.panel.type)}};
  if (!in.panel.venue.empty()) panel["venue"] = in.panel.venue;
  panel["chair"] = in.panel.chair.to_json();
  panel["administrator"] = in.panel.administrator.to_json();
  panel["members"] = people_json(in.panel.members);
  panel["attending"] = people_json(attending_members(in.panel.members, in.bookings.apologies));
  agenda["panel"] = std::move(panel);
  agenda["date"] = in.sitting.date.iso();
  agenda["weekday"] = std::string{weekday_name(in.sitting.date.weekday())};
  agenda["extraSitting"] = in.sitting.extra;
  if (!in.sitting.note.empty()) agenda["sittingNote"] = in.sitting.note;
  agenda["startTime"] = in.sitting.start_time.text();

  Counts counts;
  ordered_json items = ordered_json::array();
  ordered_json schedule = ordered_json::array();
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
      schedule.push_back({{"start", clock(now)},
                          {"end", clock(now + pause.minutes)},
                          {"isBreak", true},
                          {"title", pause.title}});
      now += pause.minutes;
    }
    const int number = static_cast<int>(i) + 1;
    const int minutes = item.minutes.value_or(in.panel.slot_minutes);
    ordered_json missing = ordered_json::array();
    ordered_json late = ordered_json::array();
    ordered_json entry{
        {"number", number}, {"caseRef", item.case_ref}, {"child", child_json(summary)}};
    if (!summary.legal_status.empty()) {
      entry["legalStatus"] = summary.legal_status;
      entry["legalStatusLabel"] = legal_status_label(summary.legal_status);
    }
    entry["reason"] = item.reason;
    entry["reasonLabel"] = referral_reason_label(item.reason);
    entry["slot"] = clock(now);
    entry["endTime"] = clock(now + minutes);
    entry["minutes"] = minutes;
    entry["presenters"] = people_json(presenters_of(item, summary));
    entry["paperTypes"] = item.paper_types;
    entry["papers"] = papers_json(item, deadlines.papers_due, counts, missing, late);
    entry["allPapersOnTime"] = missing.empty() && late.empty();
    entry["missingPapers"] = std::move(missing);
    entry["latePapers"] = std::move(late);
    schedule.push_back({{"start", clock(now)},
                        {"end", clock(now + minutes)},
                        {"isBreak", false},
                        {"title", summary.label()},
                        {"number", number},
                        {"caseRef", item.case_ref}});
    items.push_back(std::move(entry));
    now += minutes;
  }
  agenda["endTime"] = clock(now);
  agenda["papersDueDate"] = deadlines.papers_due.local.date.iso();
  agenda["papersDue"] = deadline_json(deadlines.papers_due);
  agenda["packAvailable"] = deadline_json(deadlines.pack);
  agenda["minutesDue"] = deadline_json(deadlines.minutes);
  agenda["items"] = std::move(items);
  agenda["schedule"] = std::move(schedule);
  agenda["counts"] = {{"cases", in.bookings.items.size()},
                      {"papersExpected", counts.expected},
                      {"papersOnTime", counts.on_time},
                      {"papersLate", counts.late},
                      {"papersMissing", counts.missing}};
  agenda["apologies"] = in.bookings.apologies;
  agenda["actions"] = in.bookings.actions;
  agenda["generatedAt"] = utc_to_local(in.generated_at).iso8601();
  return agenda;
}

}  // namespace panelpack::panel
