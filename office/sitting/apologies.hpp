#pragma once
// The members of a panel who sent apologies for a sitting (bookings/PANEL/DATE.json,
// "apologies"): the agenda lists them under apologies and every other member as attending.
// Members are the panel's "members" in office.json, named as it names them (case and outer
// spaces aside). Written like booking.hpp's changes: under the sitting's lock, against the
// version a form was opened on, refusals as results.

#include <string>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

enum class ApologiesChange {
  record,    // these members sent apologies
  withdraw,  // these members will attend after all
  replace,   // exactly these members sent apologies (a form listing every member)
};

struct ApologiesRequest {
  SittingId sitting;
  ApologiesChange how = ApologiesChange::record;
  std::vector<std::string> members;  // names, as office.json writes them
  panel::UtcInstant now;
};

// Refused: not_a_member (naming the panel's members), nothing_to_change (record or withdraw
// that would change nothing), the sitting refusals of booking.hpp; with a version,
// sitting_changed when the file moved on. Apologies of someone who is not a member (written by
// hand) are kept by `replace`.
BookingResult change_apologies(const Workspace& workspace, const ApologiesRequest& request);
BookingResult change_apologies(const Workspace& workspace, const ApologiesRequest& request,
                               const std::string& expected_version);

}  // namespace panelpack::office
