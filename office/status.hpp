#pragma once
// What needs the administrator's attention now (`panelpack status`): every finding of the
// panel domain's checks (timeliness.hpp, sitting_attention.hpp) over the office's case,
// bookings and decisions files, in one order (panel::sort_by_attention).

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/records/records_late.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::office {

struct OfficeStatus {
  panel::UtcInstant now;
  std::size_t cases = 0;            // case files read
  std::size_t sittings_booked = 0;  // bookings files read
  std::vector<panel::Finding> findings;
  // Actions of the decisions not done by their due date, on now's London day (action_list.hpp).
  std::size_t overdue_actions = 0;
  // Decision records past their deadline and not on the child's file, by the step they stopped at.
  RecordsLate records_late;
  // The submission mailbox, when it needs a look: the last intake failed ("the last reading of
  // the submission mailbox failed at ...: ...") or papers wait unmatched; "" when neither.
  std::string intake;
  // Files left out because they do not read, each naming the file: the findings may miss
  // what they hold.
  std::vector<std::string> problems;
};

OfficeStatus office_status(const Workspace& workspace, panel::UtcInstant now);

// What a finding's kind is, in words ("papers_missing" -> "Papers missing"); the kind itself
// for one it does not know.
std::string finding_title(const std::string& kind);

// {"kind", "title", "urgency", "caseRef", "childId", "due", "panel", "sitting", "paperType",
// "detail"}: no names, no case content.
nlohmann::ordered_json to_json(const panel::Finding& finding);

// {"now", "cases", "sittingsBooked", "findings", "recordsLate", "problems", "overdueActions",
// "intake"}
// (`panelpack status --json`).
nlohmann::ordered_json to_json(const OfficeStatus& status);

}  // namespace panelpack::office
