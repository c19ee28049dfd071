#pragma once
// The quarterly highlight report of an office (docs/report.md): its figures this quarter beside
// the last, from every case, booking and decisions file, and the document filled with them.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/london_time.hpp"
#include "panel/quarterly_report.hpp"

namespace panelpack::office {

struct ReportRequest {
  panel::Quarter quarter;
  panel::UtcInstant now;  // "provisional" until the quarter has ended
};

struct QuarterlyReport {
  panel::Quarter quarter;
  panel::QuarterFigures figures;           // this quarter
  panel::QuarterFigures previous_figures;  // the quarter before
  // The report template's data (docs/schema/report.schema.json): what `report --json` prints.
  nlohmann::ordered_json data;
};

// Throws OfficeError (bad_input) listing every case, bookings or decisions file that cannot be
// read: a figure computed without some of them would be wrong without saying so.
QuarterlyReport quarterly_report(const Workspace& workspace, const ReportRequest& request);

enum class ReportFormat {
  document,  // as the office's report template is: DOCX or ODT
  pdf,       // that document converted by LibreOffice
};

// ".docx" or ".odt": what the document format's file name ends in (the template's own).
std::string report_document_extension(const Workspace& workspace);

// The filled report's bytes. Throws OfficeError: bad_input for a template that is missing or
// cannot be filled, or no LibreOffice for a PDF; machine_failure when LibreOffice fails.
std::string report_document(const Workspace& workspace, const QuarterlyReport& report,
                            ReportFormat format);

// Fills the office's report template with the report's data and writes it atomically: a PDF
// when `output` ends in .pdf, else the document. Throws OfficeError as report_document does,
// machine_failure when the file cannot be written.
void write_report(const Workspace& workspace, const QuarterlyReport& report,
                  const std::filesystem::path& output);

}  // namespace panelpack::office
