// `panelpack records send PANEL DATE [CASEREF]` and `panelpack records on-file PANEL DATE CASEREF
// [--reference X]`: the Decision records page's "Make and send the agreed records" and "Mark as
// on the child's file", as thin calls to office/records/records_out.hpp. The next tick sends.

#include <array>
#include <iostream>
#include <optional>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/records/records_out.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 5> records_options = {{
    {"office", '\0', true},
    {"reference", '\0', true},
    {"no-pdf", '\0', false},
    {"now", '\0', true},
    {"help", 'h', false},
}};

ExitCode send(const Arguments& arguments) {
  const auto& words = arguments.positionals();
  if (words.size() != 3 && words.size() != 4) {
    throw UsageError("records send takes a PANEL and a DATE, and a CASEREF for one record");
  }
  if (arguments.has("reference")) throw UsageError("--reference is for records on-file");
  office::SendRecordsRequest request{
      words[1], date_argument(words[2], "the sitting's DATE"),
      words.size() == 4 ? std::optional<std::string>(words[3]) : std::nullopt,
      now_from(arguments.value("now"))};
  if (arguments.has("no-pdf")) request.pdfs = office::RecordPdfs::none;
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::SendRecordsResult result = office::send_agreed_records(workspace, request);
  // One record asked for and not sent (a draft, or sent before) is bad input, said in words.
  if (words.size() == 4 && result.sent.empty()) {
    throw CommandFailure(ExitCode::bad_input, result.message);
  }
  std::cout << result.message << '\n';
  if (!result.sent.empty()) {
    std::cout << "the next panelpack tick sends them (panelpack outbox list shows them waiting)\n";
  }
  return result.not_sent.empty() ? ExitCode::success : ExitCode::bad_input;
}

ExitCode on_file(const Arguments& arguments) {
  const auto& words = arguments.positionals();
  if (words.size() != 4) throw UsageError("records on-file takes a PANEL, a DATE and a CASEREF");
  if (arguments.has("no-pdf")) throw UsageError("--no-pdf is for records send");
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::OnFileResult result =
      office::mark_on_file(workspace, {words[1], date_argument(words[2], "the sitting's DATE"),
                                       words[3], arguments.value("reference").value_or(""),
                                       now_from(arguments.value("now")), std::nullopt});
  if (result.refused) throw CommandFailure(ExitCode::bad_input, result.message);
  std::cout << result.message << '\n';
  return ExitCode::success;
}

}  // namespace

ExitCode run_records(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, records_options);
  const auto& positionals = arguments.positionals();
  if (positionals.empty()) throw UsageError("records needs send or on-file");
  if (positionals[0] == "send") return send(arguments);
  if (positionals[0] == "on-file") return on_file(arguments);
  throw UsageError("records takes send or on-file, not \"" + positionals[0] + "\"");
}

}  // namespace panelpack::cli
