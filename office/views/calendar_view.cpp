#include "office/views/calendar_view.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "office/error.hpp"
#include "text/iso_date.hpp"

namespace panelpack::office {

namespace {

std::string marking(const CalendarSitting& row) {
  if (row.sitting.cancelled) return "cancelled: " + row.sitting.note;
  if (row.day_off) return "on a day off: " + *row.day_off + " (move or confirm it)";
  std::string words = row.sitting.extra ? "extra sitting: " + row.sitting.note : "";
  if (!row.confirmed_on.empty()) {
    words += (words.empty() ? "" : "; ") + std::string("confirmed to sit on ") + row.confirmed_on;
  }
  return words;
}

panel::CalendarDate last_day(int year, unsigned month) {
  const std::chrono::year_month_day_last last{std::chrono::year{year} / std::chrono::month{month} /
                                              std::chrono::last};
  return panel::CalendarDate(year, month, static_cast<unsigned>(last.day()));
}

}  // namespace

CalendarView calendar_month(const Workspace& workspace, int year, unsigned month,
                            const std::optional<std::string>& panel_id) {
  if (month < 1 || month > 12 || year < 1 || year > 9999) {
    throw OfficeError(OfficeError::Code::bad_input, "no month " + std::to_string(year) + "-" +
                                                        std::to_string(month) +
                                                        ": give a year and a month from 1 to 12");
  }
  CalendarView view;
  view.year = year;
  view.month = month;
  view.month_name = std::string(text::month_name(month));
  view.panel_id = panel_id;
  SittingsCalendar listed = list_sittings(workspace, panel::CalendarDate(year, month, 1),
                                          last_day(year, month), panel_id);
  for (CalendarSitting& row : listed.sittings) {
    std::string words = marking(row);
    view.sittings.push_back({std::move(row), std::move(words)});
  }
  // A month is read day by day; list_sittings gives panel by panel (stable keeps its order).
  std::stable_sort(view.sittings.begin(), view.sittings.end(),
                   [](const MonthSitting& a, const MonthSitting& b) {
                     return a.sitting.sitting.date < b.sitting.sitting.date;
                   });
  return view;
}

nlohmann::ordered_json to_json(const CalendarView& view) {
  SittingsCalendar listed;
  for (const MonthSitting& row : view.sittings) listed.sittings.push_back(row.sitting);
  nlohmann::ordered_json sittings = to_json(listed)["sittings"];
  for (std::size_t i = 0; i < view.sittings.size(); ++i) {
    sittings[i]["marking"] = view.sittings[i].marking;
  }
  nlohmann::ordered_json json{
      {"year", view.year}, {"month", view.month}, {"monthName", view.month_name}};
  json["panel"] = view.panel_id ? nlohmann::ordered_json(*view.panel_id) : nullptr;
  json["sittings"] = std::move(sittings);
  return json;
}

}  // namespace panelpack::office
