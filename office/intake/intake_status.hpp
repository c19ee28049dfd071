#pragma once
// How the last reading of the submission mailbox went, kept in OFFICE/intake/status.json for
// the Today page and `panelpack status`: when, and either what it did or why it could not read
// the mailbox (unreachable, TLS, login refused), in words a person can act on.

#include <optional>
#include <string>

#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct IntakeStatus {
  panel::UtcInstant at;
  bool ok = true;
  std::string error;       // when !ok: "the mailbox imap.example.org:993 refused the login: ..."
  std::string error_code;  // when !ok: the MailError code ("mailbox_login")
  int messages = 0;        // read this time
  int filed = 0;           // papers recorded on bookings
  int refused = 0;         // papers refused (wrong type, too large, encrypted, broken...)
  int unmatched = 0;       // papers kept for the administrator to assign
  int waiting = 0;         // unmatched papers not yet assigned, all runs together
};

// Written atomically after every run, failed or not. Throws OfficeError (machine).
void write_intake_status(const Workspace& workspace, const IntakeStatus& status);

// The status of a run the mailbox stopped (`code` and `words` from its MailError): written
// with the papers still waiting counted, so Today keeps showing them. Throws as the above.
void write_failed_intake_status(const Workspace& workspace, panel::UtcInstant at,
                                const std::string& code, const std::string& words);

// Nothing when intake never ran (or the office reads no mailbox).
std::optional<IntakeStatus> read_intake_status(const Workspace& workspace);

}  // namespace panelpack::office
