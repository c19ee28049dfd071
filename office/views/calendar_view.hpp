#pragma once
// The Calendar page's model: one month of every panel's sittings (calendar.hpp's list), each
// with its deadlines, its bookings counted, and marked in words as office.json says: an extra
// sitting, a cancelled one, one on a bank holiday or closure day.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/calendar.hpp"
#include "office/workspace.hpp"

namespace panelpack::office {

struct MonthSitting {
  CalendarSitting sitting;  // panel, date, start, the four deadlines, bookings counted
  // "extra sitting: Extra sitting before the Christmas closure", "cancelled: Council closure
  // between Christmas and New Year", "on a day off: Boxing Day (move or confirm it)"; empty for
  // a sitting of the cadence that goes ahead as planned. A moved sitting is, in office.json, a
  // cancelled one and an extra one: each says why.
  std::string marking;
};

struct CalendarView {
  int year = 2000;
  unsigned month = 1;
  std::string month_name;  // "December"
  std::optional<std::string> panel_id;
  std::vector<MonthSitting> sittings;  // date by date, then office.json's panel order
};

// Throws OfficeError (bad_input) as list_sittings does, and for a month that is not 1 to 12.
CalendarView calendar_month(const Workspace& workspace, int year, unsigned month,
                            const std::optional<std::string>& panel_id = std::nullopt);

// {"year", "month", "monthName", "panel", "sittings": [calendar.hpp's entry + "marking"]}
nlohmann::ordered_json to_json(const CalendarView& view);

}  // namespace panelpack::office
