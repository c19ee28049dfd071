#include "office/records/decision_record.hpp"

#include <system_error>
#include <utility>
#include <vector>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decision_record_parts.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office/validated_json.hpp"
#include "panel/pack_plan.hpp"
#include "templating/atomic_file.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using Code = OfficeError::Code;

const nlohmann::ordered_json* agenda_item(const nlohmann::ordered_json& agenda,
                                          const std::string& case_ref) {
  for (const auto& item : agenda["items"]) {
    if (item["caseRef"] == case_ref) return &item;
  }
  return nullptr;
}

// The manifest with this record in place of the one it had for the child.
RecordsManifest manifest_with(const Workspace& workspace, const OneRecordRequest& request,
                              const panel::LondonTime& due, const RecordFile& record) {
  RecordsManifest manifest{request.panel_id, request.date, due, request.now, {}};
  for (RecordFile& file : recorded_files(workspace, request.panel_id, request.date)) {
    if (file.case_ref != record.case_ref) manifest.records.push_back(std::move(file));
  }
  manifest.records.push_back(record);
  return manifest;
}

}  // namespace

OneRecordResult write_decision_record(const Workspace& workspace, const OneRecordRequest& request) {
  if (!request.name) {
    throw OfficeError(Code::bad_argument, "no name was given for the decision record");
  }
  OneRecordResult result;
  result.folder = workspace.records_path(request.panel_id, request.date);
  fs::create_directories(result.folder.parent_path());
  const FileLock lock(lock_path_beside(result.folder));

  const SittingContext context = load_sitting(workspace, request.panel_id, request.date);
  const fs::path source = decisions_path(workspace, request.panel_id, request.date);
  const auto decisions = load_decisions(workspace, request.panel_id, request.date);
  if (!decisions || decisions->find(request.case_ref) == nullptr) {
    throw OfficeError(Code::bad_input,
                      "no decision is recorded for " + request.case_ref + " at " +
                          request.panel_id + " " + request.date.iso() +
                          ": record it first (the sitting's Record the panel page)",
                      {source.string(), ""});
  }
  const RecordSources sources(workspace, context, request.now);
  const nlohmann::ordered_json* item = agenda_item(sources.agenda, request.case_ref);
  if (item == nullptr) {
    throw OfficeError(Code::bad_input, request.case_ref + " is not booked onto " +
                                           request.panel_id + " " + request.date.iso() +
                                           ", so it has no decision record");
  }
  std::vector<std::string> problems;
  std::vector<RenderedRecord> records;
  records.push_back(
      render_record(sources, context, *decisions, *item, request.name, source, problems));
  if (!problems.empty()) {
    throw OfficeError(Code::bad_input, problems_message(problems) + "\nno decision record written",
                      {source.string(), ""});
  }
  result.records_due =
      panel::records_due(*context.panel, context.sitting, workspace.calendar()).local;

  // Built aside, then each file renamed into the folder: a reader sees the old file or the new.
  const fs::path work = result.folder.parent_path() /
                        ("." + request.date.iso() + "-" + request.case_ref + ".record-tmp");
  try {
    fs::remove_all(work);
    fs::create_directories(work);
    RenderedRecord& record = records.front();
    templating::write_file_atomically(work / record.file.file, record.bytes);
    if (request.pdfs != RecordPdfs::none) {
      result.note = convert_records(work, records, request.pdfs, workspace.machine().soffice);
    }
    record.file.sha256 = text::sha256_hex(record.bytes);
    fs::create_directories(result.folder);
    fs::rename(work / record.file.file, result.folder / record.file.file);
    if (record.file.pdf) fs::rename(work / *record.file.pdf, result.folder / *record.file.pdf);
    fs::remove_all(work);
    const RecordsManifest manifest =
        manifest_with(workspace, request, result.records_due, record.file);
    templating::write_file_atomically(result.folder / records_manifest_name,
                                      manifest.to_json().dump(2) + "\n");
    result.record = record.file;
  } catch (const std::system_error& failure) {
    std::error_code ignored;
    fs::remove_all(work, ignored);
    throw OfficeError(Code::machine_failure, failure.what(), {result.folder.string(), ""});
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(work, ignored);
    throw;
  }
  return result;
}

}  // namespace panelpack::office
