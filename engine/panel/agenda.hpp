#pragma once
// A sitting's agenda as data: the cases in order with their time slots and breaks, their
// presenters, and each paper received on time, late or missing. The agenda template is
// filled from it (docs/schema/agenda.schema.json), and the pack follows its order.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/bookings.hpp"
#include "panel/case_summary.hpp"
#include "panel/deadline_rule.hpp"
#include "panel/london_time.hpp"
#include "panel/office_config.hpp"
#include "panel/person.hpp"
#include "panel/sittings.hpp"

namespace panelpack::panel {

struct AgendaInputs {
  const OfficeConfig& office;
  const PanelConfig& panel;
  const Sitting& sitting;
  const Bookings& bookings;
  const std::map<std::string, CaseSummary>& cases;  // by case reference; every booked case
  const WorkingCalendar& calendar;
  UtcInstant generated_at;
};

// A paper of a booked case against the papers deadline.
enum class PaperState { missing, on_time, late };

struct AgendaPaper {
  std::string type;
  std::string type_label;
  PaperState state = PaperState::missing;
  // "received late", and for a paper held elsewhere why it is not in the pack.
  std::string status_label;
  std::optional<std::string> received_at;  // as the bookings file writes it; none: missing
  std::string on_file_elsewhere;           // empty: the paper is in the pack
};

struct AgendaChild {
  std::string child_id;
  std::string name;
  std::optional<CalendarDate> dob;
  std::optional<CalendarDate> expected_due_date;
};

// A booked case in its slot.
struct AgendaItem {
  int number = 0;  // from 1, in booking order
  std::string case_ref;
  AgendaChild child;
  std::string legal_status;  // empty: the case file gives none
  std::string legal_status_label;
  std::string reason;
  std::string reason_label;
  TimeOfDay slot;
  TimeOfDay end_time;
  int minutes = 0;
  std::vector<Person> presenters;
  std::vector<std::string> paper_types;
  std::vector<AgendaPaper> papers;
  std::vector<std::string> missing_papers;  // type labels
  std::vector<std::string> late_papers;     // type labels

  bool all_papers_on_time() const { return missing_papers.empty() && late_papers.empty(); }
};

// One line of the sitting's timetable: a case or a break.
struct ScheduleEntry {
  TimeOfDay start;
  TimeOfDay end;
  bool is_break = false;
  std::string title;     // the break's title, or the case's label
  int number = 0;        // the case's item number; 0 for a break
  std::string case_ref;  // empty for a break
};

struct AgendaCounts {
  std::size_t cases = 0;
  int papers_expected = 0;
  int papers_on_time = 0;
  int papers_late = 0;
  int papers_missing = 0;
};

struct AgendaPanel {
  std::string id;
  std::string name;
  std::string type;
  std::string type_label;
  std::string venue;  // empty: office.json names none
  Person chair;
  Person administrator;
  std::vector<Person> members;
  std::vector<Person> attending;  // the members who sent no apologies
};

// A sitting's agenda, worked out (compute_agenda); to_json gives the agenda schema's data.
struct Agenda {
  std::string local_authority;
  AgendaPanel panel;
  CalendarDate date;
  std::string weekday;
  bool extra_sitting = false;
  std::string sitting_note;  // empty: none
  TimeOfDay start_time;
  TimeOfDay end_time;
  Deadline papers_due;
  Deadline pack_available;
  Deadline minutes_due;
  std::vector<AgendaItem> items;
  std::vector<ScheduleEntry> schedule;
  AgendaCounts counts;
  nlohmann::json apologies;  // Person objects, passed through from the bookings file
  nlohmann::json actions;    // Action objects, passed through from the bookings file
  LondonTime generated_at;
};

// Throws PanelError "unknown_case" for a booked case with no summary, and
// "sitting_past_midnight" when the slots run past 23:59.
Agenda compute_agenda(const AgendaInputs& inputs);

// The agenda as docs/schema/agenda.schema.json describes it: what templates are filled from
// and `agenda --json` prints.
nlohmann::ordered_json to_json(const Agenda& agenda);

// to_json(compute_agenda(inputs)), for callers that want the data only.
nlohmann::ordered_json build_agenda(const AgendaInputs& inputs);

// The papers a booked case is to bring and those it has brought, each with its status against
// the papers deadline, in the booking's order (expected first, then any extra received).
struct PaperStatus {
  std::string type;
  const ReceivedPaper* received = nullptr;  // null: missing
  bool on_time = false;
};
std::vector<PaperStatus> paper_statuses(const BookingItem& item, const Deadline& papers_due);

// "1. LCS900102 (Leah Thornbury)": how the pack's PDF bookmarks and progress name a case.
std::string case_heading(int number, const CaseSummary& summary);

}  // namespace panelpack::panel
