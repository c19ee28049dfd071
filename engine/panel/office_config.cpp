#include "panel/office_config.hpp"

#include <algorithm>
#include <set>

#include "panel/json_reading.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"

namespace panelpack::panel {

namespace {

using json_reading::array_of;
using json_reading::child_pointer;
using json_reading::member;
using json_reading::optional_date;
using json_reading::optional_int;
using json_reading::optional_string;
using json_reading::required_date;
using json_reading::required_string;
using json_reading::required_time;
using nlohmann::json;

// A deadline rule's own errors name its field; here they gain the rule's pointer.
DeadlineRule read_rule(const json& rule, const std::string& pointer) {
  try {
    return parse_deadline_rule(rule);
  } catch (const PanelError& error) {
    const std::string where =
        error.where().empty() ? pointer : child_pointer(pointer, error.where());
    const std::string message = error.what();
    const auto colon = message.find(": ");
    throw PanelError(error.code(), where,
                     colon == std::string::npos ? message : message.substr(colon + 2));
  }
}

// The office's rules when `fallback` is empty, the panel's own over them otherwise.
DeadlineSet read_deadlines(const json* object, const std::string& pointer,
                           const DeadlineSet* fallback) {
  const auto one = [&](const char* key, DeadlineRule DeadlineSet::*field) {
    const json* rule = object == nullptr ? nullptr : member(*object, key, pointer);
    if (rule != nullptr) return read_rule(*rule, child_pointer(pointer, key));
    if (fallback != nullptr) return (*fallback).*field;
    throw PanelError("missing_field", child_pointer(pointer, key), "this deadline is required");
  };
  return {one("papersDue", &DeadlineSet::papers_due), one("reminder", &DeadlineSet::reminder),
          one("pack", &DeadlineSet::pack), one("minutes", &DeadlineSet::minutes)};
}

std::map<std::string, std::string> read_templates(const json* object, const std::string& pointer,
                                                  std::map<std::string, std::string> fallback) {
  if (object == nullptr) return fallback;
  if (!object->is_object()) throw PanelError("invalid_field", pointer, "expected an object");
  for (const auto& [kind, path] : object->items()) {
    if (!path.is_string() || path.get<std::string>().empty()) {
      throw PanelError("invalid_field", child_pointer(pointer, kind),
                       "expected the template's path from the office folder");
    }
    fallback[kind] = path.get<std::string>();
  }
  return fallback;
}

std::vector<NamedDate> read_days(const json& object, const std::string& key,
                                 const std::string& pointer, const char* name_key) {
  std::vector<NamedDate> days;
  const std::string list = child_pointer(pointer, key);
  const auto& entries = array_of(object, key, pointer);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string at = child_pointer(list, i);
    days.push_back(
        {required_date(entries[i], "date", at), optional_string(entries[i], name_key, at)});
  }
  return days;
}

std::chrono::weekday read_weekday(const json& object, const std::string& pointer) {
  const std::string text = required_string(object, "weekday", pointer);
  const auto weekday = parse_weekday(text);
  if (!weekday) {
    throw PanelError("invalid_field", child_pointer(pointer, "weekday"),
                     "expected a weekday name such as tuesday");
  }
  return *weekday;
}

Cadence read_cadence(const json& object, const std::string& pointer) {
  Cadence cadence;
  const std::string kind = required_string(object, "kind", pointer);
  if (kind == "weekly") {
    cadence.kind = CadenceKind::weekly;
  } else if (kind == "monthly") {
    cadence.kind = CadenceKind::monthly;
  } else {
    throw PanelError("invalid_field", child_pointer(pointer, "kind"), "expected weekly or monthly");
  }
  cadence.weekday = read_weekday(object, pointer);
  cadence.from = required_date(object, "from", pointer);
  cadence.until = optional_date(object, "until", pointer);
  if (cadence.until && *cadence.until < cadence.from) {
    throw PanelError("invalid_field", child_pointer(pointer, "until"),
                     "the cadence ends before it starts (" + cadence.from.iso() + ")");
  }
  if (cadence.kind == CadenceKind::weekly) {
    cadence.every_weeks = optional_int(object, "everyWeeks", pointer).value_or(1);
    if (cadence.every_weeks < 1 || cadence.every_weeks > 52) {
      throw PanelError("invalid_field", child_pointer(pointer, "everyWeeks"),
                       "expected a number of weeks from 1 to 52");
    }
    if (cadence.from.weekday() != cadence.weekday) {
      throw PanelError("invalid_field", child_pointer(pointer, "from"),
                       cadence.from.iso() + " is a " +
                           std::string{weekday_name(cadence.from.weekday())} +
                           ", not the cadence's weekday; give the date of a first sitting");
    }
  } else {
    cadence.week_of_month = optional_int(object, "week", pointer).value_or(1);
    if (cadence.week_of_month == 0 || cadence.week_of_month < -1 || cadence.week_of_month > 4) {
      throw PanelError("invalid_field", child_pointer(pointer, "week"),
                       "expected 1 to 4 (the first to fourth such weekday) or -1 (the last)");
    }
  }
  return cadence;
}

std::vector<Person> read_people(const json& object, const std::string& key,
                                const std::string& pointer) {
  std::vector<Person> people;
  const auto& entries = array_of(object, key, pointer);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    people.push_back(Person::from_json(entries[i], child_pointer(child_pointer(pointer, key), i)));
  }
  return people;
}

Person read_person(const json& object, const std::string& key, const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) {
    throw PanelError("missing_field", child_pointer(pointer, key), "this person is required");
  }
  return Person::from_json(*value, child_pointer(pointer, key));
}

void check_calendar_changes(const PanelConfig& panel, const std::string& pointer) {
  for (std::size_t i = 0; i < panel.cancelled.size(); ++i) {
    if (!falls_on_cadence(panel.cadence, panel.cancelled[i].date)) {
      throw PanelError("not_a_sitting",
                       child_pointer(child_pointer(pointer, "cancelled"), i) + "/date",
                       panel.cancelled[i].date.iso() +
                           " is not a sitting of the cadence, so it cannot be cancelled");
    }
  }
  std::set<CalendarDate> extra;
  for (std::size_t i = 0; i < panel.extra_sittings.size(); ++i) {
    const CalendarDate date = panel.extra_sittings[i].date;
    const std::string at = child_pointer(child_pointer(pointer, "extraSittings"), i) + "/date";
    const bool cancelled = std::any_of(panel.cancelled.begin(), panel.cancelled.end(),
                                       [&](const NamedDate& day) { return day.date == date; });
    if ((falls_on_cadence(panel.cadence, date) && !cancelled) || !extra.insert(date).second) {
      throw PanelError("duplicate_sitting", at,
                       "the panel already sits on " + date.iso() + "; remove the extra sitting");
    }
  }
}

// The office's timescales when `fallback` is the defaults, a panel's own over the office's.
Timeliness read_timeliness(const json* object, const std::string& pointer,
                           const Timeliness& fallback) {
  Timeliness timeliness = fallback;
  if (object == nullptr) return timeliness;
  const auto weeks = [&](const json& from, const char* key, const std::string& at, int otherwise) {
    const int value = optional_int(from, key, at).value_or(otherwise);
    if (value < 1 || value > 52) {
      throw PanelError("invalid_field", child_pointer(at, key), "expected 1 to 52 weeks");
    }
    return value;
  };
  timeliness.first_considered_within_weeks =
      weeks(*object, "firstConsideredWithinWeeks", pointer, fallback.first_considered_within_weeks);
  if (member(*object, "trackFrom", pointer) != nullptr) {
    timeliness.track_from = optional_date(*object, "trackFrom", pointer);
  }
  if (member(*object, "pptmPanel", pointer) != nullptr) {
    timeliness.pptm_panel = optional_string(*object, "pptmPanel", pointer);
  }
  if (const json* pptm = member(*object, "pptmEveryWeeks", pointer)) {
    const std::string at = child_pointer(pointer, "pptmEveryWeeks");
    timeliness.pptm_proceedings_weeks =
        weeks(*pptm, "proceedings", at, fallback.pptm_proceedings_weeks);
    timeliness.pptm_placement_order_weeks =
        weeks(*pptm, "placementOrder", at, fallback.pptm_placement_order_weeks);
    timeliness.pptm_care_order_first_year_weeks =
        weeks(*pptm, "careOrderFirstYear", at, fallback.pptm_care_order_first_year_weeks);
  }
  timeliness.lookahead_days =
      optional_int(*object, "lookaheadDays", pointer).value_or(fallback.lookahead_days);
  if (timeliness.lookahead_days < 1 || timeliness.lookahead_days > 90) {
    throw PanelError("invalid_field", child_pointer(pointer, "lookaheadDays"),
                     "expected 1 to 90 days");
  }
  return timeliness;
}

void check_confirmed_sittings(const PanelConfig& panel, const std::string& pointer) {
  for (std::size_t i = 0; i < panel.confirmed_sittings.size(); ++i) {
    const CalendarDate date = panel.confirmed_sittings[i].date;
    const bool extra =
        std::any_of(panel.extra_sittings.begin(), panel.extra_sittings.end(),
                    [&](const ExtraSitting& sitting) { return sitting.date == date; });
    const bool cancelled = std::any_of(panel.cancelled.begin(), panel.cancelled.end(),
                                       [&](const NamedDate& day) { return day.date == date; });
    if (!extra && (cancelled || !falls_on_cadence(panel.cadence, date))) {
      throw PanelError("not_a_sitting",
                       child_pointer(child_pointer(pointer, "confirmedSittings"), i) + "/date",
                       date.iso() +
                           " is not a sitting of this panel, so it cannot be confirmed; remove "
                           "it from confirmedSittings, or add it to extraSittings first");
    }
  }
}

// The office.json key of a panel's deadline rule: its own, or the office's it falls back to.
std::string rule_pointer(const json& panel, const std::string& pointer, const char* key) {
  const json* own = member(panel, "deadlines", pointer);
  if (own != nullptr && own->is_object() && own->contains(key)) {
    return child_pointer(child_pointer(pointer, "deadlines"), key);
  }
  return child_pointer("/deadlines", key);
}

// A pack circulated before its papers are due goes out without them: refused for every
// sitting of the panel's first year of cadence and its extra sittings, holidays included.
void check_pack_after_papers(const PanelConfig& panel, const json& object,
                             const std::string& pointer, const WorkingCalendar& calendar) {
  auto sittings = sittings_between(panel, panel.cadence.from, panel.cadence.from.plus_days(366));
  for (const ExtraSitting& extra : panel.extra_sittings) {
    sittings.push_back({panel.id, extra.date, panel.start_time, true, false, extra.reason});
  }
  for (const Sitting& sitting : sittings) {
    if (sitting.cancelled) continue;
    const SittingDeadlines deadlines = deadlines_for(panel, sitting, calendar);
    if (deadlines.pack.utc >= deadlines.papers_due.utc) continue;
    throw PanelError("pack_before_papers", rule_pointer(object, pointer, "pack"),
                     "the pack of the " + sitting.date.iso() + " sitting would circulate at " +
                         deadlines.pack.local.iso8601() + ", before its papers are due at " +
                         deadlines.papers_due.local.iso8601() +
                         "; make the pack deadline later or papersDue earlier (" +
                         rule_pointer(object, pointer, "papersDue") + ")");
  }
}

PanelConfig read_panel(const json& object, const std::string& pointer, const OfficeConfig& office,
                       const DeadlineSet& office_deadlines,
                       const std::map<std::string, std::string>& office_templates) {
  PanelConfig panel;
  panel.id = required_string(object, "id", pointer);
  panel.name = required_string(object, "name", pointer);
  panel.type = required_string(object, "type", pointer);
  panel.venue = optional_string(object, "venue", pointer);
  const json* cadence = member(object, "cadence", pointer);
  if (cadence == nullptr) {
    throw PanelError("missing_field", child_pointer(pointer, "cadence"), "this field is required");
  }
  panel.cadence = read_cadence(*cadence, child_pointer(pointer, "cadence"));
  panel.start_time = required_time(object, "startTime", pointer);
  panel.slot_minutes = optional_int(object, "slotMinutes", pointer).value_or(45);
  if (panel.slot_minutes < 5 || panel.slot_minutes > 480) {
    throw PanelError("invalid_field", child_pointer(pointer, "slotMinutes"),
                     "expected 5 to 480 minutes");
  }
  const auto& breaks = array_of(object, "breaks", pointer);
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    const std::string at = child_pointer(child_pointer(pointer, "breaks"), i);
    const auto minutes = optional_int(breaks[i], "minutes", at);
    if (!minutes || *minutes < 1 || *minutes > 240) {
      throw PanelError("invalid_field", child_pointer(at, "minutes"), "expected 1 to 240 minutes");
    }
    std::string title = optional_string(breaks[i], "title", at);
    panel.breaks.push_back(
        {required_time(breaks[i], "at", at), *minutes, title.empty() ? "Break" : title});
  }
  std::sort(panel.breaks.begin(), panel.breaks.end(), [](const SlotBreak& a, const SlotBreak& b) {
    return a.at.hour * 60 + a.at.minute < b.at.hour * 60 + b.at.minute;
  });
  panel.max_cases = optional_int(object, "maxCases", pointer);
  panel.chair = read_person(object, "chair", pointer);
  panel.members = read_people(object, "members", pointer);
  panel.administrator = member(object, "administrator", pointer) != nullptr
                            ? read_person(object, "administrator", pointer)
                            : office.administrator;
  panel.deadlines = read_deadlines(member(object, "deadlines", pointer),
                                   child_pointer(pointer, "deadlines"), &office_deadlines);
  panel.templates = read_templates(member(object, "templates", pointer),
                                   child_pointer(pointer, "templates"), office_templates);
  panel.cancelled = read_days(object, "cancelled", pointer, "name");
  const auto& extras = array_of(object, "extraSittings", pointer);
  for (std::size_t i = 0; i < extras.size(); ++i) {
    const std::string at = child_pointer(child_pointer(pointer, "extraSittings"), i);
    ExtraSitting extra{required_date(extras[i], "date", at), std::nullopt,
                       optional_string(extras[i], "reason", at)};
    if (member(extras[i], "startTime", at) != nullptr) {
      extra.start_time = required_time(extras[i], "startTime", at);
    }
    panel.extra_sittings.push_back(extra);
  }
  check_calendar_changes(panel, pointer);
  panel.confirmed_sittings = read_days(object, "confirmedSittings", pointer, "reason");
  check_confirmed_sittings(panel, pointer);
  panel.timeliness = read_timeliness(member(object, "timeliness", pointer),
                                     child_pointer(pointer, "timeliness"), office.timeliness);
  panel.circulation = parse_circulation_config(
      member(object, "circulation", pointer), child_pointer(pointer, "circulation"),
      office.mail ? office.mail->circulation : CirculationConfig{});
  return panel;
}

}  // namespace

std::vector<Person> PanelConfig::pack_recipients() const {
  std::vector<Person> recipients{chair};
  for (const Person& person : members) {
    const bool seen = std::any_of(recipients.begin(), recipients.end(), [&](const Person& other) {
      return !person.email.empty() && other.email == person.email;
    });
    if (!seen) recipients.push_back(person);
  }
  return recipients;
}

const PanelConfig& OfficeConfig::panel(std::string_view id) const {
  const auto found = std::find_if(panels.begin(), panels.end(),
                                  [&](const PanelConfig& panel) { return panel.id == id; });
  if (found != panels.end()) return *found;
  std::string known;
  for (const auto& panel : panels) known += (known.empty() ? "" : ", ") + panel.id;
  throw PanelError("unknown_panel", std::string{id},
                   "office.json has no panel with this id; its panels are " + known);
}

WorkingCalendar OfficeConfig::working_calendar() const {
  return WorkingCalendar{extra_holidays, closures};
}

void check_deadline_order(const OfficeConfig& office, const json& json) {
  const WorkingCalendar calendar = office.working_calendar();
  const auto& panels = json.at("panels");
  for (std::size_t i = 0; i < office.panels.size() && i < panels.size(); ++i) {
    check_pack_after_papers(office.panels[i], panels[i], child_pointer("/panels", i), calendar);
  }
}

OfficeConfig parse_office_config(const json& json) {
  OfficeConfig office;
  office.authority = required_string(json, "authority", "");
  if (const std::string zone = optional_string(json, "timeZone", "");
      !zone.empty() && zone != "Europe/London") {
    throw PanelError("invalid_field", "/timeZone", "panelpack works in Europe/London time only");
  }
  office.administrator = read_person(json, "administrator", "");
  office.submission_mailbox = read_person(json, "submissionMailbox", "");
  for (const auto& domain : array_of(json, "allowedDomains", "")) {
    if (!domain.is_string()) throw PanelError("invalid_field", "/allowedDomains", "expected text");
    office.allowed_domains.push_back(domain.get<std::string>());
  }
  if (const nlohmann::json* holidays = member(json, "holidays", "")) {
    office.extra_holidays = read_days(*holidays, "extra", "/holidays", "name");
    office.closures = read_days(*holidays, "closures", "/holidays", "name");
  }
  office.timeliness = read_timeliness(member(json, "timeliness", ""), "/timeliness", Timeliness{});
  if (const nlohmann::json* mail = member(json, "mail", "")) {
    office.mail = parse_mail_config(*mail, "/mail");
  }
  const DeadlineSet deadlines =
      read_deadlines(member(json, "deadlines", ""), "/deadlines", nullptr);
  const auto templates = read_templates(member(json, "templates", ""), "/templates", {});
  office.templates = templates;
  office.decision_record_name = optional_string(json, "decisionRecordName", "");

  const auto& panels = array_of(json, "panels", "");
  if (panels.empty()) throw PanelError("missing_field", "/panels", "the office needs a panel");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < panels.size(); ++i) {
    const std::string at = child_pointer("/panels", i);
    office.panels.push_back(read_panel(panels[i], at, office, deadlines, templates));
    if (!ids.insert(office.panels.back().id).second) {
      throw PanelError("duplicate_panel", at + "/id",
                       "two panels have the id \"" + office.panels.back().id + "\"");
    }
  }
  if (!office.timeliness.pptm_panel.empty() && !ids.contains(office.timeliness.pptm_panel)) {
    throw PanelError("unknown_panel", "/timeliness/pptmPanel",
                     "no panel has the id \"" + office.timeliness.pptm_panel + "\"");
  }
  return office;
}

std::string installed_template_name(std::string_view kind) {
  if (kind == "email") return "email";
  return std::string(kind) + ".docx";
}

const std::vector<std::string>& template_kinds() {
  static const std::vector<std::string> kinds = {
      "agenda", "referral", "matching", "finance-request", "decision-record", "email", "report"};
  return kinds;
}

}  // namespace panelpack::panel
