// `panelpack calendar`: every sitting between two dates with its deadlines and bookings.

#include <array>
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"
#include "workspace.hpp"

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
};

nlohmann::ordered_json deadline_json(const panel::Deadline& deadline) {
  return {{"local", deadline.local.iso8601()},
          {"utc", panel::format_utc(deadline.utc)},
          {"onWorkingDay", deadline.on_working_day}};
}

// "Thu 10 Dec 17:00", with '*' when the day is not a working day.
std::string short_deadline(const panel::Deadline& deadline) {
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto& date = deadline.local.date;
  return std::string{panel::weekday_name(date.weekday()).substr(0, 3)} + " " +
         std::to_string(date.day()) + " " + kMonths[date.month() - 1] + " " +
         deadline.local.time.text() + (deadline.on_working_day ? "" : "*");
}

void print_text(const std::vector<Row>& rows, panel::CalendarDate from, panel::CalendarDate to) {
  std::cout << "Sittings from " << from.iso() << " to " << to.iso() << ": " << rows.size() << '\n';
  bool any_off_day = false;
  const panel::PanelConfig* current = nullptr;
  for (const Row& row : rows) {
    if (row.panel != current) {
      current = row.panel;
      std::cout << '\n' << current->name << " (" << current->id << ")\n";
    }
    std::cout << "  " << panel::weekday_name(row.sitting.date.weekday()).substr(0, 3) << ' '
              << row.sitting.date.iso() << ' ' << row.sitting.start_time.text();
    if (row.sitting.cancelled) {
      std::cout << "  cancelled" << (row.sitting.note.empty() ? "" : ": " + row.sitting.note);
      if (row.booked > 0) std::cout << " (" << row.booked << " still booked: move them)";
      std::cout << '\n';
      continue;
    }
    std::cout << "  " << row.booked << (row.booked == 1 ? " case " : " cases") << "  papers due "
              << short_deadline(row.deadlines.papers_due) << " · reminder "
              << short_deadline(row.deadlines.reminder) << " · pack "
              << short_deadline(row.deadlines.pack) << " · minutes "
              << short_deadline(row.deadlines.minutes);
    if (row.sitting.extra) {
      std::cout << "  (extra" << (row.sitting.note.empty() ? "" : ": " + row.sitting.note) << ")";
    }
    std::cout << '\n';
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

  const Workspace workspace = Workspace::open(arguments.value("office"));
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
      rows.push_back({panel, sitting, panel::deadlines_for(*panel, sitting, workspace.calendar()),
                      bookings ? bookings->items.size() : 0});
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
