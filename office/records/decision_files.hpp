#pragma once
// The decisions files of an office (decisions/PANEL/DATE.json): read, checked against their
// schema and the sitting's bookings, every problem named by file, line and JSON pointer.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/workspace.hpp"
#include "panel/decisions.hpp"

namespace panelpack::office {

std::filesystem::path decisions_path(const Workspace& workspace, const std::string& panel_id,
                                     panel::CalendarDate date);

// A sitting's decisions, or nothing when none are recorded. Throws OfficeError (bad_input)
// listing every problem: schema errors, a case decided twice, a file whose panel and date
// disagree with its name.
std::optional<panel::SittingDecisions> load_decisions(const Workspace& workspace,
                                                      const std::string& panel_id,
                                                      panel::CalendarDate date);

// Every sitting's decisions; files that cannot be used are named in `problems` and left out.
std::vector<panel::SittingDecisions> load_all_decisions(const Workspace& workspace,
                                                        std::vector<std::string>& problems);

}  // namespace panelpack::office
