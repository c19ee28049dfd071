#pragma once
// The Sitting page's values for its template, from the office's sitting_view: the agenda in
// words (London dates and times), the bookings with their change forms, the papers grid.

#include <string>

#include <nlohmann/json.hpp>

#include "office/views/sitting_view.hpp"

namespace panelpack::console {

// `can_change`: an administrator's forms; `sees_papers`: the grid (every role but member).
nlohmann::json sitting_page_data(const office::SittingView& view, bool can_change,
                                 bool sees_papers);

// "/sittings/permanence/2026-12-15"
std::string sitting_path(const std::string& panel_id, const std::string& date);

}  // namespace panelpack::console
