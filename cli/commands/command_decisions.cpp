// `panelpack decisions PANEL DATE`: a decision record for each child of the sitting, named for
// upload to the child's file, with a PDF of each where LibreOffice is installed
// (office/records/decisions.hpp does the work).

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/documents/output_pattern.hpp"
#include "office/records/decisions.hpp"

namespace panelpack::cli {
namespace {

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

// The records' names from the pattern (--name, else office.json's, else the default).
office::RecordNamer namer(office::OutputPattern& pattern) {
  return [&pattern](const office::RecordNameFields& fields) {
    try {
      return pattern.path_for(fields.to_json()).filename().string();
    } catch (const office::OutputNameError& error) {
      throw CommandFailure(ExitCode::bad_input, std::string{"--name: "} + error.what());
    }
  };
}

}  // namespace

ExitCode run_decisions(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, decisions_options);
  if (arguments.positionals().size() != 2) throw UsageError("decisions takes a PANEL and a DATE");
  if (arguments.has("pdf") && arguments.has("no-pdf")) {
    throw UsageError("give --pdf or --no-pdf, not both");
  }
  office::DecisionsRequest request;
  request.panel_id = arguments.positionals()[0];
  request.date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  request.now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  office::OutputPattern pattern(
      arguments.value("name").value_or(office::decision_record_pattern(workspace)));
  request.name = namer(pattern);
  request.pdfs = arguments.has("no-pdf") ? office::RecordPdfs::none
                 : arguments.has("pdf")  ? office::RecordPdfs::required
                                         : office::RecordPdfs::where_installed;

  const office::DecisionsResult result = office::write_decision_records(workspace, request);
  if (result.note) std::cerr << "panelpack: note: " << *result.note << '\n';
  if (arguments.has("json")) {
    std::cout << result.to_json().dump(2) << '\n';
  } else if (!arguments.has("quiet")) {
    const auto count = result.records.size();
    std::cout << "wrote " << count << " decision record" << (count == 1 ? "" : "s")
              << (result.made_pdfs ? " (and PDFs)" : "") << " into " << result.folder.string()
              << "/\n";
    for (const auto& record : result.records) std::cout << "  " << record.file << '\n';
    std::cout << "to be on each child's file by " << result.records_due.iso8601() << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
