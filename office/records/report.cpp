#include "office/records/report.hpp"

#include <string>
#include <vector>

#include "office/documents/document_rendering.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/records/decision_files.hpp"
#include "panel/panel_error.hpp"
#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::office {

QuarterlyReport quarterly_report(const Workspace& workspace, const ReportRequest& request) {
  std::vector<std::string> problems;
  std::vector<panel::CaseSummary> cases;
  for (const auto& file : workspace.load_all_cases(problems)) cases.push_back(file.summary);
  const auto booked = workspace.load_all_bookings(problems);
  const auto decisions = load_all_decisions(workspace, problems);
  if (!problems.empty()) {
    std::string message;
    for (const auto& problem : problems) message += problem + "\n";
    throw OfficeError(OfficeError::Code::bad_input,
                      message + "the report counts every file: fix these and run again");
  }
  const panel::ReportInputs inputs{workspace.office(), cases, booked, decisions,
                                   workspace.calendar()};
  try {
    return {request.quarter, panel::quarter_figures(inputs, request.quarter),
            panel::quarter_figures(inputs, request.quarter.previous()),
            panel::report_data(inputs, request.quarter, request.now)};
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
}

namespace {

namespace fs = std::filesystem;

// The document made into a PDF in a folder of its own under the system's temporary folder,
// removed afterwards (the report counts cases, it names no child).
std::string converted_to_pdf(const Workspace& workspace, const std::string& document,
                             const std::string& extension, const std::string& what) {
  pdf::ConverterOptions options;
  options.soffice = workspace.machine().soffice;
  options.workers = 1;
  try {
    options.soffice = pdf::find_soffice(options.soffice);
  } catch (const pdf::PdfError& error) {
    throw OfficeError(OfficeError::Code::bad_input,
                      "the PDF of " + what + " needs LibreOffice: " + error.what());
  }
  try {
    const templating::StagedFolder scratch(fs::temp_directory_path() / "panelpack-report");
    scratch.write("report" + extension, document);
    const pdf::ConversionJob job{scratch.path() / ("report" + extension),
                                 scratch.path() / "report.pdf"};
    const auto results = pdf::convert_to_pdf({&job, 1}, options);
    if (results.empty() || !results.front().ok) {
      throw OfficeError(OfficeError::Code::machine_failure,
                        "LibreOffice could not make the PDF of " + what + ": " +
                            (results.empty() ? "no result" : results.front().error));
    }
    return templating::read_file(job.output_pdf);
  } catch (const std::system_error& error) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "the PDF of " + what + " could not be made: " + error.what());
  }
}

}  // namespace

std::string report_document_extension(const Workspace& workspace) {
  return workspace.template_path("report").extension().string();
}

std::string report_document(const Workspace& workspace, const QuarterlyReport& report,
                            ReportFormat format) {
  const std::string what = "the " + report.quarter.id() + " report";
  const DocumentRenderer renderer(workspace.template_path("report"), "report");
  std::string document = renderer.render(nlohmann::json(report.data), what);
  if (format == ReportFormat::document) return document;
  return converted_to_pdf(workspace, document, report_document_extension(workspace), what);
}

void write_report(const Workspace& workspace, const QuarterlyReport& report,
                  const std::filesystem::path& output) {
  const ReportFormat format =
      output.extension() == ".pdf" ? ReportFormat::pdf : ReportFormat::document;
  write_output(output, report_document(workspace, report, format));
}

}  // namespace panelpack::office
