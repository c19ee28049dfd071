// `panelpack status`: what needs the administrator's attention today.

#include <algorithm>
#include <array>
#include <iostream>
#include <string_view>
#include <utility>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/records/decision_files.hpp"
#include "office_arguments.hpp"
#include "panel/sitting_attention.hpp"
#include "panel/timeliness.hpp"

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

// What a finding is, in words: the office reads this, not the code (the JSON has both).
std::string finding_title(const std::string& kind) {
  static const std::array<std::pair<std::string_view, std::string_view>, 10> kTitles{{
      {"first_panel", "Not yet considered at panel"},
      {"pptm", "PPTM due"},
      {"rereferral_not_booked", "Re-referral not booked"},
      {"papers_missing", "Papers missing"},
      {"papers_late", "Papers received late"},
      {"booked_on_cancelled_sitting", "Booked onto a cancelled sitting"},
      {"sitting_on_day_off", "Sitting on a bank holiday or closure day"},
      {"decisions_missing", "Sitting held, no decisions recorded"},
      {"record_overdue", "Decision record not on file"},
      {"return_not_booked", "Return to panel not booked"},
  }};
  for (const auto& [code, title] : kTitles) {
    if (code == kind) return std::string{title};
  }
  return kind;
}

int rank(panel::Urgency urgency) {
  return urgency == panel::Urgency::overdue ? 0 : urgency == panel::Urgency::due_soon ? 1 : 2;
}

nlohmann::ordered_json to_json(const panel::Finding& finding) {
  nlohmann::ordered_json entry{{"kind", finding.kind},
                               {"title", finding_title(finding.kind)},
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
  const Workspace workspace = open_workspace(arguments.value("office"));

  std::vector<std::string> problems;
  const auto cases = workspace.load_all_cases(problems);
  const auto booked = workspace.load_all_bookings(problems);
  std::vector<panel::CaseSummary> summaries;
  for (const auto& file : cases) summaries.push_back(file.summary);
  auto findings =
      panel::find_attention(workspace.office(), summaries, booked, now, workspace.calendar());
  const auto decisions = load_all_decisions(workspace, problems);
  for (auto& more : {panel::find_day_off_sittings(workspace.office(), now, workspace.calendar()),
                     panel::find_record_attention(workspace.office(), booked, decisions, now,
                                                  workspace.calendar())}) {
    findings.insert(findings.end(), more.begin(), more.end());
  }
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    if (rank(a.urgency) != rank(b.urgency)) return rank(a.urgency) < rank(b.urgency);
    return a.due < b.due;
  });

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
      std::cout << "  " << urgency_heading(finding.urgency) << "  "
                << (finding.case_ref.empty() ? finding.panel_id : finding.case_ref) << "  "
                << finding_title(finding.kind) << ": " << finding.detail << '\n';
    }
  }
  for (const auto& problem : problems) std::cerr << "panelpack: skipped: " << problem << '\n';
  return problems.empty() ? ExitCode::success : ExitCode::bad_input;
}

}  // namespace panelpack::cli
