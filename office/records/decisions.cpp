#include "office/records/decisions.hpp"

#include <map>
#include <system_error>
#include <utility>

#include "office/documents/document_rendering.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decision_record_parts.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office/validated_json.hpp"
#include "panel/labels.hpp"
#include "panel/pack_plan.hpp"
#include "panel/panel_error.hpp"
#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"
#include "templating/atomic_file.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;

// Every problem of the decisions against the bookings, at once.
void check_against_bookings(const fs::path& path, const panel::SittingDecisions& decisions,
                            const panel::Bookings& bookings) {
  std::vector<std::string> problems;
  for (const auto& problem : panel::check_against_bookings(decisions, bookings)) {
    problems.push_back(path.string() + ": " + problem.pointer + ": " + problem.message);
  }
  if (!problems.empty()) {
    throw OfficeError(OfficeError::Code::bad_input,
                      problems_message(problems) + "\nno decision record written",
                      {path.string(), ""});
  }
}

// Every record rendered in memory, or every problem of their data at once.
std::vector<RenderedRecord> render_records(const Workspace& workspace,
                                           const DecisionsRequest& request,
                                           const SittingContext& context,
                                           const panel::SittingDecisions& decisions,
                                           const fs::path& source) {
  const RecordSources sources(workspace, context, request.now);
  std::vector<RenderedRecord> records;
  std::vector<std::string> problems;
  std::map<std::string, int> names;
  for (const auto& item : sources.agenda["items"]) {
    RenderedRecord record =
        render_record(sources, context, decisions, item, request.name, source, problems);
    if (++names[record.file.file] > 1) {
      throw OfficeError(
          OfficeError::Code::bad_input,
          "--name: two records would both be called \"" + record.file.file + "\"; add {{caseRef}}");
    }
    records.push_back(std::move(record));
  }
  if (!problems.empty()) {
    throw OfficeError(OfficeError::Code::bad_input,
                      problems_message(problems) + "\nno decision record written",
                      {source.string(), ""});
  }
  return records;
}

}  // namespace

nlohmann::json RecordNameFields::to_json() const {
  return {{"childId", child_id}, {"caseRef", case_ref},     {"panel", panel},
          {"panelId", panel_id}, {"panelName", panel_name}, {"date", date.iso()}};
}

std::string decision_record_pattern(const Workspace& workspace) {
  const std::string& configured = workspace.office().decision_record_name;
  return configured.empty() ? default_decision_record_pattern : configured;
}

nlohmann::ordered_json DecisionsResult::to_json() const {
  RecordsManifest manifest;
  manifest.records = records;
  return {{"folder", folder.string()},
          {"records", manifest.records_json()},
          {"recordsDue", records_due.iso8601()}};
}

DecisionsResult write_decision_records(const Workspace& workspace,
                                       const DecisionsRequest& request) {
  if (!request.name) {
    throw OfficeError(OfficeError::Code::bad_argument, "no name was given for decision records");
  }
  const fs::path folder = workspace.records_path(request.panel_id, request.date);
  fs::create_directories(folder.parent_path());
  // One child's record made when it is sent (decision_record.hpp) writes here too.
  const FileLock lock(lock_path_beside(folder));
  const SittingContext context = load_sitting(workspace, request.panel_id, request.date);
  const fs::path source = decisions_path(workspace, request.panel_id, request.date);
  const auto decisions = load_decisions(workspace, request.panel_id, request.date);
  if (!decisions) {
    throw OfficeError(OfficeError::Code::bad_input,
                      "no decisions recorded for " + request.panel_id + " " + request.date.iso() +
                          ": write " + source.string() + " (docs/decisions.md)",
                      {source.string(), ""});
  }
  check_against_bookings(source, *decisions, context.bookings);
  std::vector<RenderedRecord> records =
      render_records(workspace, request, context, *decisions, source);

  DecisionsResult result;
  result.folder = workspace.records_path(request.panel_id, request.date);
  result.records_due =
      panel::records_due(*context.panel, context.sitting, workspace.calendar()).local;
  try {
    templating::remove_stale_staging(result.folder);
    templating::StagedFolder staged(result.folder);
    for (const RenderedRecord& record : records) staged.write(record.file.file, record.bytes);
    if (request.pdfs != RecordPdfs::none) {
      result.note =
          convert_records(staged.path(), records, request.pdfs, workspace.machine().soffice);
      result.made_pdfs = !result.note;
    }
    RecordsManifest manifest{request.panel_id, request.date, result.records_due, request.now, {}};
    for (RenderedRecord& record : records) {
      record.file.sha256 = text::sha256_hex(record.bytes);
      manifest.records.push_back(record.file);
    }
    staged.write(records_manifest_name, manifest.to_json().dump(2) + "\n");
    staged.publish();
    result.records = std::move(manifest.records);
  } catch (const std::system_error& failure) {
    throw OfficeError(OfficeError::Code::machine_failure, failure.what(),
                      {result.folder.string(), ""});
  }
  return result;
}

}  // namespace panelpack::office
