#pragma once
// Papers that came to the submission mailbox and could not be placed on a booking (no case
// reference found, one not booked, a paper type not told): kept, with the message they came in,
// until the administrator assigns each to a booking on the console's Mailbox page. Nothing is
// dropped. OFFICE/intake/unmatched/ID/ holds the file as it came and entry.json; once assigned
// the folder moves to OFFICE/intake/assigned/ID/ with who assigned it where.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct UnmatchedPaper {
  std::string id;             // "20261205T101500Z-3f2a9c01": arrival time and hash, sortable
  panel::UtcInstant arrived;  // when the message reached the mailbox
  std::string from_email;     // the sender
  std::string subject;        // the message's subject (OFFICIAL-SENSITIVE: shown, never logged)
  std::string filename;       // as the sender named it
  std::string stored_file;    // the file's name inside the entry's folder ("paper.docx")
  std::string sha256;         // of the file: what makes a second intake of it the same one
  std::string reason;         // why it was not placed, in words ("no case reference found")
  std::string message_key;    // the mailbox message it came in ("UIDVALIDITY/UID")
  // What intake could tell, to pre-fill the assign form: a case reference and a paper type.
  std::string guessed_case_ref;
  std::string guessed_paper_type;
};

// Keeps a paper intake could not place. Idempotent by (message_key, sha256): a second call
// for the same file of the same message adds nothing and returns the first entry's id.
// Written atomically (the folder is made beside and renamed). Throws OfficeError.
std::string add_unmatched(const Workspace& workspace, const UnmatchedPaper& paper,
                          const std::filesystem::path& file);

// The papers waiting, oldest first. Throws OfficeError (machine) when the folder cannot be read.
std::vector<UnmatchedPaper> list_unmatched(const Workspace& workspace);

// One waiting paper, or nothing when no entry has that id (or it was assigned already).
std::optional<UnmatchedPaper> find_unmatched(const Workspace& workspace, const std::string& id);

// The stored file of a waiting paper (for the console to offer it for download).
std::filesystem::path unmatched_file(const Workspace& workspace, const UnmatchedPaper& paper);

// OFFICE/intake/.intake.lock: held by add_unmatched and intake's seen.json, and by whoever
// moves an entry out of unmatched/ (assign_unmatched), so an entry is never half-moved.
std::filesystem::path intake_lock_path(const Workspace& workspace);

}  // namespace panelpack::office
