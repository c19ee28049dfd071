#include "office/records/records_manifest.hpp"

#include <exception>
#include <system_error>

#include "templating/atomic_file.hpp"

namespace panelpack::office {

nlohmann::ordered_json RecordsManifest::records_json() const {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const RecordFile& record : records) {
    nlohmann::ordered_json entry{{"caseRef", record.case_ref},
                                 {"childId", record.child_id},
                                 {"file", record.file},
                                 {"sha256", record.sha256}};
    entry["pdf"] = record.pdf ? nlohmann::ordered_json(*record.pdf) : nullptr;
    files.push_back(std::move(entry));
  }
  return files;
}

nlohmann::ordered_json RecordsManifest::to_json() const {
  return {{"securityMarking", "OFFICIAL-SENSITIVE"},
          {"panel", panel_id},
          {"date", date.iso()},
          {"recordsDue", records_due.iso8601()},
          {"generatedAt", panel::utc_to_local(generated_at).iso8601()},
          {"records", records_json()}};
}

std::filesystem::path records_manifest_path(const Workspace& workspace, const std::string& panel_id,
                                            panel::CalendarDate date) {
  return workspace.records_path(panel_id, date) / records_manifest_name;
}

std::set<std::string> recorded_cases(const Workspace& workspace, const std::string& panel_id,
                                     panel::CalendarDate date) {
  std::set<std::string> made;
  const auto manifest = records_manifest_path(workspace, panel_id, date);
  std::error_code error;
  if (!std::filesystem::is_regular_file(manifest, error)) return made;
  try {
    const auto records = nlohmann::json::parse(templating::read_file(manifest));
    for (const auto& record : records.at("records")) made.insert(record.at("caseRef"));
  } catch (const std::exception&) {
    // An unreadable manifest counts as no records: the reminder then lists every case.
  }
  return made;
}

std::vector<RecordFile> recorded_files(const Workspace& workspace, const std::string& panel_id,
                                       panel::CalendarDate date) {
  std::vector<RecordFile> files;
  const auto manifest = records_manifest_path(workspace, panel_id, date);
  std::error_code error;
  if (!std::filesystem::is_regular_file(manifest, error)) return files;
  try {
    const auto records = nlohmann::json::parse(templating::read_file(manifest));
    for (const auto& record : records.at("records")) {
      RecordFile file{record.at("caseRef"), record.value("childId", ""), record.at("file"),
                      record.value("sha256", ""), std::nullopt};
      if (record.contains("pdf") && record["pdf"].is_string()) file.pdf = record["pdf"];
      files.push_back(std::move(file));
    }
  } catch (const std::exception&) {
    files.clear();  // as recorded_cases: an unreadable manifest lists nothing
  }
  return files;
}

}  // namespace panelpack::office
