#include "office/records/records_late.hpp"

#include "office/records/record_state.hpp"

namespace panelpack::office {

nlohmann::ordered_json RecordsLate::to_json() const {
  return {{"notAgreed", not_agreed}, {"notSent", not_sent}, {"notOnFile", not_on_file}};
}

RecordsLate count_records_late(const panel::OfficeConfig& office,
                               const std::vector<panel::SittingDecisions>& decisions,
                               panel::UtcInstant now, const panel::WorkingCalendar& calendar) {
  RecordsLate late;
  for (const panel::SittingDecisions& sitting : decisions) {
    const panel::PanelConfig* panel = nullptr;
    for (const panel::PanelConfig& candidate : office.panels) {
      if (candidate.id == sitting.panel_id) panel = &candidate;
    }
    if (panel == nullptr) continue;
    // The sitting as held: its records deadline counts from its date (as status's findings).
    const panel::Sitting held{sitting.panel_id, sitting.date, panel->start_time, false, false, ""};
    if (now <= panel::records_due(*panel, held, calendar).utc) continue;
    const nlohmann::json& file = sitting.document;
    if (!file.contains("decisions")) continue;
    for (const nlohmann::json& decision : file["decisions"]) {
      switch (record_state(file, &decision)) {
        case RecordState::not_started:
        case RecordState::draft:
          ++late.not_agreed;
          break;
        case RecordState::agreed:
          ++late.not_sent;
          break;
        case RecordState::sent:
          ++late.not_on_file;
          break;
        case RecordState::on_file:
          break;
      }
    }
  }
  return late;
}

}  // namespace panelpack::office
