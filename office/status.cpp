#include "office/status.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "office/error.hpp"
#include "office/intake/intake_status.hpp"
#include "office/intake/unmatched.hpp"
#include "office/records/decision_files.hpp"
#include "panel/sitting_attention.hpp"

namespace panelpack::office {

namespace {

// One line about the submission mailbox, or "" when all is well there.
std::string intake_line(const Workspace& workspace, std::vector<std::string>& problems) {
  std::string line;
  try {
    const std::optional<IntakeStatus> last = read_intake_status(workspace);
    if (last && !last->ok) {
      line = "the last reading of the submission mailbox failed at " +
             panel::utc_to_local(last->at).iso8601() + ": " + last->error;
    }
    const std::size_t waiting = list_unmatched(workspace).size();
    if (waiting > 0) {
      if (!line.empty()) line += "; ";
      line += std::to_string(waiting) +
              (waiting == 1 ? " paper from the mailbox waits" : " papers from the mailbox wait") +
              " to be placed: see the Mailbox page in the console";
    }
  } catch (const OfficeError& failure) {
    problems.emplace_back(failure.what());
  }
  return line;
}

}  // namespace

OfficeStatus office_status(const Workspace& workspace, panel::UtcInstant now) {
  OfficeStatus status;
  status.now = now;
  const auto cases = workspace.load_all_cases(status.problems);
  const auto booked = workspace.load_all_bookings(status.problems);
  status.cases = cases.size();
  status.sittings_booked = booked.size();
  std::vector<panel::CaseSummary> summaries;
  for (const auto& file : cases) summaries.push_back(file.summary);
  status.findings =
      panel::find_attention(workspace.office(), summaries, booked, now, workspace.calendar());
  const auto decisions = load_all_decisions(workspace, status.problems);
  for (auto& more : {panel::find_day_off_sittings(workspace.office(), now, workspace.calendar()),
                     panel::find_record_attention(workspace.office(), booked, decisions, now,
                                                  workspace.calendar())}) {
    status.findings.insert(status.findings.end(), more.begin(), more.end());
  }
  panel::sort_by_attention(status.findings);
  const panel::CalendarDate today = panel::utc_to_local(now).date;
  for (const panel::SittingDecisions& sitting : decisions) {
    for (const panel::Decision& decision : sitting.decisions) {
      for (const panel::RecordedAction& action : decision.actions) {
        if (action.overdue_on(today)) ++status.overdue_actions;
      }
    }
  }
  status.records_late =
      count_records_late(workspace.office(), decisions, now, workspace.calendar());
  status.intake = intake_line(workspace, status.problems);
  return status;
}

// The office reads the title, not the code (the JSON has both).
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

nlohmann::ordered_json to_json(const OfficeStatus& status) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& finding : status.findings) list.push_back(to_json(finding));
  return {{"now", panel::utc_to_local(status.now).iso8601()}, {"cases", status.cases},
          {"sittingsBooked", status.sittings_booked},         {"findings", std::move(list)},
          {"recordsLate", status.records_late.to_json()},     {"problems", status.problems},
          {"overdueActions", status.overdue_actions},         {"intake", status.intake}};
}

}  // namespace panelpack::office
