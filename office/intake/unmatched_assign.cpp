// assign_unmatched: the Mailbox page's "Assign". The paper is recorded as if it had been placed
// when it arrived (record_uploaded_paper with now = the arrival), the entry's folder moves to
// intake/assigned/ID/ with who placed it where, and the sender is acknowledged as intake would
// have done. The intake folder's lock makes two clicks at once one assignment.

#include "office/intake/unmatched_assign.hpp"
#include "office/intake/scratch_folder.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/intake/intake_reply.hpp"
#include "office/intake/scratch_folder.hpp"
#include "office/sitting/bookings_version.hpp"
#include "panel/paper_types.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {
namespace {

namespace fs = std::filesystem;

fs::path unmatched_folder(const Workspace& workspace) {
  return workspace.root() / "intake" / "unmatched";
}

fs::path assigned_folder(const Workspace& workspace) {
  return workspace.root() / "intake" / "assigned";
}

// Where the booking keeps this very paper (its type, received when it arrived, the same bytes)
// when an earlier assign recorded it; nothing otherwise.
std::optional<std::string> recorded_before(const Workspace& workspace, const AssignRequest& request,
                                           const UnmatchedPaper& paper) {
  const auto bookings = workspace.load_bookings(request.sitting.panel_id, request.sitting.date);
  if (!bookings) return std::nullopt;
  const panel::BookingItem* item = bookings->find(request.case_ref);
  if (item == nullptr) return std::nullopt;
  const std::string bytes = read_input(unmatched_file(workspace, paper).string());
  for (const panel::ReceivedPaper& earlier : item->papers) {
    if (earlier.type != request.paper_type || earlier.received_at != paper.arrived ||
        earlier.file.empty()) {
      continue;
    }
    std::error_code error;
    const fs::path stored = workspace.resolve(earlier.file);
    if (fs::is_regular_file(stored, error) && read_input(stored.string()) == bytes) {
      return earlier.file;
    }
  }
  return std::nullopt;
}

AssignResult refused(std::string why) {
  AssignResult result;
  result.refused = std::move(why);
  return result;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool domain_allowed(const std::string& email, const std::vector<std::string>& allowed) {
  const std::size_t at = email.rfind('@');
  if (at == std::string::npos) return false;
  const std::string domain = lowercase(email.substr(at + 1));
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const std::string& one) { return lowercase(one) == domain; });
}

// entry.json as intake wrote it, with who placed the paper where: written into the folder
// before it moves, so the folder in assigned/ is whole the moment it is there.
void write_assignment(const fs::path& entry_folder, const AssignRequest& request,
                      const std::string& case_ref, const std::string& stored_as, bool late) {
  const fs::path entry_file = entry_folder / "entry.json";
  nlohmann::json entry = nlohmann::json::object();
  std::error_code error;
  if (fs::exists(entry_file, error)) {
    entry = nlohmann::json::parse(read_input(entry_file.string()), nullptr, false);
    if (!entry.is_object()) entry = nlohmann::json::object();
  }
  entry["assigned"] = {{"by", request.actor},
                       {"at", panel::format_utc(request.now)},
                       {"panel", request.sitting.panel_id},
                       {"date", request.sitting.date.iso()},
                       {"caseRef", case_ref},
                       {"paperType", request.paper_type},
                       {"storedAs", stored_as},
                       {"late", late}};
  write_output(entry_file, entry.dump(2) + "\n");
}

void move_to_assigned(const Workspace& workspace, const std::string& id) {
  const fs::path from = unmatched_folder(workspace) / id;
  const fs::path to = assigned_folder(workspace) / id;
  std::error_code error;
  fs::create_directories(to.parent_path(), error);
  if (!error) fs::rename(from, to, error);
  if (error) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "the paper is recorded, but " + from.string() + " could not move to " +
                          to.string() + ": " + error.message() +
                          ". Move the folder there by hand so it is not offered again");
  }
}

// The acknowledgement intake sends when it files a paper itself (intake_reply.hpp): its key is
// made of the message, the file and "filed", so a second assign of the entry never mails twice.
bool queue_reply(const Workspace& workspace, mailer::Outbox& outbox, const UnmatchedPaper& paper,
                 const AssignRequest& request, const std::string& case_ref, bool late) {
  if (!domain_allowed(paper.from_email, workspace.office().allowed_domains)) return false;
  IntakeReply reply;
  reply.outcome = IntakeReply::Outcome::filed;
  reply.to_email = paper.from_email;
  reply.message_key = paper.message_key;
  reply.sha256 = paper.sha256;
  reply.filename = paper.filename;
  reply.arrived = paper.arrived;
  reply.sitting = request.sitting;
  reply.case_ref = case_ref;
  reply.paper_type = request.paper_type;
  reply.late = late;
  return queue_intake_reply(workspace, outbox, reply, request.now);
}

}  // namespace

AssignResult assign_unmatched(const Workspace& workspace, mailer::Outbox& outbox,
                              const AssignRequest& request) {
  if (!panel::is_paper_type(request.paper_type)) {
    return refused("\"" + request.paper_type + "\" is not a paper type; choose one of " +
                   panel::paper_type_list(" or "));
  }
  std::error_code made;
  fs::create_directories(unmatched_folder(workspace), made);
  // Held to the end: a second Assign of the same paper waits, then finds it gone.
  const FileLock intake_lock(intake_lock_path(workspace));
  const std::optional<UnmatchedPaper> paper = find_unmatched(workspace, request.id);
  if (!paper) {
    std::error_code error;
    if (fs::exists(assigned_folder(workspace) / request.id, error)) {
      return refused("this paper was assigned already, so nothing was changed");
    }
    return refused("no paper from the mailbox has the id " + request.id);
  }

  // The copy record_uploaded_paper renames and stores; the entry's own file stays as it came.
  const ScratchFolder scratch{"assign"};
  const fs::path copy = scratch.path() / paper->stored_file;
  std::error_code copied;
  fs::copy_file(unmatched_file(workspace, *paper), copy, copied);
  if (copied) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      unmatched_file(workspace, *paper).string() +
                          ": could not copy the paper to place it: " + copied.message());
  }
  const PaperUploadRequest upload{request.sitting, request.case_ref, request.paper_type, copy,
                                  paper->arrived};
  const PaperUploadResult recorded = record_uploaded_paper(
      workspace, upload,
      bookings_version(workspace, request.sitting.panel_id, request.sitting.date));
  if (recorded.not_a_document) return refused(*recorded.not_a_document);
  std::string stored_as = recorded.stored_as;
  if (!recorded.booking.done()) {
    // Recorded by an assign that stopped before the entry moved (a crash): finish that one.
    const auto earlier = recorded.booking.refused == BookingRefusal::already_received
                             ? recorded_before(workspace, request, *paper)
                             : std::nullopt;
    if (!earlier) return refused(recorded.booking.message);
    stored_as = *earlier;
  }

  const std::string case_ref =
      recorded.booking.case_ref.empty() ? request.case_ref : recorded.booking.case_ref;
  // On time or late by the sitting's papers deadline, as the agenda judges it.
  const panel::PanelConfig& panel = workspace.office().panel(request.sitting.panel_id);
  const panel::SittingDeadlines deadlines = panel::deadlines_for(
      panel, panel::find_sitting(panel, request.sitting.date), workspace.calendar());
  AssignResult result;
  result.stored_as = stored_as;
  result.late = paper->arrived > deadlines.papers_due.utc;
  write_assignment(unmatched_folder(workspace) / request.id, request, case_ref, result.stored_as,
                   result.late);
  move_to_assigned(workspace, request.id);
  result.reply_queued = queue_reply(workspace, outbox, *paper, request, case_ref, result.late);
  return result;
}

}  // namespace panelpack::office
