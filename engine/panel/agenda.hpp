#pragma once
// A sitting's agenda as data: the cases in order with their time slots and breaks, their
// presenters, and each paper received on time, late or missing. The agenda template is
// filled from it (docs/schema/agenda.schema.json), and the pack follows its order.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/bookings.hpp"
#include "panel/case_summary.hpp"
#include "panel/office_config.hpp"
#include "panel/sittings.hpp"

namespace panelpack::panel {

struct AgendaInputs {
  const OfficeConfig& office;
  const PanelConfig& panel;
  const Sitting& sitting;
  const Bookings& bookings;
  const std::map<std::string, CaseSummary>& cases;  // by case reference; every booked case
  const WorkingCalendar& calendar;
  UtcInstant generated_at;
};

// Throws PanelError "unknown_case" for a booked case with no summary, and
// "sitting_past_midnight" when the slots run past 23:59.
nlohmann::ordered_json build_agenda(const AgendaInputs& inputs);

// The papers a booked case is to bring and those it has brought, each with its status against
// the papers deadline, in the booking's order (expected first, then any extra received).
struct PaperStatus {
  std::string type;
  const ReceivedPaper* received = nullptr;  // null: missing
  bool on_time = false;
};
std::vector<PaperStatus> paper_statuses(const BookingItem& item, const Deadline& papers_due);

// "1. LCS900102 (Leah Thornbury)": how the pack's PDF bookmarks and progress name a case.
std::string case_heading(int number, const CaseSummary& summary);

}  // namespace panelpack::panel
