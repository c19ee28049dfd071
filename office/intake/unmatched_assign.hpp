#pragma once
// The administrator places a paper the mailbox could not: onto a booking as one of its papers,
// recorded received when the message arrived (on time or late by the panel's rule) through
// record_uploaded_paper, then the entry moves to intake/assigned/ID/ with who and where, and the
// sender gets the same acknowledgement intake would have sent (kind intake_reply).

#include <string>

#include "mailer/outbox.hpp"
#include "office/intake/unmatched.hpp"
#include "office/sitting/paper_upload.hpp"

namespace panelpack::office {

struct AssignRequest {
  std::string id;  // the unmatched entry
  SittingId sitting;
  std::string case_ref;
  std::string paper_type;  // a code of paper_types.hpp
  std::string actor;       // the account's email, kept in assigned/ID/entry.json
  panel::UtcInstant now;
};

struct AssignResult {
  // Set when nothing was done, in words for the page: "this paper was assigned already",
  // "LCS900199 is not booked on permanence 15 December 2026", the booking's refusal...
  std::optional<std::string> refused;
  std::string stored_as;  // papers/CASEREF/... when done
  bool late = false;
  bool reply_queued = false;

  bool done() const { return !refused; }
};

// Under the sitting's lock (record_uploaded_paper) and the intake folder's lock: two people
// assigning the same paper at once get one done, one "assigned already". Throws OfficeError.
AssignResult assign_unmatched(const Workspace& workspace, mailer::Outbox& outbox,
                              const AssignRequest& request);

}  // namespace panelpack::office
