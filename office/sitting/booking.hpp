#pragma once
// Changing one sitting's bookings (bookings/PANEL/DATE.json): book a case, take it off, move it
// to another place on the agenda, record a paper received for it. Each change reads, checks
// and rewrites the file under the sitting's lock (bookings/PANEL/.DATE.json.lock): a second
// change of the same sitting, from another process or thread, WAITS for the first, so neither
// is lost. A change the booking rules refuse is a result (`refused`), not an exception; files
// that cannot be read or written throw OfficeError.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// A sitting by its panel's id in office.json and its date.
struct SittingId {
  std::string panel_id;
  panel::CalendarDate date;
};

// Case references are given as typed: one in lower case names the case whose file or booking
// is in capitals.
struct BookCaseRequest {
  SittingId sitting;
  std::string case_ref;
  std::optional<std::string> reason;                    // default: the case file's referral
  std::optional<std::vector<std::string>> paper_types;  // default: the case file's papers
  std::optional<int> minutes;                           // default: the panel's slotMinutes
  panel::UtcInstant now;
};

struct RemoveCaseRequest {
  SittingId sitting;
  std::string case_ref;
  panel::UtcInstant now;
};

struct MoveCaseRequest {
  SittingId sitting;
  std::string case_ref;
  std::size_t item = 1;  // its new place on the agenda, from 1
  panel::UtcInstant now;
};

struct ReceivedPaperRequest {
  SittingId sitting;
  std::string case_ref;
  std::string paper_type;                        // a code of paper_types.hpp
  std::optional<panel::UtcInstant> received_at;  // default: now; never after now
  std::optional<std::filesystem::path> file;     // the document (as the caller names it)
  std::string on_file_elsewhere;                 // or why it is kept elsewhere
  panel::UtcInstant now;
};

// Why a change was refused; nothing was written.
enum class BookingRefusal {
  unknown_panel,       // office.json has no panel of that id
  no_sitting,          // the panel does not sit that day
  sitting_cancelled,   // it did, but the sitting is cancelled
  sitting_on_day_off,  // a bank holiday or closure day not confirmed: no bookings
  case_file_unusable,  // cases/CASEREF.json is missing or invalid
  no_referral_reason,  // none given and the case file has none
  not_a_paper_type,    // not a code of paper_types.hpp
  already_booked,      // the case is on the sitting already
  sitting_full,        // maxCases reached
  not_booked,          // removing, moving or recording for a case not on the sitting
  item_out_of_range,   // moving to a place the agenda does not have
  received_after_now,  // a paper is recorded once it has arrived
  no_such_file,        // the document named is not a file
  file_needed,         // a document the pack holds, given neither a file nor where it is
  already_received,    // the same paper (type and file) was recorded already
  sitting_changed,     // the bookings file is not the version the caller expected (a stale form)
  not_a_presenter,     // a presenter without a name or with an email that is not one
  not_a_member,        // apologies of someone who is not a member of the panel
  nothing_to_change,   // apologies recorded already, or withdrawn that were never sent
};

struct BookingResult {
  std::optional<BookingRefusal> refused;  // set: nothing was written
  // Done: what was done ("booked LCS900110 onto permanence 2026-12-15 as item 3").
  // Refused: why, and what to do instead.
  std::string message;
  std::string case_ref;  // the case as booked (capitalised when its file or booking is)
  std::size_t item = 0;  // the case's place on the agenda after the change, from 1; 0: not on it
  // Booking: the coming sittings ("PANEL DATE") the case is booked onto as well.
  std::vector<std::string> also_booked_onto;
  // What the next tick will mail because of the change (change_forecast.hpp); empty: nothing.
  std::string forecast;

  bool done() const { return !refused.has_value(); }
};

BookingResult book_case(const Workspace& workspace, const BookCaseRequest& request);
BookingResult remove_case(const Workspace& workspace, const RemoveCaseRequest& request);
BookingResult move_case(const Workspace& workspace, const MoveCaseRequest& request);
// A document outside the office folder is copied (atomically) into papers/CASEREF/.
BookingResult record_received_paper(const Workspace& workspace,
                                    const ReceivedPaperRequest& request);

// The same four changes from a form opened on `expected_version` of the sitting's bookings
// (bookings_version.hpp): refused as sitting_changed, nothing written, when the file is another
// version by the time the sitting's lock is held, so a stale form never undoes a change.
BookingResult book_case(const Workspace& workspace, const BookCaseRequest& request,
                        const std::string& expected_version);
BookingResult remove_case(const Workspace& workspace, const RemoveCaseRequest& request,
                          const std::string& expected_version);
BookingResult move_case(const Workspace& workspace, const MoveCaseRequest& request,
                        const std::string& expected_version);
BookingResult record_received_paper(const Workspace& workspace, const ReceivedPaperRequest& request,
                                    const std::string& expected_version);

}  // namespace panelpack::office
