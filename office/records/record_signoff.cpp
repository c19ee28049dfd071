#include "office/records/record_signoff.hpp"

#include <algorithm>
#include <cctype>
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

// Thrown inside change_decisions to leave the decisions file as it is.
struct LeaveUnchanged {
  ChangeRefusal why = ChangeRefusal::none;
};

constexpr RecordSideFile kHistoryFile{
    "records", "a records' history",
    "it holds the signed records' versions; restore it from a backup"};

ordered_json version_entry(int version, const Signer& signer, const std::string& at,
                           const std::string& why, const ordered_json& decision) {
  return {{"version", version}, {"by", signer.name}, {"account", signer.account},
          {"at", at},           {"why", why},        {"decision", decision}};
}

// The versions kept of `case_ref`, made an array if there is none yet.
ordered_json& versions_of(ordered_json& history, const std::string& case_ref) {
  ordered_json& versions = history["records"][case_ref];
  if (!versions.is_array()) versions = ordered_json::array();
  return versions;
}

bool has_version(const ordered_json& versions, int version) {
  return std::any_of(versions.begin(), versions.end(), [&](const ordered_json& entry) {
    return entry.is_object() && entry.value("version", 0) == version;
  });
}

std::string trimmed(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

fs::path record_history_path(const Workspace& workspace, const std::string& panel_id,
                             panel::CalendarDate date) {
  return decisions_path(workspace, panel_id, date).parent_path() / "history" /
         (date.iso() + ".json");
}

std::vector<RecordVersion> record_versions(const Workspace& workspace, const std::string& panel_id,
                                           panel::CalendarDate date, const std::string& case_ref) {
  const ordered_json history = read_record_side_file(record_history_path(workspace, panel_id, date),
                                                     panel_id, date, kHistoryFile);
  std::vector<RecordVersion> versions;
  const auto found = history["records"].find(case_ref);
  if (found == history["records"].end() || !found->is_array()) return versions;
  for (const auto& entry : *found) {
    if (!entry.is_object()) continue;
    versions.push_back({entry.value("version", 0), entry.value("by", ""),
                        entry.value("account", ""), entry.value("at", ""), entry.value("why", ""),
                        nlohmann::json(entry.value("decision", ordered_json::object()))});
  }
  return versions;
}

SignOffResult sign_off_records(const Workspace& workspace, const SignOffRequest& request) {
  SignOffResult result;
  const fs::path history_path = record_history_path(workspace, request.panel_id, request.date);
  std::error_code error;
  fs::create_directories(history_path.parent_path(), error);
  // The history's lock, then the decisions file's (inside change_decisions): always that order.
  const FileLock lock(lock_path_beside(history_path));
  const std::string at = panel::format_utc(request.now);
  std::vector<ordered_json> signed_decisions;
  try {
    const DecisionsChange change = change_decisions(
        workspace, request.panel_id, request.date, &request.expected_version,
        [&](ordered_json& file) {
          std::vector<std::string> wanted = request.case_refs;
          if (wanted.empty()) {
            for (const auto& decision : file["decisions"]) {
              if (decision.is_object() && still_a_draft(file, decision)) {
                wanted.push_back(decision.value("caseRef", ""));
              }
            }
          }
          for (const std::string& case_ref : wanted) {
            ordered_json* decision = decision_of(file, case_ref);
            if (decision == nullptr) {
              result.refused.emplace_back(case_ref, "is not complete yet");
            } else if (!still_a_draft(file, *decision)) {
              result.refused.emplace_back(case_ref, "is already signed off");
            } else {
              (*decision)["agreed"] = {{"by", request.signer.name}, {"at", at}, {"version", 1}};
              result.signed_off.push_back(case_ref);
              signed_decisions.push_back(*decision);
            }
          }
          if (result.signed_off.empty()) throw LeaveUnchanged{};
        });
    result.stale = change.stale;
  } catch (const LeaveUnchanged&) {
    return result;
  }
  if (result.stale) return result;
  ordered_json history =
      read_record_side_file(history_path, request.panel_id, request.date, kHistoryFile);
  for (std::size_t i = 0; i < result.signed_off.size(); ++i) {
    versions_of(history, result.signed_off[i])
        .push_back(version_entry(1, request.signer, at, "Signed off", signed_decisions[i]));
  }
  write_output(history_path, history.dump(2) + "\n");
  return result;
}

SignedChangeResult change_signed_record(const Workspace& workspace,
                                        const SignedChangeRequest& request) {
  SignedChangeResult result;
  const std::string why = trimmed(request.why);
  const fs::path history_path = record_history_path(workspace, request.panel_id, request.date);
  std::error_code error;
  fs::create_directories(history_path.parent_path(), error);
  const FileLock lock(lock_path_beside(history_path));
  ordered_json history =
      read_record_side_file(history_path, request.panel_id, request.date, kHistoryFile);
  const std::string at = panel::format_utc(request.now);
  ordered_json changed;
  try {
    const DecisionsChange change = change_decisions(
        workspace, request.panel_id, request.date, &request.expected_version,
        [&](ordered_json& file) {
          ordered_json* decision = decision_of(file, request.case_ref);
          if (decision == nullptr || !decision->contains("agreed") ||
              !(*decision)["agreed"].is_object()) {
            throw LeaveUnchanged{ChangeRefusal::not_signed};
          }
          const ordered_json agreed = (*decision)["agreed"];
          ordered_json& versions = versions_of(history, request.case_ref);
          // Who signed it: the account of its first version, else the name it was signed in.
          const bool same_chair =
              !versions.empty() && versions.front().is_object()
                  ? versions.front().value("account", "") == request.signer.account
                  : agreed.value("by", "") == request.signer.name;
          if (!same_chair) throw LeaveUnchanged{ChangeRefusal::other_chair};
          if (why.empty()) throw LeaveUnchanged{ChangeRefusal::no_reason};
          const nlohmann::json existing = nlohmann::json(*decision);
          result.reading = read_entry(request.entry, request.people, &existing);
          if (!result.reading.complete()) throw LeaveUnchanged{ChangeRefusal::not_valid};
          const int before = agreed.value("version", 1);
          // The version being replaced is kept first, if it is not yet (a sign-off by hand).
          if (!has_version(versions, before)) {
            Signer earlier{agreed.value("by", ""), ""};
            versions.push_back(
                version_entry(before, earlier, agreed.value("at", ""), "Signed off", *decision));
          }
          apply_reading(*decision, request.case_ref, result.reading);
          result.version = before + 1;
          (*decision)["agreed"] = {
              {"by", request.signer.name}, {"at", at}, {"version", result.version}};
          changed = *decision;
        });
    if (change.stale) {
      result.refused = ChangeRefusal::stale;
      return result;
    }
  } catch (const LeaveUnchanged& refusal) {
    result.refused = refusal.why;
    return result;
  }
  versions_of(history, request.case_ref)
      .push_back(version_entry(result.version, request.signer, at, why, changed));
  write_output(history_path, history.dump(2) + "\n");
  return result;
}

}  // namespace panelpack::office
