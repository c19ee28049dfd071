#include "office/calendar.hpp"

#include <utility>

#include "office/error.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace {

// Sets the bank holiday or closure the sitting falls on, or the one it is confirmed for.
void find_day_off(const panel::PanelConfig& panel, const panel::WorkingCalendar& calendar,
                  CalendarSitting& row) {
  if (row.sitting.cancelled) return;
  row.day_off = panel::unconfirmed_day_off(panel, row.sitting, calendar);
  if (row.day_off) return;
  for (const auto& confirmed : panel.confirmed_sittings) {
    if (confirmed.date == row.sitting.date) {
      row.confirmed_on = calendar.day_off_reason(row.sitting.date).value_or("") +
                         (confirmed.name.empty() ? "" : ": " + confirmed.name);
      return;
    }
  }
}

}  // namespace

SittingsCalendar list_sittings(const Workspace& workspace, panel::CalendarDate from,
                               panel::CalendarDate to, const std::optional<std::string>& panel_id) {
  std::vector<const panel::PanelConfig*> panels;
  try {
    if (panel_id) {
      panels.push_back(&workspace.office().panel(*panel_id));
    } else {
      for (const auto& panel : workspace.office().panels) panels.push_back(&panel);
    }
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  SittingsCalendar result{from, to, {}};
  for (const panel::PanelConfig* panel : panels) {
    for (const auto& sitting : panel::sittings_between(*panel, from, to)) {
      CalendarSitting row;
      row.panel_id = panel->id;
      row.panel_name = panel->name;
      row.sitting = sitting;
      row.deadlines = panel::deadlines_for(*panel, sitting, workspace.calendar());
      const auto bookings = workspace.load_bookings(panel->id, sitting.date);
      row.booked = bookings ? bookings->items.size() : 0;
      find_day_off(*panel, workspace.calendar(), row);
      result.sittings.push_back(std::move(row));
    }
  }
  return result;
}

nlohmann::ordered_json to_json(const panel::Deadline& deadline) {
  nlohmann::ordered_json json{{"local", deadline.local.iso8601()},
                              {"utc", panel::format_utc(deadline.utc)},
                              {"onWorkingDay", deadline.on_working_day}};
  json["movedFrom"] = deadline.moved_from ? nlohmann::ordered_json(deadline.moved_from->iso())
                                          : nlohmann::ordered_json(nullptr);
  return json;
}

nlohmann::ordered_json to_json(const SittingsCalendar& calendar) {
  nlohmann::ordered_json sittings = nlohmann::ordered_json::array();
  for (const CalendarSitting& row : calendar.sittings) {
    nlohmann::ordered_json entry{{"panel", row.panel_id},
                                 {"panelName", row.panel_name},
                                 {"date", row.sitting.date.iso()},
                                 {"weekday", panel::weekday_name(row.sitting.date.weekday())},
                                 {"startTime", row.sitting.start_time.text()},
                                 {"extra", row.sitting.extra},
                                 {"cancelled", row.sitting.cancelled},
                                 {"note", row.sitting.note},
                                 {"booked", row.booked}};
    entry["dayOff"] =
        row.day_off ? nlohmann::ordered_json(*row.day_off) : nlohmann::ordered_json(nullptr);
    entry["confirmedOnDayOff"] = !row.confirmed_on.empty();
    entry["deadlines"] = {{"papersDue", to_json(row.deadlines.papers_due)},
                          {"reminder", to_json(row.deadlines.reminder)},
                          {"pack", to_json(row.deadlines.pack)},
                          {"minutes", to_json(row.deadlines.minutes)}};
    sittings.push_back(std::move(entry));
  }
  return {
      {"from", calendar.from.iso()}, {"to", calendar.to.iso()}, {"sittings", std::move(sittings)}};
}

}  // namespace panelpack::office
