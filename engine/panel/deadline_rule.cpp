#include "panel/deadline_rule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kFields{"kind", "count",   "direction",
                                                  "time", "weekday", "onDayOff"};
constexpr int kMaxCount = 366;

const json& required(const json& object, const char* field) {
  const auto found = object.find(field);
  if (found == object.end()) {
    throw PanelError("missing_field", field, "the deadline rule needs this field");
  }
  return *found;
}

std::string string_field(const json& value, const char* field, const char* expected) {
  if (!value.is_string()) {
    throw PanelError("invalid_field", field, std::string{"expected "} + expected);
  }
  return value.get<std::string>();
}

int count_field(const json& value) {
  if (!value.is_number_integer() || value.get<long long>() < 0 ||
      value.get<long long>() > kMaxCount) {
    throw PanelError("invalid_field", "count", "expected a whole number from 0 to 366");
  }
  return value.get<int>();
}

CalendarDate nth_weekday_before(CalendarDate sitting, std::chrono::weekday weekday, int count) {
  // Days back to the nearest such weekday strictly before the sitting: 1 to 7.
  const long back = (sitting.weekday() - weekday).count() == 0
                        ? 7
                        : static_cast<long>((sitting.weekday() - weekday).count());
  return sitting.plus_days(-back - 7L * (count - 1));
}

DayOffShift day_off_field(const json& object) {
  const auto found = object.find("onDayOff");
  if (found == object.end()) return DayOffShift::previous_working_day;
  const std::string text = string_field(*found, "onDayOff", "\"before\", \"after\" or \"keep\"");
  if (text == "before") return DayOffShift::previous_working_day;
  if (text == "after") return DayOffShift::next_working_day;
  if (text == "keep") return DayOffShift::keep;
  throw PanelError("invalid_field", "onDayOff", "expected \"before\", \"after\" or \"keep\"");
}

// The working day a deadline moves to from a day off, by the rule's choice.
CalendarDate off_day_off(CalendarDate date, DayOffShift shift, const WorkingCalendar& calendar) {
  if (shift == DayOffShift::keep || calendar.is_working_day(date)) return date;
  return calendar.add_working_days(date, shift == DayOffShift::previous_working_day ? -1 : 1);
}

}  // namespace

std::string to_string(DeadlineKind kind) {
  switch (kind) {
    case DeadlineKind::calendar_days:
      return "calendar_days";
    case DeadlineKind::working_days:
      return "working_days";
    case DeadlineKind::weekday_before:
      return "weekday_before";
  }
  return "";
}

Deadline apply(const DeadlineRule& rule, CalendarDate sitting, const WorkingCalendar& calendar) {
  const int signed_count = rule.direction == Direction::before ? -rule.count : rule.count;
  CalendarDate date = sitting;
  switch (rule.kind) {
    case DeadlineKind::calendar_days:
      date = sitting.plus_days(signed_count);
      break;
    case DeadlineKind::working_days:
      date = calendar.add_working_days(sitting, signed_count);
      break;
    case DeadlineKind::weekday_before:
      date = nth_weekday_before(sitting, rule.weekday, std::max(rule.count, 1));
      break;
  }
  const CalendarDate moved = off_day_off(date, rule.on_day_off, calendar);
  const UtcInstant utc = local_to_utc(moved, rule.time_of_day);
  return {utc_to_local(utc), utc, calendar.is_working_day(moved),
          moved == date ? std::nullopt : std::optional<CalendarDate>{date}};
}

DeadlineRule parse_deadline_rule(const json& object) {
  if (!object.is_object()) {
    throw PanelError("not_an_object", "", "a deadline rule is a JSON object");
  }
  for (const auto& [key, value] : object.items()) {
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
      throw PanelError("unknown_field", key,
                       "a deadline rule has kind, count, direction, time, weekday and onDayOff");
    }
  }

  DeadlineRule rule;
  rule.on_day_off = day_off_field(object);
  const std::string kind = string_field(required(object, "kind"), "kind", "a string");
  if (kind == "calendar_days") {
    rule.kind = DeadlineKind::calendar_days;
  } else if (kind == "working_days") {
    rule.kind = DeadlineKind::working_days;
  } else if (kind == "weekday_before") {
    rule.kind = DeadlineKind::weekday_before;
  } else {
    throw PanelError(
        "invalid_field", "kind",
        "expected calendar_days, working_days or weekday_before, not \"" + kind + "\"");
  }

  try {
    rule.time_of_day =
        TimeOfDay::parse(string_field(required(object, "time"), "time", "a time as \"HH:MM\""));
  } catch (const PanelError& error) {
    if (error.code() != "invalid_time") throw;
    throw PanelError("invalid_field", "time", "expected a time as \"HH:MM\" (00:00-23:59)");
  }

  if (rule.kind == DeadlineKind::weekday_before) {
    if (const auto direction = object.find("direction");
        direction != object.end() && *direction != "before") {
      throw PanelError("invalid_field", "direction", "a weekday_before rule only goes before");
    }
    const auto weekday =
        parse_weekday(string_field(required(object, "weekday"), "weekday", "a weekday name"));
    if (!weekday) {
      throw PanelError("invalid_field", "weekday", "expected a weekday name such as \"thursday\"");
    }
    rule.weekday = *weekday;
    rule.count = object.contains("count") ? count_field(object["count"]) : 1;
    if (rule.count == 0) {
      throw PanelError("invalid_field", "count", "a weekday_before count starts at 1");
    }
    return rule;
  }

  if (object.contains("weekday")) {
    throw PanelError("invalid_field", "weekday", "only a weekday_before rule takes a weekday");
  }
  rule.count = count_field(required(object, "count"));
  const std::string direction =
      string_field(required(object, "direction"), "direction", "\"before\" or \"after\"");
  if (direction == "before") {
    rule.direction = Direction::before;
  } else if (direction == "after") {
    rule.direction = Direction::after;
  } else {
    throw PanelError("invalid_field", "direction", "expected \"before\" or \"after\"");
  }
  return rule;
}

}  // namespace panelpack::panel
