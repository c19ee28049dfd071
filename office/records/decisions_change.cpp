#include "office/records/decisions_change.hpp"

#include <system_error>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/json_input.hpp"
#include "office/records/decision_files.hpp"
#include "office/validated_json.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// The file as read under the lock, or a sitting with no decisions yet.
nlohmann::ordered_json current_file(const fs::path& path, const std::string& panel_id,
                                    panel::CalendarDate date, const std::string& text) {
  if (text.empty()) {
    return {{"securityMarking", "OFFICIAL-SENSITIVE"},
            {"panel", panel_id},
            {"date", date.iso()},
            {"decisions", nlohmann::ordered_json::array()}};
  }
  try {
    // Parsed by the strict reader (duplicate keys refused), kept in the file's own key order.
    parse_json_document(text, path.string());
    return nlohmann::ordered_json::parse(text);
  } catch (const JsonInputError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
}

}  // namespace

std::string decisions_version(const Workspace& workspace, const std::string& panel_id,
                              panel::CalendarDate date) {
  const fs::path path = decisions_path(workspace, panel_id, date);
  std::error_code error;
  if (!fs::exists(path, error)) return kNoDecisionsVersion;
  return text::sha256_hex(read_input(path.string()));
}

DecisionsChange change_decisions(const Workspace& workspace, const std::string& panel_id,
                                 panel::CalendarDate date, const std::string* expected_version,
                                 const std::function<void(nlohmann::ordered_json& file)>& change) {
  const fs::path path = decisions_path(workspace, panel_id, date);
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  const FileLock lock(lock_path_beside(path));
  const bool exists = fs::exists(path, error);
  const std::string before = exists ? read_input(path.string()) : std::string();
  const std::string version_before = exists ? text::sha256_hex(before) : kNoDecisionsVersion;
  // Compared under the lock: no change can slip in between the check and the write.
  if (expected_version != nullptr && *expected_version != version_before) {
    return {true, version_before};
  }
  nlohmann::ordered_json file = current_file(path, panel_id, date, before);
  change(file);
  const std::string after = file.dump(2) + "\n";
  const auto problems =
      schema_problems(nlohmann::json::parse(after), after, "decisions", path.string());
  if (!problems.empty()) {
    throw OfficeError(OfficeError::Code::bad_input, problems_message(problems),
                      {path.string(), ""});
  }
  if (after != before) write_output(path, after);
  return {false, after == before ? version_before : text::sha256_hex(after)};
}

}  // namespace panelpack::office
