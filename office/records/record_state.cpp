#include "office/records/record_state.hpp"

namespace panelpack::office {

RecordState record_state(const nlohmann::json& sitting, const nlohmann::json* decision) {
  if (decision == nullptr || decision->is_null()) return RecordState::not_started;
  if (decision->contains("recordedDate")) return RecordState::on_file;
  if (decision->contains("circulatedAt")) return RecordState::sent;
  if (decision->contains("agreed") || sitting.contains("minutesAgreedDate")) {
    return RecordState::agreed;
  }
  return RecordState::draft;
}

std::string_view record_state_words(RecordState state) {
  switch (state) {
    case RecordState::not_started:
      return "Not started";
    case RecordState::draft:
      return "Draft";
    case RecordState::agreed:
      return "Agreed";
    case RecordState::sent:
      return "Sent";
    case RecordState::on_file:
      return "On the child's file";
  }
  return "Unknown";
}

std::string_view record_state_code(RecordState state) {
  switch (state) {
    case RecordState::not_started:
      return "not_started";
    case RecordState::draft:
      return "draft";
    case RecordState::agreed:
      return "agreed";
    case RecordState::sent:
      return "sent";
    case RecordState::on_file:
      return "on_file";
  }
  return "unknown";
}

}  // namespace panelpack::office
