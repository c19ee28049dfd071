#pragma once
// The reply to someone who sent a paper to the submission mailbox (kind intake_reply, templates
// templates/email/intake_reply.*): received on time or late for which panel, not taken and why,
// or received and waiting for the panel administrator to place it. It names the case by its
// reference and the child's initials only. Queued in the outbox under a key unique to the
// message, the file and what happened to it, so a second run (or a second click) sends nothing
// twice. intake and the console's assign_unmatched both send it.

#include <optional>
#include <string>

#include "mailer/outbox.hpp"
#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct IntakeReply {
  enum class Outcome { filed, refused, unplaced } outcome = Outcome::filed;
  std::string to_name;
  std::string to_email;
  std::string message_key;  // "UIDVALIDITY/UID"
  std::string in_reply_to;  // the sent message's Message-ID, "<...>", when it had one
  std::string sha256;       // of the file
  std::string filename;     // as the sender named it (shown in the body, never in the subject)
  panel::UtcInstant arrived;
  // filed: where; refused: what was wrong (a clause after "because").
  std::optional<SittingId> sitting;
  std::string case_ref;
  std::string paper_type;
  bool late = false;
  std::string reason;
};

// intake_reply|PANEL|DATE|CASEREF#UIDVALIDITY/UID#SHA12#OUTCOME|email
std::string intake_reply_key(const IntakeReply& reply);

// Queues the reply; false when its key was queued before. Throws OfficeError: bad_input when
// office.json has no mail section or the template is missing or will not fill;
// machine_failure when the outbox cannot be written. A sender outside allowedDomains gets
// nothing: the caller checks.
bool queue_intake_reply(const Workspace& workspace, mailer::Outbox& outbox,
                        const IntakeReply& reply, panel::UtcInstant now);

}  // namespace panelpack::office
