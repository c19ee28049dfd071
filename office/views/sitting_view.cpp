#include "office/views/sitting_view.hpp"

#include <algorithm>
#include <utility>

#include "office/sitting/bookings_version.hpp"
#include "office/sitting/sitting_agenda.hpp"
#include "panel/labels.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::office {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Every type some booked case brings, in the one order of paper_types.hpp.
std::vector<std::string> grid_columns(const panel::Agenda& agenda) {
  std::vector<std::string> columns;
  for (const panel::PaperType& type : panel::kPaperTypes) {
    const std::string code{type.code};
    for (const panel::AgendaItem& item : agenda.items) {
      if (contains(item.paper_types, code)) {
        columns.push_back(code);
        break;
      }
    }
  }
  return columns;
}

PaperCell cell_for(const panel::AgendaItem& item, const std::string& type) {
  PaperCell cell;
  cell.paper_type = type;
  cell.words = "not needed";
  for (const panel::AgendaPaper& paper : item.papers) {
    if (paper.type != type) continue;
    cell.state = paper.state == panel::PaperState::on_time ? PaperCellState::on_time
                 : paper.state == panel::PaperState::late  ? PaperCellState::late
                                                           : PaperCellState::missing;
    cell.words = paper.status_label;
    if (paper.received_at) {
      cell.received = panel::utc_to_local(panel::parse_instant(*paper.received_at));
    }
    cell.on_file_elsewhere = paper.on_file_elsewhere;
  }
  return cell;
}

nlohmann::ordered_json to_json(const PaperCell& cell) {
  nlohmann::ordered_json json{
      {"paperType", cell.paper_type}, {"state", to_string(cell.state)}, {"words", cell.words}};
  json["received"] = cell.received ? nlohmann::ordered_json(cell.received->iso8601()) : nullptr;
  json["onFileElsewhere"] = cell.on_file_elsewhere;
  return json;
}

}  // namespace

SittingView sitting_view(const Workspace& workspace, const std::string& panel_id,
                         panel::CalendarDate date, panel::UtcInstant now) {
  SittingView view;
  view.panel_id = panel_id;
  view.date = date;
  // The version first: a change landing before the agenda is read makes the form stale (and
  // refused), never a form that looks current over content it did not show.
  view.version = bookings_version(workspace, panel_id, date);
  view.agenda = sitting_agenda(workspace, panel_id, date, now).agenda;
  view.paper_types = grid_columns(view.agenda);
  for (const std::string& type : view.paper_types) {
    view.paper_labels.push_back(panel::paper_type_label(type));
  }
  for (const panel::AgendaItem& item : view.agenda.items) {
    PaperGridRow row{item.number, item.case_ref, item.child.name, {}};
    for (const std::string& type : view.paper_types) row.cells.push_back(cell_for(item, type));
    view.papers.push_back(std::move(row));
  }
  return view;
}

std::string to_string(PaperCellState state) {
  switch (state) {
    case PaperCellState::on_time:
      return "on_time";
    case PaperCellState::late:
      return "late";
    case PaperCellState::missing:
      return "missing";
    case PaperCellState::not_needed:
      return "not_needed";
  }
  return "not_needed";
}

nlohmann::ordered_json to_json(const SittingView& view) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const PaperGridRow& row : view.papers) {
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    for (const PaperCell& cell : row.cells) cells.push_back(to_json(cell));
    rows.push_back({{"item", row.item},
                    {"caseRef", row.case_ref},
                    {"childName", row.child_name},
                    {"cells", std::move(cells)}});
  }
  return {{"panel", view.panel_id},         {"date", view.date.iso()},
          {"version", view.version},        {"agenda", panel::to_json(view.agenda)},
          {"paperTypes", view.paper_types}, {"papers", std::move(rows)}};
}

}  // namespace panelpack::office
