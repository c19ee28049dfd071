// `panelpack decisions PANEL DATE`: a decision record for each child of the sitting, named for
// upload to the child's file, with a PDF of each where LibreOffice is installed.

#include <array>
#include <cstdlib>
#include <iostream>
#include <map>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/decision_files.hpp"
#include "office/documents/document_rendering.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/documents/output_pattern.hpp"
#include "office/records_manifest.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office/validated_json.hpp"
#include "office_arguments.hpp"
#include "panel/labels.hpp"
#include "panel/pack_plan.hpp"
#include "panel/panel_error.hpp"
#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"
#include "templating/atomic_file.hpp"
#include "text/sha256.hpp"

namespace panelpack::cli {
namespace {

// The record's data with the words of every code the decision schema labels (adm.decision...).
nlohmann::json labelled(const nlohmann::ordered_json& data) {
  nlohmann::json json(data);
  add_code_labels(json, "decision");
  return json;
}

namespace fs = std::filesystem;

const std::array<OptionSpec, 8> decisions_options = {{
    {"office", '\0', true},
    {"name", '\0', true},
    {"pdf", '\0', false},
    {"no-pdf", '\0', false},
    {"json", '\0', false},
    {"now", '\0', true},
    {"quiet", 'q', false},
    {"help", 'h', false},
}};

// "LCS900102 Permanence Panel decision 2026-12-15": what a case file system shows.
constexpr const char* kDefaultName = "{{childId}} {{panel}} decision {{date}}";

struct Record {
  std::string case_ref;
  std::string child_id;
  std::string file;
  std::string pdf;
  std::string bytes;
};

// Every problem of the decisions against the bookings, and of each record's data, at once.
void check_or_throw(const fs::path& path, const panel::SittingDecisions& decisions,
                    const panel::Bookings& bookings) {
  std::vector<std::string> problems;
  for (const auto& problem : panel::check_against_bookings(decisions, bookings)) {
    problems.push_back(path.string() + ": " + problem.pointer + ": " + problem.message);
  }
  if (!problems.empty()) {
    throw CommandFailure(ExitCode::bad_input,
                         problems_message(problems) + "\nno decision record written");
  }
}

std::string record_name(OutputPattern& pattern, const panel::PanelConfig& panel,
                        const std::string& child_id, const std::string& case_ref,
                        panel::CalendarDate date, const std::string& extension) {
  const nlohmann::json fields{{"childId", child_id},
                              {"caseRef", case_ref},
                              {"panel", panel::panel_type_label(panel.type)},
                              {"panelId", panel.id},
                              {"panelName", panel.name},
                              {"date", date.iso()}};
  try {
    return pattern.path_for(fields).filename().string() + extension;
  } catch (const OutputNameError& error) {
    throw CommandFailure(ExitCode::bad_input, std::string{"--name: "} + error.what());
  }
}

// PDFs of the records beside them; false (with a note) when LibreOffice is not installed and
// PDFs were not asked for explicitly.
bool convert_records(const templating::StagedFolder& staged, std::vector<Record>& records,
                     bool required, const std::filesystem::path& soffice) {
  pdf::ConverterOptions options;
  options.soffice = soffice;
  try {
    pdf::find_soffice(options.soffice);
  } catch (const pdf::PdfError& error) {
    if (required) throw CommandFailure(ExitCode::bad_input, std::string{"--pdf: "} + error.what());
    std::cerr << "panelpack: note: LibreOffice is not installed, so no PDFs were made ("
              << error.what() << ")\n";
    return false;
  }
  std::vector<pdf::ConversionJob> jobs;
  for (Record& record : records) {
    record.pdf = fs::path(record.file).stem().string() + ".pdf";
    jobs.push_back({staged.path() / record.file, staged.path() / record.pdf});
  }
  std::string failures;
  for (const auto& result : pdf::convert_to_pdf(jobs, options)) {
    if (!result.ok) failures += "\n  " + result.input.filename().string() + ": " + result.error;
  }
  if (!failures.empty()) {
    throw CommandFailure(ExitCode::bad_input,
                         "LibreOffice could not convert every record; nothing written:" + failures);
  }
  return true;
}

}  // namespace

ExitCode run_decisions(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, decisions_options);
  if (arguments.positionals().size() != 2) throw UsageError("decisions takes a PANEL and a DATE");
  if (arguments.has("pdf") && arguments.has("no-pdf")) {
    throw UsageError("give --pdf or --no-pdf, not both");
  }
  const std::string& panel_id = arguments.positionals()[0];
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  const auto now = now_from(arguments.value("now"));
  const Workspace workspace = open_workspace(arguments.value("office"));
  const std::string& configured = workspace.office().decision_record_name;
  OutputPattern pattern(
      arguments.value("name").value_or(configured.empty() ? kDefaultName : configured));
  const SittingContext context = load_sitting(workspace, panel_id, date);
  const fs::path source = decisions_path(workspace, panel_id, date);
  const auto decisions = load_decisions(workspace, panel_id, date);
  if (!decisions) {
    throw CommandFailure(ExitCode::bad_input, "no decisions recorded for " + panel_id + " " +
                                                  date.iso() + ": write " + source.string() +
                                                  " (docs/decisions.md)");
  }
  check_or_throw(source, *decisions, context.bookings);

  const auto inputs = context.agenda_inputs(workspace, now);
  nlohmann::ordered_json agenda;
  try {
    agenda = panel::build_agenda(inputs);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
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
        panel::decision_record_data(*decisions, *decisions->find(case_ref), inputs, agenda, item);
    const std::string text = data.dump();
    for (auto& problem : schema_problems(nlohmann::json::parse(text), text, "decision",
                                         source.string() + " (" + case_ref + "'s record)")) {
      problems.push_back(std::move(problem));
    }
    const std::string child_id = item["child"]["childId"];
    Record record{case_ref, child_id,
                  record_name(pattern, *context.panel, child_id, case_ref, date, extension), "",
                  ""};
    if (++names[record.file] > 1) {
      throw CommandFailure(ExitCode::bad_input, "--name: two records would both be called \"" +
                                                    record.file + "\"; add {{caseRef}}");
    }
    if (problems.empty()) record.bytes = renderer.render(labelled(data), case_ref + "'s record");
    records.push_back(std::move(record));
  }
  if (!problems.empty()) {
    throw CommandFailure(ExitCode::bad_input,
                         problems_message(problems) + "\nno decision record written");
  }

  const fs::path target = workspace.records_path(panel_id, date);
  const auto due = panel::records_due(*context.panel, context.sitting, workspace.calendar());
  bool made_pdfs = false;
  try {
    templating::remove_stale_staging(target);
    templating::StagedFolder staged(target);
    for (const Record& record : records) staged.write(record.file, record.bytes);
    if (!arguments.has("no-pdf"))
      made_pdfs =
          convert_records(staged, records, arguments.has("pdf"), workspace.machine().soffice);
    RecordsManifest manifest{panel_id, date, due.local, now, {}};
    for (const Record& record : records) {
      manifest.records.push_back(
          {record.case_ref, record.child_id, record.file, text::sha256_hex(record.bytes),
           made_pdfs ? std::optional<std::string>(record.pdf) : std::nullopt});
    }
    staged.write(records_manifest_name, manifest.to_json().dump(2) + "\n");
    staged.publish();
    if (arguments.has("json")) {
      std::cout << nlohmann::ordered_json{{"folder", target.string()},
                                          {"records", manifest.records_json()},
                                          {"recordsDue", due.local.iso8601()}}
                       .dump(2)
                << '\n';
    }
  } catch (const std::system_error& failure) {
    throw CommandFailure(ExitCode::machine_failure, failure.what());
  }
  if (!arguments.has("json") && !arguments.has("quiet")) {
    std::cout << "wrote " << records.size() << " decision record"
              << (records.size() == 1 ? "" : "s") << (made_pdfs ? " (and PDFs)" : "") << " into "
              << target.string() << "/\n";
    for (const Record& record : records) std::cout << "  " << record.file << '\n';
    std::cout << "to be on each child's file by " << due.local.iso8601() << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
