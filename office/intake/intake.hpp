#pragma once
// `panelpack intake` (run by tick, and on demand from the console's Mailbox page): reads the new
// messages of the office's submission mailbox (mail.intake in office.json), and for each
// attachment finds the booking it belongs to (case reference in the subject, body or file name;
// the sender against the presenters) and the paper type (words such as "chronology"), checks the
// file (DOCX, ODT or PDF by content; the size cap; zip bombs, encrypted and broken files
// refused), records it received when the message arrived (record_uploaded_paper), and queues a
// reply to the sender (kind intake_reply): received on time or late, or what was wrong. What it
// cannot place goes to the unmatched list (unmatched.hpp). Each message is then marked
// processed in the mailbox; a message or file seen before is never recorded twice
// (OFFICE/intake/seen.json). Nothing is deleted.

#include <string>
#include <vector>

#include "mailer/imap_mailbox.hpp"
#include "mailer/outbox.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct IntakeRequest {
  panel::UtcInstant now;
  std::size_t most_messages = 200;  // one run reads at most this many; the rest wait
};

struct IntakeResult {
  int messages = 0;
  int filed = 0;
  int refused = 0;
  int unmatched = 0;
  int already_seen = 0;  // files of messages read before (mailbox not yet marked): skipped
  int replies_queued = 0;
  // One line per paper, ids only, never case content: "LCS900102 chronology filed on
  // permanence 2026-12-15 (on time) from message 1/7".
  std::vector<std::string> lines;
};

// Reads `mailbox` (opened by the caller). Writes intake/status.json. Throws OfficeError
// (machine) when the mailbox fails mid-way; what was done before stays done.
IntakeResult run_intake(const Workspace& workspace, mailer::ImapMailbox& mailbox,
                        mailer::Outbox& outbox, const IntakeRequest& request);

// Opens the office's mailbox (mail.intake, password from its file or environment) and outbox,
// and runs the above. Throws OfficeError: bad_input when office.json has no mail.intake;
// machine when the mailbox is down, refuses TLS or the login (the status file says so too).
IntakeResult run_office_intake(const Workspace& workspace, const IntakeRequest& request);

}  // namespace panelpack::office
