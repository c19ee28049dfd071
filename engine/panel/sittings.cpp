#include "panel/sittings.hpp"

#include <algorithm>

#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using std::chrono::days;

// The cadence's sitting in the month of `any_day_in_month`, if that month has one.
std::optional<CalendarDate> monthly_sitting(const Cadence& cadence, CalendarDate any_day_in_month) {
  const std::chrono::year year{any_day_in_month.year()};
  const std::chrono::month month{any_day_in_month.month()};
  if (cadence.week_of_month < 0) {
    return CalendarDate{std::chrono::sys_days{
        std::chrono::year_month_weekday_last{year, month, cadence.weekday[std::chrono::last]}}};
  }
  const std::chrono::year_month_weekday nth{
      year, month, cadence.weekday[static_cast<unsigned>(cadence.week_of_month)]};
  if (!nth.ok()) return std::nullopt;
  return CalendarDate{std::chrono::sys_days{nth}};
}

bool in_span(const Cadence& cadence, CalendarDate date) {
  return date >= cadence.from && (!cadence.until || date <= *cadence.until);
}

// Every cadence date in [from, to], before cancellations.
std::vector<CalendarDate> cadence_dates(const Cadence& cadence, CalendarDate from,
                                        CalendarDate to) {
  std::vector<CalendarDate> dates;
  const CalendarDate start = std::max(from, cadence.from);
  const CalendarDate end = cadence.until ? std::min(to, *cadence.until) : to;
  if (end < start) return dates;
  if (cadence.kind == CadenceKind::weekly) {
    const long step = 7L * cadence.every_weeks;
    const long offset = cadence.from.days_until(start);
    CalendarDate date = cadence.from.plus_days((offset + step - 1) / step * step);
    for (; date <= end; date = date.plus_days(step)) dates.push_back(date);
    return dates;
  }
  CalendarDate month{start.year(), start.month(), 1};
  while (month <= end) {
    if (const auto date = monthly_sitting(cadence, month); date && *date >= start && *date <= end) {
      dates.push_back(*date);
    }
    month = month.month() == 12 ? CalendarDate{month.year() + 1, 1, 1}
                                : CalendarDate{month.year(), month.month() + 1, 1};
  }
  return dates;
}

}  // namespace

bool falls_on_cadence(const Cadence& cadence, CalendarDate date) {
  if (!in_span(cadence, date) || date.weekday() != cadence.weekday) return false;
  if (cadence.kind == CadenceKind::weekly) {
    return cadence.from.days_until(date) % (7L * cadence.every_weeks) == 0;
  }
  return monthly_sitting(cadence, date) == date;
}

std::vector<Sitting> sittings_between(const PanelConfig& panel, CalendarDate from,
                                      CalendarDate to) {
  std::vector<Sitting> sittings;
  for (const CalendarDate date : cadence_dates(panel.cadence, from, to)) {
    Sitting sitting{panel.id, date, panel.start_time, false, false, ""};
    const auto cancelled = std::find_if(panel.cancelled.begin(), panel.cancelled.end(),
                                        [&](const NamedDate& day) { return day.date == date; });
    if (cancelled != panel.cancelled.end()) {
      sitting.cancelled = true;
      sitting.note = cancelled->name;
    }
    sittings.push_back(sitting);
  }
  for (const ExtraSitting& extra : panel.extra_sittings) {
    if (extra.date < from || extra.date > to) continue;
    sittings.push_back({panel.id, extra.date, extra.start_time.value_or(panel.start_time), true,
                        false, extra.reason});
  }
  std::stable_sort(sittings.begin(), sittings.end(),
                   [](const Sitting& a, const Sitting& b) { return a.date < b.date; });
  return sittings;
}

Sitting find_sitting(const PanelConfig& panel, CalendarDate date) {
  const auto around = sittings_between(panel, date.plus_days(-366), date.plus_days(366));
  for (const Sitting& sitting : around) {
    if (sitting.date != date) continue;
    if (sitting.cancelled) {
      throw PanelError("sitting_cancelled", date.iso(),
                       "the " + panel.name + " sitting on this date is cancelled" +
                           (sitting.note.empty() ? "" : " (" + sitting.note + ")"));
    }
    return sitting;
  }
  std::string nearest;
  const auto held = [](const Sitting& s) { return !s.cancelled; };
  const auto after = std::find_if(around.begin(), around.end(),
                                  [&](const Sitting& s) { return held(s) && s.date > date; });
  const auto before = std::find_if(around.rbegin(), around.rend(),
                                   [&](const Sitting& s) { return held(s) && s.date < date; });
  if (before != around.rend()) nearest += "the sitting before is " + before->date.iso();
  if (after != around.end()) {
    nearest += std::string{nearest.empty() ? "" : ", "} + "the next is " + after->date.iso();
  }
  throw PanelError("no_sitting", date.iso(),
                   "the " + panel.name + " does not sit on this date" +
                       (nearest.empty() ? "" : "; " + nearest) +
                       " (panelpack calendar lists them)");
}

std::optional<Sitting> next_sitting(const PanelConfig& panel, CalendarDate date) {
  for (const Sitting& sitting : sittings_between(panel, date, date.plus_days(366))) {
    if (!sitting.cancelled) return sitting;
  }
  return std::nullopt;
}

std::optional<std::string> unconfirmed_day_off(const PanelConfig& panel, const Sitting& sitting,
                                               const WorkingCalendar& calendar) {
  if (sitting.date.is_weekend()) return std::nullopt;
  const auto confirmed =
      std::any_of(panel.confirmed_sittings.begin(), panel.confirmed_sittings.end(),
                  [&](const NamedDate& day) { return day.date == sitting.date; });
  if (confirmed) return std::nullopt;
  return calendar.day_off_reason(sitting.date);
}

SittingDeadlines deadlines_for(const PanelConfig& panel, const Sitting& sitting,
                               const WorkingCalendar& calendar) {
  return {apply(panel.deadlines.papers_due, sitting.date, calendar),
          apply(panel.deadlines.reminder, sitting.date, calendar),
          apply(panel.deadlines.pack, sitting.date, calendar),
          apply(panel.deadlines.minutes, sitting.date, calendar)};
}

}  // namespace panelpack::panel
