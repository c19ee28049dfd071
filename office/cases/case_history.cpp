#include "office/cases/case_history.hpp"

#include <algorithm>
#include <system_error>

#include "office/records/decision_files.hpp"
#include "panel/labels.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {
namespace {

namespace fs = std::filesystem;

std::string panel_name(const Workspace& workspace, const std::string& panel_id) {
  for (const panel::PanelConfig& panel : workspace.office().panels) {
    if (panel.id == panel_id) return panel.name;
  }
  return panel_id;
}

void add_referral(const CaseFile& file, CaseHistory& history) {
  const panel::CaseSummary& summary = file.summary;
  if (!summary.referral_submitted_at) return;
  std::string detail;
  if (!summary.referral_reason.empty()) {
    detail = "Reason: " + panel::referral_reason_label(summary.referral_reason);
  }
  if (summary.requested_panel_date) {
    detail += (detail.empty() ? "" : ". ") + std::string("Panel asked for on ") +
              summary.requested_panel_date->iso();
  }
  history.events.push_back({panel::utc_to_local(*summary.referral_submitted_at).date, "referral",
                            "Referral received", detail});
}

void add_sittings(const Workspace& workspace, const std::string& case_ref, CaseHistory& history) {
  for (const panel::BookedSitting& booked : workspace.load_all_bookings(history.problems)) {
    for (const panel::BookingItem& item : booked.bookings.items) {
      if (item.case_ref != case_ref) continue;
      std::string detail =
          item.reason.empty() ? "" : "Reason: " + panel::referral_reason_label(item.reason);
      if (booked.sitting.cancelled)
        detail += (detail.empty() ? "" : ". ") + std::string("Cancelled");
      history.events.push_back({booked.sitting.date, "sitting",
                                "Booked onto " + panel_name(workspace, booked.sitting.panel_id),
                                detail});
    }
  }
}

void add_decisions(const Workspace& workspace, const std::string& case_ref, CaseHistory& history) {
  for (const panel::SittingDecisions& sitting : load_all_decisions(workspace, history.problems)) {
    for (const panel::Decision& decision : sitting.decisions) {
      if (decision.case_ref != case_ref) continue;
      std::string detail = decision.monitoring.empty()
                               ? ""
                               : "Then: " + panel::monitoring_label(decision.monitoring);
      history.events.push_back({sitting.date, "decision",
                                "Decision of " + panel_name(workspace, sitting.panel_id) + ": " +
                                    panel::outcome_label(decision.outcome),
                                detail});
      if (decision.next_review) {
        history.events.push_back(
            {*decision.next_review, "review", "Review due (PPTM or return to panel)", ""});
      }
    }
  }
}

void add_documents(const Workspace& workspace, const std::string& case_ref, CaseHistory& history) {
  std::error_code error;
  const fs::path papers = workspace.root() / "papers" / case_ref;
  if (fs::is_directory(papers, error)) {
    for (const auto& entry : fs::directory_iterator(papers, error)) {
      if (!entry.is_regular_file(error)) continue;
      const std::string name = entry.path().filename().string();
      if (name.starts_with('.')) continue;
      history.documents.push_back(
          {name, "papers", fs::relative(entry.path(), workspace.root(), error).string()});
    }
  }
  const fs::path records = workspace.root() / "records";
  if (fs::is_directory(records, error)) {
    for (auto it = fs::recursive_directory_iterator(records, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_regular_file(error)) continue;
      const std::string name = it->path().filename().string();
      if (name.find(case_ref) == std::string::npos) continue;
      history.documents.push_back(
          {name, "records", fs::relative(it->path(), workspace.root(), error).string()});
    }
  }
  std::sort(history.documents.begin(), history.documents.end(),
            [](const CaseDocument& a, const CaseDocument& b) {
              return std::tie(a.where, a.name) < std::tie(b.where, b.name);
            });
}

}  // namespace

CaseHistory case_history(const Workspace& workspace, const CaseFile& case_file) {
  CaseHistory history;
  const std::string& case_ref = case_file.summary.case_ref;
  add_referral(case_file, history);
  add_sittings(workspace, case_ref, history);
  add_decisions(workspace, case_ref, history);
  add_documents(workspace, case_ref, history);
  std::stable_sort(history.events.begin(), history.events.end(),
                   [](const CaseEvent& a, const CaseEvent& b) { return a.date > b.date; });
  return history;
}

std::optional<fs::path> case_paper_path(const Workspace& workspace, const std::string& case_ref,
                                        const std::string& name) {
  if (name.empty() || name.starts_with('.') || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos || name.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  std::error_code error;
  const fs::path folder = fs::weakly_canonical(workspace.root() / "papers" / case_ref, error);
  if (error) return std::nullopt;
  const fs::path file = fs::weakly_canonical(folder / name, error);
  if (error || file.parent_path() != folder || !fs::is_regular_file(file, error)) {
    return std::nullopt;
  }
  return file;
}

}  // namespace panelpack::office
