#include "office/views/records_view.hpp"

#include <system_error>

#include "office/records/decision_files.hpp"
#include "office/records/decisions_change.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office/validated_json.hpp"
#include "panel/decisions.hpp"

namespace panelpack::office {

RecordsView records_view(const Workspace& workspace, const std::string& panel_id,
                         panel::CalendarDate date, panel::UtcInstant now) {
  const SittingContext context = load_sitting(workspace, panel_id, date);
  RecordsView view;
  view.panel_id = panel_id;
  view.date = date;
  const panel::Deadline due =
      panel::records_due(*context.panel, context.sitting, workspace.calendar());
  view.due = due.local;
  view.due_passed = now > due.utc;
  view.version = decisions_version(workspace, panel_id, date);
  const auto path = decisions_path(workspace, panel_id, date);
  std::error_code missing;
  const nlohmann::json file = std::filesystem::exists(path, missing)
                                  ? read_validated(path, "decisions")
                                  : nlohmann::json{{"decisions", nlohmann::json::array()}};
  const std::vector<RecordFile> made = recorded_files(workspace, panel_id, date);
  for (const panel::BookingItem& item : context.bookings.items) {
    RecordLine line;
    line.case_ref = item.case_ref;
    const panel::CaseSummary& summary = context.summaries.at(item.case_ref);
    line.child_id = summary.child_id;
    line.initials = summary.child_initials;
    const nlohmann::json* decision = nullptr;
    for (const nlohmann::json& candidate : file["decisions"]) {
      if (candidate.value("caseRef", "") == item.case_ref) decision = &candidate;
    }
    line.state = record_state(file, decision);
    line.late = view.due_passed && line.state != RecordState::on_file;
    for (const RecordFile& record : made) {
      if (record.case_ref == item.case_ref) line.files = record;
    }
    if (decision != nullptr) {
      if (decision->contains("circulatedAt")) {
        line.sent_at = panel::utc_to_local(
            panel::parse_instant((*decision)["circulatedAt"].get<std::string>()));
      }
      for (const nlohmann::json& person :
           decision->value("circulatedTo", nlohmann::json::array())) {
        line.sent_to.push_back(panel::Person::from_json(person, "/circulatedTo"));
      }
      if (decision->contains("recordedDate")) {
        line.recorded_date =
            panel::CalendarDate::parse((*decision)["recordedDate"].get<std::string>());
      }
      line.on_file_reference = decision->value("onFileReference", "");
    }
    view.lines.push_back(std::move(line));
  }
  return view;
}

}  // namespace panelpack::office
