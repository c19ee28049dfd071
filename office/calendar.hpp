#pragma once
// The sittings of the office's panels between two dates (`panelpack calendar`): each with its
// four deadlines in London time, how many cases are booked, and whether it falls on a bank
// holiday or closure day.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {

struct CalendarSitting {
  std::string panel_id;
  std::string panel_name;
  panel::Sitting sitting;
  panel::SittingDeadlines deadlines;
  std::size_t booked = 0;
  std::optional<std::string> day_off;  // a bank holiday or closure it is not confirmed for
  std::string confirmed_on;            // the day off it is confirmed to sit on, when it is
};

struct SittingsCalendar {
  panel::CalendarDate from;
  panel::CalendarDate to;
  std::vector<CalendarSitting> sittings;  // panel by panel (office.json's order), then by date
};

// Every sitting from `from` to `to` (both included) of every panel, or only of `panel_id`.
// Throws OfficeError (bad_input) for a panel office.json does not have, or a bookings file
// that does not read.
SittingsCalendar list_sittings(const Workspace& workspace, panel::CalendarDate from,
                               panel::CalendarDate to,
                               const std::optional<std::string>& panel_id = std::nullopt);

// One deadline: {"local", "utc", "onWorkingDay", "movedFrom"}.
nlohmann::ordered_json to_json(const panel::Deadline& deadline);
// {"from", "to", "sittings": [...]} (`panelpack calendar --json`).
nlohmann::ordered_json to_json(const SittingsCalendar& calendar);

}  // namespace panelpack::office
