#pragma once
// The office configuration (office.json): the council's panels, their cadence, people,
// deadline rules and templates. docs/office.md describes every field.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/bank_holidays.hpp"
#include "panel/calendar_date.hpp"
#include "panel/deadline_rule.hpp"
#include "panel/london_time.hpp"
#include "panel/mail_config.hpp"
#include "panel/person.hpp"
#include "panel/working_days.hpp"

namespace panelpack::panel {

// The four deadlines of every sitting.
struct DeadlineSet {
  DeadlineRule papers_due;
  DeadlineRule reminder;
  DeadlineRule pack;
  DeadlineRule minutes;
};

enum class CadenceKind {
  weekly,   // every `every_weeks` weeks on `weekday`, counted from `from`
  monthly,  // the `week_of_month`-th `weekday` of each month (-1: the last)
};

struct Cadence {
  CadenceKind kind = CadenceKind::weekly;
  std::chrono::weekday weekday = std::chrono::Tuesday;
  int every_weeks = 1;
  int week_of_month = 1;
  CalendarDate from;
  std::optional<CalendarDate> until;
};

// A pause in the sitting: the first case that would start at or after `at` waits for it.
struct SlotBreak {
  TimeOfDay at;
  int minutes = 0;
  std::string title;
};

struct ExtraSitting {
  CalendarDate date;
  std::optional<TimeOfDay> start_time;
  std::string reason;
};

struct PanelConfig {
  std::string id;  // "permanence": on the command line, in file names
  std::string name;
  std::string type;  // PanelType code: permanence_panel, pptm, aep...
  std::string venue;
  Cadence cadence;
  TimeOfDay start_time;
  int slot_minutes = 45;
  std::vector<SlotBreak> breaks;  // in time order
  std::optional<int> max_cases;
  Person chair;
  std::vector<Person> members;
  Person administrator;   // the panel's own, or the office's
  DeadlineSet deadlines;  // the panel's own rules, each falling back to the office's
  std::map<std::string, std::string> templates;  // document kind -> path from the office folder
  std::vector<NamedDate> cancelled;
  std::vector<ExtraSitting> extra_sittings;
  CirculationConfig circulation;  // the panel's own pack options over mail.circulation's

  // The chair, then the members, without repeating an email: who receives the pack.
  std::vector<Person> pack_recipients() const;
};

// The timescales `panelpack status` checks (docs/office.md, Timeliness).
struct Timeliness {
  int first_considered_within_weeks = 6;
  std::optional<CalendarDate> track_from;
  std::string pptm_panel;  // empty: no PPTM cadence is checked
  int pptm_proceedings_weeks = 6;
  int pptm_placement_order_weeks = 6;
  int pptm_care_order_first_year_weeks = 12;
  int lookahead_days = 14;
};

struct OfficeConfig {
  std::string authority;
  Person administrator;
  Person submission_mailbox;
  std::vector<std::string> allowed_domains;
  std::vector<NamedDate> extra_holidays;
  std::vector<NamedDate> closures;
  Timeliness timeliness;
  std::vector<PanelConfig> panels;
  std::map<std::string, std::string> templates;  // the office's own: the report's among them
  std::string decision_record_name;              // Mustache pattern; empty: panelpack's default
  std::optional<MailConfig> mail;  // absent: panelpack tick has no relay to send through

  // Throws PanelError "unknown_panel" naming the ids there are.
  const PanelConfig& panel(std::string_view id) const;
  WorkingCalendar working_calendar() const;
};

// Reads office.json. Every error is a PanelError whose where() is the JSON pointer of the
// value ("/panels/1/cadence/from"): a cadence date that is not on its weekday, two panels
// with one id, a cancelled date the cadence never reaches, a deadline rule that does not read.
OfficeConfig parse_office_config(const nlohmann::json& json);

}  // namespace panelpack::panel
