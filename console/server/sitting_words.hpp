#pragma once
// A sitting and its deadlines in the words the Today and Calendar pages show them:
// "Tuesday 15 December 2026", "Thursday 10 December 2026 at 12:00".

#include <string>

#include <nlohmann/json.hpp>

#include "office/calendar.hpp"
#include "panel/deadline_rule.hpp"
#include "panel/london_time.hpp"

namespace panelpack::console {

// "Thursday 10 December 2026 at 12:00" (London time).
std::string moment_words(const panel::LondonTime& time);

// {"panel_id", "panel_name", "date" (ISO), "date_words", "href" (/sittings/PANEL/DATE),
// "starts", "papers_due", "reminder", "pack", "minutes", "booked", "booked_words"}
nlohmann::json sitting_row(const office::CalendarSitting& sitting);

}  // namespace panelpack::console
