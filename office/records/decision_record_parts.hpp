#pragma once
// The parts a decision record is made of, shared by the whole sitting's records (decisions.hpp)
// and one child's record made when it is sent (decision_record.hpp): the agenda the records are
// filled from, one record rendered and named, and the PDFs of records already written.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/documents/document_rendering.hpp"
#include "office/records/decisions.hpp"
#include "office/sitting/sitting_context.hpp"
#include "panel/decisions.hpp"

namespace panelpack::office {

// One record on its way to the folder: the manifest's entry and the document's bytes.
struct RenderedRecord {
  RecordFile file;
  std::string bytes;
};

// What every record of a sitting is filled from: its agenda, and the template compiled once.
struct RecordSources {
  panel::AgendaInputs inputs;
  nlohmann::ordered_json agenda;
  DocumentRenderer renderer;
  std::string extension;  // the template's: ".docx" or ".odt"

  // Throws OfficeError (bad_input) when the agenda does not compute or the template is missing
  // or has errors.
  RecordSources(const Workspace& workspace, const SittingContext& context, panel::UtcInstant now);
};

// The record of the agenda item `item`, named by `name`. Its data's problems against the
// decision schema are added to `problems` and then nothing is rendered (bytes stay empty).
RenderedRecord render_record(const RecordSources& sources, const SittingContext& context,
                             const panel::SittingDecisions& decisions,
                             const nlohmann::ordered_json& item, const RecordNamer& name,
                             const std::filesystem::path& source,
                             std::vector<std::string>& problems);

// The PDF of each record already written in `folder`, beside it, named in its entry. A note
// instead when LibreOffice is not installed and the PDFs were wanted only where possible.
// Throws OfficeError (bad_input) when LibreOffice is required and missing, or fails.
std::optional<std::string> convert_records(const std::filesystem::path& folder,
                                           std::vector<RenderedRecord>& records, RecordPdfs pdfs,
                                           const std::filesystem::path& soffice);

}  // namespace panelpack::office
