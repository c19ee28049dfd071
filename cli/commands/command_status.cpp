// `panelpack status`: what needs the administrator's attention today (office/status.hpp),
// printed as lines or --json.

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/status.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 4> status_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
}};

std::string urgency_heading(panel::Urgency urgency) {
  switch (urgency) {
    case panel::Urgency::overdue:
      return "OVERDUE ";
    case panel::Urgency::due_soon:
      return "DUE SOON";
    case panel::Urgency::notice:
      return "NOTE    ";
  }
  return "";
}

}  // namespace

ExitCode run_status(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, status_options);
  if (!arguments.positionals().empty()) throw UsageError("status takes no arguments, only options");
  const auto now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));

  const office::OfficeStatus status = office_status(workspace, now);

  if (arguments.has("json")) {
    std::cout << office::to_json(status).dump(2) << '\n';
  } else {
    const auto& findings = status.findings;
    std::cout << workspace.office().authority << ": " << findings.size()
              << (findings.size() == 1 ? " thing needs" : " things need") << " attention at "
              << panel::utc_to_local(now).iso8601() << " (" << status.cases << " cases, "
              << status.sittings_booked << " sittings booked)\n";
    for (const auto& finding : findings) {
      std::cout << "  " << urgency_heading(finding.urgency) << "  "
                << (finding.case_ref.empty() ? finding.panel_id : finding.case_ref) << "  "
                << office::finding_title(finding.kind) << ": " << finding.detail << '\n';
    }
    if (status.overdue_actions > 0) {
      std::cout << "  " << status.overdue_actions
                << (status.overdue_actions == 1 ? " action agreed at panel is"
                                                : " actions agreed at panel are")
                << " overdue: see Actions in the console (/actions?overdue=1)\n";
    }
    if (const office::RecordsLate& late = status.records_late; late.total() > 0) {
      std::cout << "  decision records late: " << late.not_agreed
                << " not agreed by the chair by the deadline, " << late.not_sent
                << " agreed but not sent, " << late.not_on_file
                << " sent but not on the child's file\n";
    }
  }
  if (!arguments.has("json") && !status.intake.empty()) {
    std::cout << "  mailbox: " << status.intake << '\n';
  }
  for (const auto& problem : status.problems) {
    std::cerr << "panelpack: skipped: " << problem << '\n';
  }
  return status.problems.empty() ? ExitCode::success : ExitCode::bad_input;
}

}  // namespace panelpack::cli
