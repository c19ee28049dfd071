#include "office/records/decision_record_parts.hpp"

#include <utility>

#include "office/documents/labelled_data.hpp"
#include "office/error.hpp"
#include "office/validated_json.hpp"
#include "panel/labels.hpp"
#include "panel/pack_plan.hpp"
#include "panel/panel_error.hpp"
#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;

// The record's data with the words of every code the decision schema labels (adm.decision...).
nlohmann::json labelled(const nlohmann::ordered_json& data) {
  nlohmann::json json(data);
  add_code_labels(json, "decision");
  return json;
}

nlohmann::ordered_json agenda_of(const panel::AgendaInputs& inputs) {
  try {
    return panel::build_agenda(inputs);
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
}

}  // namespace

RecordSources::RecordSources(const Workspace& workspace, const SittingContext& context,
                             panel::UtcInstant now)
    : inputs(context.agenda_inputs(workspace, now)),
      agenda(agenda_of(inputs)),
      renderer(workspace.template_path("decision-record", context.panel), "decision"),
      extension(panel::extension_of(renderer.template_path().string())) {}

RenderedRecord render_record(const RecordSources& sources, const SittingContext& context,
                             const panel::SittingDecisions& decisions,
                             const nlohmann::ordered_json& item, const RecordNamer& name,
                             const fs::path& source, std::vector<std::string>& problems) {
  const std::string case_ref = item["caseRef"];
  const auto data = panel::decision_record_data(decisions, *decisions.find(case_ref),
                                                sources.inputs, sources.agenda, item);
  const std::string text = data.dump();
  const std::size_t before = problems.size();
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
                                context.sitting.date};
  RenderedRecord record{{case_ref, child_id, name(fields) + sources.extension, "", std::nullopt},
                        ""};
  if (problems.size() == before) {
    record.bytes = sources.renderer.render(labelled(data), case_ref + "'s record");
  }
  return record;
}

std::optional<std::string> convert_records(const fs::path& folder,
                                           std::vector<RenderedRecord>& records, RecordPdfs pdfs,
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
  for (RenderedRecord& record : records) {
    record.file.pdf = fs::path(record.file.file).stem().string() + ".pdf";
    jobs.push_back({folder / record.file.file, folder / *record.file.pdf});
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

}  // namespace panelpack::office
