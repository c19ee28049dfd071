// `panelpack status`: what needs the administrator's attention today.

#include <array>
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "panel/timeliness.hpp"
#include "workspace.hpp"

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

nlohmann::ordered_json to_json(const panel::Finding& finding) {
  nlohmann::ordered_json entry{{"kind", finding.kind},
                               {"urgency", panel::to_string(finding.urgency)},
                               {"caseRef", finding.case_ref},
                               {"childId", finding.child_id}};
  entry["due"] = finding.due ? nlohmann::ordered_json(finding.due->iso()) : nullptr;
  entry["panel"] = finding.panel_id;
  entry["sitting"] = finding.sitting ? nlohmann::ordered_json(finding.sitting->iso()) : nullptr;
  entry["paperType"] = finding.paper_type;
  entry["detail"] = finding.detail;
  return entry;
}

}  // namespace

ExitCode run_status(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, status_options);
  if (!arguments.positionals().empty()) throw UsageError("status takes no arguments, only options");
  const auto now = now_from(arguments.value("now"));
  const Workspace workspace = Workspace::open(arguments.value("office"));

  std::vector<std::string> problems;
  const auto cases = workspace.load_all_cases(problems);
  const auto booked = workspace.load_all_bookings(problems);
  std::vector<panel::CaseSummary> summaries;
  for (const auto& file : cases) summaries.push_back(file.summary);
  const auto findings =
      panel::find_attention(workspace.office(), summaries, booked, now, workspace.calendar());

  if (arguments.has("json")) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& finding : findings) list.push_back(to_json(finding));
    const nlohmann::ordered_json output{{"now", panel::utc_to_local(now).iso8601()},
                                        {"cases", cases.size()},
                                        {"sittingsBooked", booked.size()},
                                        {"findings", std::move(list)},
                                        {"problems", problems}};
    std::cout << output.dump(2) << '\n';
  } else {
    std::cout << workspace.office().authority << ": " << findings.size()
              << (findings.size() == 1 ? " thing needs" : " things need") << " attention at "
              << panel::utc_to_local(now).iso8601() << " (" << cases.size() << " cases, "
              << booked.size() << " sittings booked)\n";
    for (const auto& finding : findings) {
      std::cout << "  " << urgency_heading(finding.urgency) << "  " << finding.case_ref << "  "
                << finding.kind << ": " << finding.detail << '\n';
    }
  }
  for (const auto& problem : problems) std::cerr << "panelpack: skipped: " << problem << '\n';
  return problems.empty() ? ExitCode::success : ExitCode::bad_input;
}

}  // namespace panelpack::cli
