// `panelpack calendar`: every sitting between two dates with its deadlines and bookings.

#include <array>
#include <iostream>
#include <optional>
#include <utility>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office_arguments.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"
#include "text/iso_date.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 7> calendar_options = {{
    {"office", '\0', true},
    {"from", '\0', true},
    {"to", '\0', true},
    {"panel", '\0', true},
    {"json", '\0', false},
    {"now", '\0', true},
    {"help", 'h', false},
}};

// How far ahead the calendar looks when --to is not given.
constexpr long kDefaultWeeks = 8;

struct Row {
  const panel::PanelConfig* panel = nullptr;
  panel::Sitting sitting;
  panel::SittingDeadlines deadlines;
  std::size_t booked = 0;
  std::optional<std::string> day_off;  // a bank holiday or closure it is not confirmed for
  std::string confirmed;               // why it sits on a day off, when confirmed
};

nlohmann::ordered_json deadline_json(const panel::Deadline& deadline) {
  nlohmann::ordered_json json{{"local", deadline.local.iso8601()},
                              {"utc", panel::format_utc(deadline.utc)},
                              {"onWorkingDay", deadline.on_working_day}};
  json["movedFrom"] = deadline.moved_from ? nlohmann::ordered_json(deadline.moved_from->iso())
                                          : nlohmann::ordered_json(nullptr);
  return json;
}

// One date style throughout: "Tue 15 Dec 2026", the year left out when `year` is the same.
std::string day_text(panel::CalendarDate date, std::optional<int> year = std::nullopt) {
  std::string text = std::string{panel::weekday_name(date.weekday()).substr(0, 3)} + " " +
                     std::to_string(date.day()) + " " +
                     std::string{text::month_abbreviation(date.month())};
  if (year != date.year()) text += " " + std::to_string(date.year());
  return text;
}

// "Thu 10 Dec 17:00" (the sitting's year is not repeated), with '*' when the day is not a
// working day.
std::string short_deadline(const panel::Deadline& deadline, panel::CalendarDate sitting) {
  return day_text(deadline.local.date, sitting.year()) + " " + deadline.local.time.text() +
         (deadline.on_working_day ? "" : "*");
}

// The bank holiday or closure a sitting falls on, and whether the panel confirmed it.
std::pair<std::optional<std::string>, std::string> day_off_of(
    const panel::PanelConfig& panel, const panel::Sitting& sitting,
    const panel::WorkingCalendar& calendar) {
  if (sitting.cancelled) return {std::nullopt, ""};
  if (auto day_off = panel::unconfirmed_day_off(panel, sitting, calendar)) return {day_off, ""};
  for (const auto& confirmed : panel.confirmed_sittings) {
    if (confirmed.date == sitting.date) {
      return {std::nullopt, calendar.day_off_reason(sitting.date).value_or("") +
                                (confirmed.name.empty() ? "" : ": " + confirmed.name)};
    }
  }
  return {std::nullopt, ""};
}

void print_text(const std::vector<Row>& rows, panel::CalendarDate from, panel::CalendarDate to) {
  std::cout << "Sittings from " << day_text(from) << " to " << day_text(to) << ": " << rows.size()
            << '\n';
  bool any_off_day = false;
  const panel::PanelConfig* current = nullptr;
  for (const Row& row : rows) {
    if (row.panel != current) {
      current = row.panel;
      std::cout << '\n' << current->name << " (" << current->id << ")\n";
    }
    std::cout << "  " << day_text(row.sitting.date) << ' ' << row.sitting.start_time.text();
    if (row.sitting.cancelled) {
      std::cout << "  cancelled" << (row.sitting.note.empty() ? "" : ": " + row.sitting.note);
      if (row.booked > 0) std::cout << " (" << row.booked << " still booked: move them)";
      std::cout << '\n';
      continue;
    }
    const auto date = row.sitting.date;
    std::cout << "  " << row.booked << (row.booked == 1 ? " case " : " cases") << "  papers due "
              << short_deadline(row.deadlines.papers_due, date) << " · reminder "
              << short_deadline(row.deadlines.reminder, date) << " · pack "
              << short_deadline(row.deadlines.pack, date) << " · minutes "
              << short_deadline(row.deadlines.minutes, date);
    if (row.sitting.extra) {
      std::cout << "  (added" << (row.sitting.note.empty() ? "" : ": " + row.sitting.note) << ")";
    }
    std::cout << '\n';
    if (row.day_off) {
      std::cout << "      ! falls on " << *row.day_off
                << ": no mail, no bookings until it is moved or confirmed (confirmedSittings)\n";
    } else if (!row.confirmed.empty()) {
      std::cout << "      confirmed to sit on " << row.confirmed << '\n';
    }
    any_off_day = any_off_day || !row.deadlines.papers_due.on_working_day ||
                  !row.deadlines.reminder.on_working_day || !row.deadlines.pack.on_working_day ||
                  !row.deadlines.minutes.on_working_day;
  }
  if (any_off_day) std::cout << "\n* falls on a weekend, bank holiday or closure day\n";
}

void print_json(const std::vector<Row>& rows, panel::CalendarDate from, panel::CalendarDate to) {
  nlohmann::ordered_json sittings = nlohmann::ordered_json::array();
  for (const Row& row : rows) {
    nlohmann::ordered_json entry{{"panel", row.panel->id},
                                 {"panelName", row.panel->name},
                                 {"date", row.sitting.date.iso()},
                                 {"weekday", panel::weekday_name(row.sitting.date.weekday())},
                                 {"startTime", row.sitting.start_time.text()},
                                 {"extra", row.sitting.extra},
                                 {"cancelled", row.sitting.cancelled},
                                 {"note", row.sitting.note},
                                 {"booked", row.booked}};
    entry["dayOff"] =
        row.day_off ? nlohmann::ordered_json(*row.day_off) : nlohmann::ordered_json(nullptr);
    entry["confirmedOnDayOff"] = !row.confirmed.empty();
    entry["deadlines"] = {{"papersDue", deadline_json(row.deadlines.papers_due)},
                          {"reminder", deadline_json(row.deadlines.reminder)},
                          {"pack", deadline_json(row.deadlines.pack)},
                          {"minutes", deadline_json(row.deadlines.minutes)}};
    sittings.push_back(std::move(entry));
  }
  const nlohmann::ordered_json output{
      {"from", from.iso()}, {"to", to.iso()}, {"sittings", std::move(sittings)}};
  std::cout << output.dump(2) << '\n';
}

}  // namespace

ExitCode run_calendar(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, calendar_options);
  if (!arguments.positionals().empty())
    throw UsageError("calendar takes no arguments, only options");
  const auto today = panel::utc_to_local(now_from(arguments.value("now"))).date;
  const auto from_text = arguments.value("from");
  const auto to_text = arguments.value("to");
  const auto from = from_text ? date_argument(*from_text, "--from") : today;
  const auto to = to_text ? date_argument(*to_text, "--to") : from.plus_days(7 * kDefaultWeeks);
  if (to < from) throw UsageError("--to is before --from");
  if (from.days_until(to) > 3 * 366) throw UsageError("the calendar covers at most three years");

  const Workspace workspace = open_workspace(arguments.value("office"));
  std::vector<const panel::PanelConfig*> panels;
  try {
    if (const auto only = arguments.value("panel")) {
      panels.push_back(&workspace.office().panel(*only));
    } else {
      for (const auto& panel : workspace.office().panels) panels.push_back(&panel);
    }
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }

  std::vector<Row> rows;
  for (const panel::PanelConfig* panel : panels) {
    for (const auto& sitting : panel::sittings_between(*panel, from, to)) {
      const auto bookings = workspace.load_bookings(panel->id, sitting.date);
      auto [day_off, confirmed] = day_off_of(*panel, sitting, workspace.calendar());
      rows.push_back({panel, sitting, panel::deadlines_for(*panel, sitting, workspace.calendar()),
                      bookings ? bookings->items.size() : 0, std::move(day_off),
                      std::move(confirmed)});
    }
  }
  if (arguments.has("json")) {
    print_json(rows, from, to);
  } else {
    print_text(rows, from, to);
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
