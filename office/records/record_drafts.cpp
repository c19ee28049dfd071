#include "office/records/record_drafts.hpp"

#include <system_error>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decisions_change.hpp"
#include "office/records/record_files.hpp"
#include "office/records/record_state.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

// Thrown inside change_decisions to leave the file as it is: the record is signed off.
struct RecordLocked {};

constexpr RecordSideFile kDraftsFile{"drafts", "a drafts file",
                                     "move it away and the drafts start again"};

// True when the sitting's decisions file (as it is now) has a decision for `case_ref`.
bool in_decisions_file(const Workspace& workspace, const std::string& panel_id,
                       panel::CalendarDate date, const std::string& case_ref) {
  const fs::path path = decisions_path(workspace, panel_id, date);
  std::error_code error;
  if (!fs::exists(path, error)) return false;
  try {
    ordered_json file = ordered_json::parse(read_input(path.string()));
    return decision_of(file, case_ref) != nullptr;
  } catch (const nlohmann::json::exception&) {
    return true;  // change_decisions names what is wrong with it
  }
}

}  // namespace

fs::path record_drafts_path(const Workspace& workspace, const std::string& panel_id,
                            panel::CalendarDate date) {
  return decisions_path(workspace, panel_id, date).parent_path() / "drafts" /
         (date.iso() + ".json");
}

std::map<std::string, RecordDraft> load_record_drafts(const Workspace& workspace,
                                                      const std::string& panel_id,
                                                      panel::CalendarDate date) {
  const fs::path path = record_drafts_path(workspace, panel_id, date);
  const ordered_json file = read_record_side_file(path, panel_id, date, kDraftsFile);
  std::map<std::string, RecordDraft> drafts;
  for (const auto& [case_ref, draft] : file["drafts"].items()) {
    if (!draft.is_object()) continue;
    drafts[case_ref] = {RecordEntry::from_json(draft.value("entry", nlohmann::json::object())),
                        draft.value("savedBy", ""), draft.value("savedAt", "")};
  }
  return drafts;
}

DraftSave save_record_draft(const Workspace& workspace, const DraftSaveRequest& request) {
  DraftSave result;
  const auto bookings = workspace.load_bookings(request.panel_id, request.date);
  if (!bookings || bookings->find(request.case_ref) == nullptr) {
    result.refused = DraftRefusal::not_booked;
    return result;
  }
  const fs::path path = record_drafts_path(workspace, request.panel_id, request.date);
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  // One save of this sitting's drafts at a time; the decisions file's own lock is taken inside.
  const FileLock lock(lock_path_beside(path));
  ordered_json file = read_record_side_file(path, request.panel_id, request.date, kDraftsFile);
  result.first = !file["drafts"].contains(request.case_ref);
  result.reading = read_entry(request.entry, request.people);
  bool was_in_file = false;
  try {
    if (result.reading.complete() ||
        in_decisions_file(workspace, request.panel_id, request.date, request.case_ref)) {
      change_decisions(workspace, request.panel_id, request.date, nullptr,
                       [&](ordered_json& decisions) {
                         ordered_json* decision = decision_of(decisions, request.case_ref);
                         if (decision != nullptr && !still_a_draft(decisions, *decision)) {
                           throw RecordLocked{};
                         }
                         was_in_file = decision != nullptr;
                         // Read again against the decision as it is: its actions' states kept.
                         const nlohmann::json existing =
                             decision != nullptr ? nlohmann::json(*decision) : nlohmann::json();
                         result.reading = read_entry(request.entry, request.people,
                                                     decision != nullptr ? &existing : nullptr);
                         if (!result.reading.complete()) {
                           // An incomplete record is not a decision: the file keeps it out.
                           auto& list = decisions["decisions"];
                           for (auto it = list.begin(); it != list.end(); ++it) {
                             if (it->is_object() && it->value("caseRef", "") == request.case_ref) {
                               list.erase(it);
                               break;
                             }
                           }
                           return;
                         }
                         if (decision == nullptr) {
                           ordered_json added = ordered_json::object();
                           apply_reading(added, request.case_ref, result.reading);
                           decisions["decisions"].push_back(std::move(added));
                         } else {
                           apply_reading(*decision, request.case_ref, result.reading);
                         }
                       });
    }
  } catch (const RecordLocked&) {
    result.refused = DraftRefusal::locked;
    return result;
  }
  result.complete = result.reading.complete();
  result.became_complete = result.complete && !was_in_file;
  result.saved_at = panel::format_utc(request.now);
  file["drafts"][request.case_ref] = {{"savedBy", request.saved_by},
                                      {"savedAt", result.saved_at},
                                      {"complete", result.complete},
                                      {"entry", request.entry.to_json()}};
  write_output(path, file.dump(2) + "\n");
  return result;
}

}  // namespace panelpack::office
