#include "office/calendar_changes.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/mail/mail_content.hpp"
#include "office/validated_json.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {
namespace {

using panel::CalendarDate;
using Json = nlohmann::ordered_json;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The date typed in a field, or a problem beside it.
std::optional<CalendarDate> read_date(const std::string& typed, CalendarField field,
                                      const char* what, CalendarDate today,
                                      std::vector<CalendarProblem>& problems) {
  const std::string text = trimmed(typed);
  if (text.empty()) {
    problems.push_back({field, std::string("Enter ") + what + " as a date, like 2027-01-19"});
    return std::nullopt;
  }
  CalendarDate date;
  try {
    date = CalendarDate::parse(text);
  } catch (const panel::PanelError&) {
    problems.push_back({field, std::string(what) + " must be a real date, like 2027-01-19"});
    return std::nullopt;
  }
  if (date < today) {
    problems.push_back(
        {field, std::string(what) + " must be today or later: " + long_date(date) + " has passed"});
    return std::nullopt;
  }
  return date;
}

// The sitting of `panel` on `date`: nothing when it does not sit that day.
std::optional<panel::Sitting> sitting_on(const panel::PanelConfig& panel, CalendarDate date) {
  const auto sittings = panel::sittings_between(panel, date, date);
  if (sittings.empty()) return std::nullopt;
  // A cancelled cadence date put back as an extra sitting shows both: the extra one counts.
  const auto held = std::find_if(sittings.begin(), sittings.end(),
                                 [](const panel::Sitting& s) { return !s.cancelled; });
  return held != sittings.end() ? *held : sittings.front();
}

// Why a new sitting may not go on `date`, if it may not.
std::optional<std::string> add_problem(const panel::PanelConfig& panel, CalendarDate date) {
  const auto existing = sitting_on(panel, date);
  if (existing && !existing->cancelled) {
    return "The " + panel.name + " already sits on " + long_date(date) + ". Choose another date";
  }
  return std::nullopt;
}

// Why the sitting on `date` may not be cancelled or moved, if it may not.
std::optional<std::string> removal_problem(const Workspace& workspace,
                                           const panel::PanelConfig& panel, CalendarDate date) {
  const auto existing = sitting_on(panel, date);
  if (!existing) {
    return "The " + panel.name + " does not sit on " + long_date(date) +
           ". Choose one of its sittings from the calendar";
  }
  if (existing->cancelled) return "The sitting on " + long_date(date) + " is already cancelled";
  if (const auto bookings = workspace.load_bookings(panel.id, date);
      bookings && !bookings->items.empty()) {
    return std::to_string(bookings->items.size()) + " case" +
           (bookings->items.size() == 1 ? " is" : "s are") + " booked onto " + long_date(date) +
           ". Move them to another sitting first (the sitting's page), then change it";
  }
  return std::nullopt;
}

Json& array_of(Json& panel, const char* key) {
  if (!panel.contains(key) || !panel[key].is_array()) panel[key] = Json::array();
  return panel[key];
}

void erase_date(Json& panel, const char* key, const CalendarDate& date) {
  if (!panel.contains(key) || !panel[key].is_array()) return;
  Json& list = panel[key];
  for (auto entry = list.begin(); entry != list.end();) {
    if (entry->value("date", "") == date.iso()) {
      entry = list.erase(entry);
    } else {
      ++entry;
    }
  }
}

// Keeps a list of {"date": ...} in date order, as a person editing the file would.
void insert_by_date(Json& list, Json entry) {
  const std::string date = entry["date"].get<std::string>();
  auto place = list.begin();
  while (place != list.end() && place->value("date", "") < date) ++place;
  list.insert(place, std::move(entry));
}

// office.json's panel object whose id is `id`.
Json& panel_object(Json& office, const std::string& id) {
  for (Json& panel : office["panels"]) {
    if (panel.value("id", "") == id) return panel;
  }
  throw OfficeError(OfficeError::Code::bad_input, "office.json has no panel " + id);
}

// The sitting on `date` will not happen: an extra one leaves extraSittings, a cadence one goes
// into cancelled with the reason; a confirmation of it goes too (office.json refuses one for a
// date that is not sat).
void cancel_in(Json& panel, const panel::Sitting& sitting, const std::string& reason) {
  erase_date(panel, "confirmedSittings", sitting.date);
  if (sitting.extra) {
    erase_date(panel, "extraSittings", sitting.date);
    return;
  }
  insert_by_date(array_of(panel, "cancelled"),
                 Json{{"date", sitting.date.iso()}, {"name", reason}});
}

// A sitting on `date`: a cancelled cadence date is put back, any other date is an extra sitting.
void add_in(Json& panel, const panel::PanelConfig& config, CalendarDate date,
            const std::string& reason, const std::optional<std::string>& start_time) {
  const auto existing = sitting_on(config, date);
  if (existing && existing->cancelled && !existing->extra) {
    erase_date(panel, "cancelled", date);
    return;
  }
  Json entry{{"date", date.iso()}};
  if (start_time) entry["startTime"] = *start_time;
  entry["reason"] = reason;
  insert_by_date(array_of(panel, "extraSittings"), std::move(entry));
}

// The start time an extra sitting being moved had of its own.
std::optional<std::string> own_start_time(const Json& panel, CalendarDate date) {
  if (!panel.contains("extraSittings")) return std::nullopt;
  for (const Json& extra : panel["extraSittings"]) {
    if (extra.value("date", "") == date.iso() && extra.contains("startTime")) {
      return extra["startTime"].get<std::string>();
    }
  }
  return std::nullopt;
}

CalendarChangeResult refused(std::vector<CalendarProblem> problems) {
  CalendarChangeResult result;
  result.problems = std::move(problems);
  return result;
}

}  // namespace

CalendarChangeResult change_calendar(const Workspace& workspace, const CalendarChange& change,
                                     CalendarDate today, const std::string* expected_version) {
  std::vector<CalendarProblem> problems;
  const bool moving = change.kind == CalendarChangeKind::move;
  const auto date = read_date(change.date, CalendarField::date,
                              change.kind == CalendarChangeKind::add ? "The date" : "The sitting",
                              today, problems);
  std::optional<CalendarDate> new_date;
  if (moving) {
    new_date = read_date(change.new_date, CalendarField::new_date, "The new date", today, problems);
    if (date && new_date && *date == *new_date) {
      problems.push_back({CalendarField::new_date, "The new date is the sitting's own date"});
      new_date.reset();
    }
  }
  const std::string reason = trimmed(change.reason);
  if (reason.empty()) {
    problems.push_back({CalendarField::reason, "Enter the reason: the calendar shows it"});
  }
  if (trimmed(change.panel_id).empty()) {
    problems.push_back({CalendarField::panel, "Choose the panel"});
  }
  if (!problems.empty()) return refused(std::move(problems));

  CalendarChangeResult result;
  const auto changed = change_office(workspace.root(), expected_version, [&](Json& office) {
    // office.json as it is now, under the lock, not as the caller read it.
    const Workspace current = Workspace::open(workspace.root());
    const auto& panels = current.office().panels;
    const auto found = std::find_if(panels.begin(), panels.end(), [&](const auto& p) {
      return p.id == trimmed(change.panel_id);
    });
    if (found == panels.end()) {
      problems.push_back({CalendarField::panel, "There is no panel " + trimmed(change.panel_id) +
                                                    " in office.json. Choose one from the list"});
      return false;
    }
    const panel::PanelConfig& panel = *found;
    // A booking made while the sitting is being taken away would be left on nothing.
    std::optional<FileLock> bookings_lock;
    if (change.kind != CalendarChangeKind::add) {
      bookings_lock.emplace(lock_path_beside(current.bookings_path(panel.id, *date)));
      if (auto problem = removal_problem(current, panel, *date)) {
        problems.push_back({CalendarField::date, std::move(*problem)});
      }
    }
    if (change.kind == CalendarChangeKind::add) {
      if (auto problem = add_problem(panel, *date)) {
        problems.push_back({CalendarField::date, std::move(*problem)});
      }
    }
    if (moving) {
      if (auto problem = add_problem(panel, *new_date)) {
        problems.push_back({CalendarField::new_date, std::move(*problem)});
      }
    }
    if (!problems.empty()) return false;

    Json& entry = panel_object(office, panel.id);
    switch (change.kind) {
      case CalendarChangeKind::add:
        add_in(entry, panel, *date, reason, std::nullopt);
        result.summary = "Sitting added on " + long_date(*date);
        result.sitting_ids = {panel.id + "/" + date->iso()};
        break;
      case CalendarChangeKind::cancel:
        cancel_in(entry, *sitting_on(panel, *date), reason);
        result.summary = "Sitting on " + long_date(*date) + " cancelled";
        result.sitting_ids = {panel.id + "/" + date->iso()};
        break;
      case CalendarChangeKind::move: {
        const panel::Sitting old = *sitting_on(panel, *date);
        const auto start = old.extra ? own_start_time(entry, *date) : std::nullopt;
        cancel_in(entry, old, reason);
        add_in(entry, panel, *new_date, reason, start);
        result.summary = "Sitting on " + long_date(*date) + " moved to " + long_date(*new_date);
        result.sitting_ids = {panel.id + "/" + date->iso(), panel.id + "/" + new_date->iso()};
        break;
      }
    }
    return true;
  });
  if (changed.stale) {
    CalendarChangeResult stale;
    stale.stale = true;
    stale.problems.push_back(
        {CalendarField::office,
         "The calendar changed since you opened it. Look at it again, then make your change"});
    return stale;
  }
  if (!problems.empty()) return refused(std::move(problems));
  if (!changed.problems.empty()) {
    return refused({{CalendarField::office,
                     "office.json would not be valid after this change, so "
                     "nothing was changed: " +
                         problems_message(problem_lines(changed.problems))}});
  }
  result.done = changed.done;
  return result;
}

}  // namespace panelpack::office
