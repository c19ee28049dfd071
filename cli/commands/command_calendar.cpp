// `panelpack calendar`: every sitting between two dates with its deadlines and bookings
// (office/calendar.hpp), printed as lines or --json; `panelpack calendar add|cancel|move`
// changes office.json's sittings (office/calendar_changes.hpp), as the console's Calendar does.

#include <array>
#include <iostream>
#include <optional>
#include <string>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/calendar.hpp"
#include "office/calendar_changes.hpp"
#include "office/error.hpp"
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

void print_text(const office::SittingsCalendar& calendar) {
  std::cout << "Sittings from " << day_text(calendar.from) << " to " << day_text(calendar.to)
            << ": " << calendar.sittings.size() << '\n';
  bool any_off_day = false;
  const std::string* current = nullptr;
  for (const office::CalendarSitting& row : calendar.sittings) {
    if (current == nullptr || row.panel_id != *current) {
      current = &row.panel_id;
      std::cout << '\n' << row.panel_name << " (" << row.panel_id << ")\n";
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
    } else if (!row.confirmed_on.empty()) {
      std::cout << "      confirmed to sit on " << row.confirmed_on << '\n';
    }
    any_off_day = any_off_day || !row.deadlines.papers_due.on_working_day ||
                  !row.deadlines.reminder.on_working_day || !row.deadlines.pack.on_working_day ||
                  !row.deadlines.minutes.on_working_day;
  }
  if (any_off_day) std::cout << "\n* falls on a weekend, bank holiday or closure day\n";
}

const std::array<OptionSpec, 4> change_options = {{
    {"office", '\0', true},
    {"reason", '\0', true},
    {"now", '\0', true},
    {"help", 'h', false},
}};

// `calendar add PANEL DATE`, `cancel PANEL DATE`, `move PANEL DATE NEW_DATE`, with --reason.
ExitCode run_calendar_change(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, change_options);
  const auto& given = arguments.positionals();
  const std::string& verb = given.front();
  const office::CalendarChangeKind kind = verb == "add"      ? office::CalendarChangeKind::add
                                          : verb == "cancel" ? office::CalendarChangeKind::cancel
                                                             : office::CalendarChangeKind::move;
  const std::size_t wanted = kind == office::CalendarChangeKind::move ? 4 : 3;
  if (given.size() != wanted) {
    throw UsageError(kind == office::CalendarChangeKind::move
                         ? "calendar move takes PANEL DATE NEW_DATE"
                         : "calendar " + verb + " takes PANEL DATE");
  }
  if (!arguments.value("reason")) {
    throw UsageError("calendar " + verb + " needs --reason: the calendar shows it");
  }
  const auto today = panel::utc_to_local(now_from(arguments.value("now"))).date;
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::CalendarChange change{kind, given[1], given[2], wanted == 4 ? given[3] : "",
                                      *arguments.value("reason")};
  const office::CalendarChangeResult result = office::change_calendar(workspace, change, today);
  if (!result.done) {
    std::string why;
    for (const office::CalendarProblem& problem : result.problems) {
      why += (why.empty() ? "" : "; ") + problem.message;
    }
    throw office::OfficeError(office::OfficeError::Code::bad_input,
                              why + "; office.json was not changed");
  }
  std::cout << result.summary << " (office.json changed: panelpack calendar shows it)\n";
  return ExitCode::success;
}

}  // namespace

ExitCode run_calendar(std::span<const std::string> words) {
  if (!words.empty() &&
      (words.front() == "add" || words.front() == "cancel" || words.front() == "move")) {
    return run_calendar_change(words);
  }
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

  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::SittingsCalendar calendar =
      list_sittings(workspace, from, to, arguments.value("panel"));
  if (arguments.has("json")) {
    std::cout << office::to_json(calendar).dump(2) << '\n';
  } else {
    print_text(calendar);
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
