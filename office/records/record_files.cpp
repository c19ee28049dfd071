#include "office/records/record_files.hpp"

#include <system_error>

#include "office/error.hpp"
#include "office/files.hpp"
#include "office/records/record_state.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

ordered_json read_record_side_file(const fs::path& path, const std::string& panel_id,
                                   panel::CalendarDate date, const RecordSideFile& kind) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    return {{"securityMarking", "OFFICIAL-SENSITIVE"},
            {"panel", panel_id},
            {"date", date.iso()},
            {kind.key, ordered_json::object()}};
  }
  try {
    ordered_json json = ordered_json::parse(read_input(path.string()));
    if (!json.is_object() || !json.contains(kind.key) || !json[kind.key].is_object()) {
      throw OfficeError(
          OfficeError::Code::bad_input,
          path.string() + " is not " + kind.called + ": it has no \"" + kind.key + "\" object");
    }
    return json;
  } catch (const nlohmann::json::exception& problem) {
    throw OfficeError(
        OfficeError::Code::bad_input,
        path.string() + " does not read as JSON (" + problem.what() + "): " + kind.when_unreadable);
  }
}

ordered_json* decision_of(ordered_json& file, const std::string& case_ref) {
  if (!file.contains("decisions") || !file["decisions"].is_array()) return nullptr;
  for (auto& decision : file["decisions"]) {
    if (decision.is_object() && decision.value("caseRef", "") == case_ref) return &decision;
  }
  return nullptr;
}

bool still_a_draft(const ordered_json& file, const ordered_json& decision) {
  const nlohmann::json sitting(file);
  const nlohmann::json item(decision);
  return record_state(sitting, &item) == RecordState::draft;
}

}  // namespace panelpack::office
