#include "office/tick/change_forecast.hpp"

#include <map>
#include <set>

#include "office/error.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "panel/agenda.hpp"
#include "panel/panel_error.hpp"
#include "panel/sitting_notices.hpp"

namespace panelpack::office {

namespace {

std::string presenters_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " presenter" : " presenters");
}

// The slots of the sitting as booked now, from its agenda.
std::vector<panel::CaseSlot> slots_now(const Workspace& workspace, const panel::PanelConfig& panel,
                                       const panel::Sitting& sitting,
                                       const panel::Bookings& bookings, panel::UtcInstant now) {
  std::map<std::string, panel::CaseSummary> cases;
  for (const panel::BookingItem& item : bookings.items) {
    cases.emplace(item.case_ref, workspace.load_case(item.case_ref).summary);
  }
  const panel::Agenda agenda = panel::compute_agenda(
      {workspace.office(), panel, sitting, bookings, cases, workspace.calendar(), now});
  std::vector<panel::CaseSlot> slots;
  for (const panel::AgendaItem& item : agenda.items) {
    slots.push_back({item.case_ref, item.slot.text(), item.end_time.text()});
  }
  return slots;
}

}  // namespace

std::string change_forecast(const Workspace& workspace, const panel::PanelConfig& panel,
                            const panel::Sitting& sitting, const panel::Bookings& bookings,
                            panel::UtcInstant now) {
  if (now >= panel::local_to_utc(sitting.date, sitting.start_time)) return "";
  try {
    const auto told = read_sitting_notices(workspace, sitting.panel_id, sitting.date);
    if (!told) return "";
    const panel::SlotChanges changes =
        panel::slot_changes(*told, slots_now(workspace, panel, sitting, bookings, now));
    std::set<std::string> corrected;
    for (const auto& change : changes.corrections) corrected.insert(change.first->email);
    std::set<std::string> cancelled;
    for (const auto* notice : changes.cancellations) cancelled.insert(notice->email);
    std::vector<std::string> parts;
    if (!corrected.empty()) {
      parts.push_back("a correction to " + presenters_text(corrected.size()) +
                      " whose slot changed");
    }
    if (!cancelled.empty()) {
      parts.push_back("a cancellation to " + presenters_text(cancelled.size()) +
                      " of the case taken off");
    }
    std::string text;
    if (!parts.empty()) {
      text = "the next tick will send " + parts[0] + (parts.size() > 1 ? " and " + parts[1] : "");
    }
    if (changes.agenda_changed) {
      text += std::string(text.empty() ? "" : "; ") +
              "the pack was circulated, so the next tick sends the chair, members and "
              "submission mailbox an addendum with the new agenda";
    }
    return text;
  } catch (const std::exception& failure) {  // OfficeError or PanelError: the book stands
    return "cannot tell what the next tick will send about this change: " +
           std::string(failure.what());
  }
}

}  // namespace panelpack::office
