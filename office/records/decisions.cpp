#include "office/records/decisions.hpp"

#include <map>
#include <system_error>
#include <utility>

#include "office/documents/document_rendering.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/error.hpp"
#include "office/records/decision_files.hpp"
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

// One record on its way to the folder: the manifest's entry and the document's bytes.
struct Record {
  RecordFile file;
  std::string bytes;
};

// The record's data with the words of every code the decision schema labels (adm.decision...).
nlohmann::json labelled(const nlohmann::ordered_json& data) {
  nlohmann::json json(data);
  add_code_labels(json, "decision");
  return json;
}

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

// The staged records' PDFs beside them. A note instead when LibreOffice is not installed and
// the PDFs were wanted only where possible.
std::optional<std::string> convert_records(const templating::StagedFolder& staged,
                                           std::vector<Record>& records, RecordPdfs pdfs,
                                           const fs::path& soffice) {
  pdf::ConverterOptions options;
  options.soffice = soffice;
  try {
    pdf::find_soffice(options.soffice);
  } catch (const pdf::PdfError& error) {
    if (pdfs == RecordPdfs::required) {
      throw OfficeError(OfficeError::Code::bad_input, std::string{"--pdf: "} + error.what());
    }
    return std::string{"LibreOffice is not installed, so no PDFs were made ("} + error.what() + ")";
  }
  std::vector<pdf::ConversionJob> jobs;
  for (Record& record : records) {
    record.file.pdf = fs::path(record.file.file).stem().string() + ".pdf";
    jobs.push_back({staged.path() / record.file.file, staged.path() / *record.file.pdf});
  }
  // The pack's path: batches per worker, a document failing in a batch retried alone.
  std::string failures;
  for (const auto& result : pdf::convert_to_pdf(jobs, options)) {
    if (!result.ok) failures += "\n  " + result.input.filename().string() + ": " + result.error;
  }
  if (!failures.empty()) {
    throw OfficeError(OfficeError::Code::bad_input,
                      "LibreOffice could not convert every record; nothing written:" + failures);
  }
  return std::nullopt;
}

// Every record rendered in memory, or every problem of their data at once.
std::vector<Record> render_records(const Workspace& workspace, const DecisionsRequest& request,
                                   const SittingContext& context,
                                   const panel::SittingDecisions& decisions,
                                   const fs::path& source) {
  const auto inputs = context.agenda_inputs(workspace, request.now);
  nlohmann::ordered_json agenda;
  try {
    agenda = panel::build_agenda(inputs);
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  const auto template_path = workspace.template_path("decision-record", context.panel);
  const DocumentRenderer renderer(template_path);
  const std::string extension = panel::extension_of(template_path.string());

  std::vector<Record> records;
  std::vector<std::string> problems;
  std::map<std::string, int> names;
  for (const auto& item : agenda["items"]) {
    const std::string case_ref = item["caseRef"];
    const auto data =
        panel::decision_record_data(decisions, *decisions.find(case_ref), inputs, agenda, item);
    const std::string text = data.dump();
    for (auto& problem : schema_problems(nlohmann::json::parse(text), text, "decision",
                                         source.string() + " (" + case_ref + "'s record)")) {
      problems.push_back(std::move(problem));
    }
    const std::string child_id = item["child"]["childId"];
    const RecordNameFields fields{child_id,
                                  case_ref,
                                  panel::panel_type_label(context.panel->type),
                                  context.panel->id,
                                  context.panel->name,
                                  request.date};
    Record record{{case_ref, child_id, request.name(fields) + extension, "", std::nullopt}, ""};
    if (++names[record.file.file] > 1) {
      throw OfficeError(
          OfficeError::Code::bad_input,
          "--name: two records would both be called \"" + record.file.file + "\"; add {{caseRef}}");
    }
    if (problems.empty()) record.bytes = renderer.render(labelled(data), case_ref + "'s record");
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
  std::vector<Record> records = render_records(workspace, request, context, *decisions, source);

  DecisionsResult result;
  result.folder = workspace.records_path(request.panel_id, request.date);
  result.records_due =
      panel::records_due(*context.panel, context.sitting, workspace.calendar()).local;
  try {
    templating::remove_stale_staging(result.folder);
    templating::StagedFolder staged(result.folder);
    for (const Record& record : records) staged.write(record.file.file, record.bytes);
    if (request.pdfs != RecordPdfs::none) {
      result.note = convert_records(staged, records, request.pdfs, workspace.machine().soffice);
      result.made_pdfs = !result.note;
    }
    RecordsManifest manifest{request.panel_id, request.date, result.records_due, request.now, {}};
    for (Record& record : records) {
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
