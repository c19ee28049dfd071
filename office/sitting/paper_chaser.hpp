#pragma once
// A chaser for a missing paper, sent by hand (the Sitting page's papers grid, `panelpack
// chase`): one email queued in the office's outbox to each presenter of the booked case (the
// booking's presenters, else the case file's social worker and team manager), naming the
// paper, the sitting and the papers deadline; never the child's name.
//
// Its key is chaser|PANEL|DATE|CASEREF#PAPER@LONDONDAY|recipient (mail_key's five fields), so
// the outbox keeps one chaser per paper, person and London day: a double click queues nothing
// more, and a second chaser on a later day (the first was ignored) is a new email. A second
// chaser the same day is refused in words, with the time of the first, so the administrator
// knows why nothing was sent rather than wondering whether it went.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct PaperChaserRequest {
  SittingId sitting;
  std::string case_ref;    // as typed: lower case names the case booked in capitals
  std::string paper_type;  // a code of paper_types.hpp
  panel::UtcInstant now;
};

// Why no chaser was queued; nothing was written.
enum class ChaserRefusal {
  not_a_paper_type,  // not a code of paper_types.hpp
  sitting_cancelled,
  sitting_started,     // the sitting has started or is past: too late to chase
  not_booked,          // the case is not on the sitting
  paper_not_expected,  // the booking does not ask this case for this paper
  paper_received,      // it is received already: nothing to chase
  no_address,          // no presenter has an email address (or none mail may go to)
  already_chased,      // a chaser for this paper went to these people today already
};

// One person a chaser was queued for.
struct ChaserRecipient {
  std::string name;
  std::string email;
  std::string role;  // "presenter", "social worker", "team manager"
  std::int64_t row = 0;
};

struct PaperChaserResult {
  std::optional<ChaserRefusal> refused;  // set: nothing was queued
  // Done: "a chaser for the chronology of LCS900108 is queued to Priya Ravenscroft (social
  // worker) and Ravi Sandhurst (team manager)". Refused: why, and what to do instead. Ids and
  // staff names only, never the child's.
  std::string message;
  std::string case_ref;     // as booked
  std::string paper_words;  // "the chronology"
  std::vector<ChaserRecipient> recipients;
  // People the chaser could not go to ("Sam Smith (presenter) has no email address"); the
  // others had it.
  std::vector<std::string> left_out;

  bool done() const { return !refused.has_value(); }
};

// Queues the chaser. Throws OfficeError: bad_input for an unknown panel or sitting, a case
// file that does not read, an office without a mail section or with a chaser template that
// is missing or will not fill; machine_failure when the outbox cannot be written.
PaperChaserResult send_paper_chaser(const Workspace& workspace, const PaperChaserRequest& request);

// The people a chaser for the case would go to, by name and role ("Priya Ravenscroft (social
// worker) and Ravi Sandhurst (team manager)"); empty when the case is not booked. For the page
// that says what was done after its redirect.
std::string chaser_addressees(const Workspace& workspace, const SittingId& sitting,
                              const std::string& case_ref);

// "the chronology", "the Child Permanence Meeting report": a paper type in a sentence.
std::string paper_words(const std::string& paper_type);

// chaser|PANEL|DATE|CASEREF#PAPER@DAY|recipient, the recipient lower-cased.
std::string chaser_key(const SittingId& sitting, const std::string& case_ref,
                       const std::string& paper_type, panel::CalendarDate london_day,
                       const std::string& email);

}  // namespace panelpack::office
