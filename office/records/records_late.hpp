#pragma once
// What is late at each step of the decision records (docs/decisions.md): once a sitting's
// records are due on the children's files (its panel's minutes deadline), every record not on
// file is late, counted by where it stopped: not yet agreed by the chair, agreed but not sent,
// sent but not on the child's file. `panelpack status` and the Today page show the counts.

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"
#include "panel/decisions.hpp"
#include "panel/london_time.hpp"
#include "panel/office_config.hpp"
#include "panel/working_days.hpp"

namespace panelpack::office {

struct RecordsLate {
  std::size_t not_agreed = 0;   // a draft (or a child without a decision) past the deadline
  std::size_t not_sent = 0;     // agreed, not sent to the social worker and team manager
  std::size_t not_on_file = 0;  // sent, not marked as on the child's file

  std::size_t total() const { return not_agreed + not_sent + not_on_file; }
  // {"notAgreed", "notSent", "notOnFile"}
  nlohmann::ordered_json to_json() const;
};

// The counts at `now` over every sitting's decisions file: a record is late once `now` is
// after its sitting's records deadline and it is not on the child's file.
RecordsLate count_records_late(const panel::OfficeConfig& office,
                               const std::vector<panel::SittingDecisions>& decisions,
                               panel::UtcInstant now, const panel::WorkingCalendar& calendar);

}  // namespace panelpack::office
