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

// The timescales `panelpack status` checks (docs/office.md, Timeliness). A panel's own
// (firstConsideredWithinWeeks, pptmEveryWeeks) replace the office's one by one.
struct Timeliness {
  int first_considered_within_weeks = 6;
  std::optional<CalendarDate> track_from;
  std::string pptm_panel;  // empty: no PPTM cadence is checked
  int pptm_proceedings_weeks = 6;
  int pptm_placement_order_weeks = 6;
  int pptm_care_order_first_year_weeks = 12;
  int lookahead_days = 14;
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
  // Sittings kept on a bank holiday or closure day on purpose (confirmedSittings): only these
  // are booked and mailed about; any other sitting on a day off must be moved first.
  std::vector<NamedDate> confirmed_sittings;
  Timeliness timeliness;          // the office's, with the panel's own over it
  CirculationConfig circulation;  // the panel's own pack options over mail.circulation's

  // The chair, then the members, without repeating an email: who receives the pack.
  std::vector<Person> pack_recipients() const;
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

// The name of the template panelpack installs for `kind`, inside its templates folder:
// "agenda.docx", and "email" for the folder of email templates. An office whose office.json
// names no template of a kind uses this one (docs/office.md, Templates).
std::string installed_template_name(std::string_view kind);

// The kinds of template office.json may name ("agenda", "referral", ... "email", "report").
const std::vector<std::string>& template_kinds();

// Refuses an office whose pack would circulate before its papers are due, on any sitting of a
// panel's first year of cadence or any extra sitting: PanelError "pack_before_papers" whose
// where() is the pack rule's office.json key (the panel's own, or /deadlines/pack). `json` is
// what `office` was parsed from. Every office command and `validate` run it.
void check_deadline_order(const OfficeConfig& office, const nlohmann::json& json);

}  // namespace panelpack::panel
