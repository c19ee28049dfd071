#pragma once
// Which booking a paper that came by mail belongs to, and which paper it is: the case
// reference from the subject, the file name, then the body (a word that names a case file in
// cases/); failing that, the sender, when they present exactly one coming booking. The sitting
// is the case's next one not yet started that asks for the paper. The type comes from the file
// name, then the subject, then the body ("chronology", "care plan", "CPR"...). What cannot be
// told for certain (no reference, two references, two types) is left for a person, with the
// guesses kept.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/case_summary.hpp"
#include "panel/london_time.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::office {

// What the office holds that matching reads, loaded once per run of intake.
struct IntakeIndex {
  std::vector<std::string> case_refs;                   // cases/*.json, as named
  std::vector<panel::BookedSitting> bookings;           // every sitting's bookings, by date
  std::map<std::string, panel::CaseSummary> summaries;  // the booked cases' that read
  std::vector<std::string> allowed_domains;             // office.json allowedDomains

  // Problems met loading (a bookings file that does not read): said once, matching goes on.
  std::vector<std::string> problems;
};

IntakeIndex load_intake_index(const Workspace& workspace);

// One file of one message, and what the message says around it.
struct PaperToMatch {
  std::string from_email;
  std::string subject;
  std::string body;
  std::string filename;
  panel::UtcInstant arrived;
  std::size_t documents_in_message = 1;  // the files that are papers (logos left out)
};

struct PaperMatch {
  bool sender_allowed = false;       // false: never filed automatically, never replied to
  std::optional<SittingId> sitting;  // set with case_ref and paper_type: file it there
  std::string case_ref;              // the case found, or the best guess
  std::string paper_type;            // a code of paper_types.hpp, or the best guess
  std::string reason;                // when not placed: why, in words ("no case reference...")

  bool placed() const { return sitting.has_value(); }
};

PaperMatch match_paper(const IntakeIndex& index, const PaperToMatch& paper);

// The case references of `index` named in `text` (a whole word each, any letter case).
std::vector<std::string> case_refs_in(const IntakeIndex& index, const std::string& text);

// The paper types named in `text`: labels, codes and their usual words ("CPR", "care plan").
std::vector<std::string> paper_types_in(const std::string& text);

}  // namespace panelpack::office
