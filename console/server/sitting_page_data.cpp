#include "console/server/sitting_page_data.hpp"

#include <cstddef>

#include "office/mail/mail_content.hpp"
#include "office/sitting/paper_chaser.hpp"
#include "panel/labels.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::console {

namespace {

// "Tuesday 15 December 2026 at 17:00"
std::string when(const panel::LondonTime& time) {
  return office::long_date(time.date) + " at " + time.time.text();
}

std::string people(const std::vector<panel::Person>& persons) {
  std::string text;
  for (const panel::Person& person : persons) {
    if (!text.empty()) text += "; ";
    text += person.name;
    if (!person.role.empty()) text += " (" + person.role + ")";
  }
  return text;
}

const panel::AgendaItem* item_numbered(const panel::Agenda& agenda, int number) {
  for (const panel::AgendaItem& item : agenda.items) {
    if (item.number == number) return &item;
  }
  return nullptr;
}

// The GOV.UK tag of a paper's state: words first, colour only adds to them.
const char* tag_class(office::PaperCellState state) {
  switch (state) {
    case office::PaperCellState::on_time:
      return "govuk-tag--green";
    case office::PaperCellState::late:
      return "govuk-tag--yellow";
    case office::PaperCellState::missing:
      return "govuk-tag--red";
    case office::PaperCellState::not_needed:
      return "govuk-tag--grey";
  }
  return "";
}

nlohmann::json schedule_of(const panel::Agenda& agenda) {
  nlohmann::json rows = nlohmann::json::array();
  for (const panel::ScheduleEntry& entry : agenda.schedule) {
    nlohmann::json row = {{"start", entry.start.text()}, {"end", entry.end.text()}};
    if (entry.is_break) {
      row["is_break"] = true;
      row["title"] = entry.title;
    } else if (const panel::AgendaItem* item = item_numbered(agenda, entry.number)) {
      row["number"] = item->number;
      row["case_ref"] = item->case_ref;
      row["child_name"] = item->child.name;
      row["reason"] = item->reason_label;
      row["presenters"] = people(item->presenters);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json apologies_of(const panel::Agenda& agenda) {
  nlohmann::json names = nlohmann::json::array();
  if (!agenda.apologies.is_array()) return names;
  for (const auto& person : agenda.apologies) {
    std::string text = person.value("name", "");
    if (person.contains("role")) text += " (" + person.value("role", "") + ")";
    names.push_back(text);
  }
  return names;
}

nlohmann::json bookings_of(const office::SittingView& view) {
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t count = view.agenda.items.size();
  for (const panel::AgendaItem& item : view.agenda.items) {
    nlohmann::json row = {{"number", item.number},
                          {"case_ref", item.case_ref},
                          {"child_name", item.child.name},
                          {"slot", item.slot.text() + " to " + item.end_time.text()}};
    if (item.number > 1) row["up_to"] = item.number - 1;
    if (static_cast<std::size_t>(item.number) < count) row["down_to"] = item.number + 1;
    rows.push_back(std::move(row));
  }
  return rows;
}

// `can_chase`: a missing paper's cell carries the administrator's "Send a chaser" form.
nlohmann::json papers_of(const office::SittingView& view, bool can_chase) {
  nlohmann::json rows = nlohmann::json::array();
  for (const office::PaperGridRow& grid_row : view.papers) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < grid_row.cells.size(); ++i) {
      const office::PaperCell& cell = grid_row.cells[i];
      nlohmann::json json = {{"label", view.paper_labels[i]},
                             {"state", office::to_string(cell.state)},
                             {"tag_class", tag_class(cell.state)},
                             {"words", cell.words}};
      if (cell.received) json["received"] = when(*cell.received);
      if (can_chase && cell.state == office::PaperCellState::missing) {
        json["can_chase"] = true;
        json["case_ref"] = grid_row.case_ref;
        json["paper_type"] = cell.paper_type;
        json["paper_words"] = office::paper_words(cell.paper_type);
      }
      cells.push_back(std::move(json));
    }
    rows.push_back({{"case_ref", grid_row.case_ref},
                    {"child_name", grid_row.child_name},
                    {"cells", std::move(cells)}});
  }
  return rows;
}

nlohmann::json paper_type_options() {
  nlohmann::json options = nlohmann::json::array();
  for (const panel::PaperType& type : panel::kPaperTypes) {
    options.push_back(
        {{"code", std::string(type.code)}, {"label", panel::paper_type_label(type.code)}});
  }
  return options;
}

}  // namespace

std::string sitting_path(const std::string& panel_id, const std::string& date) {
  return "/sittings/" + panel_id + "/" + date;
}

nlohmann::json sitting_page_data(const office::SittingView& view, bool can_change,
                                 bool sees_papers) {
  const panel::Agenda& agenda = view.agenda;
  nlohmann::json data = {{"panel_id", view.panel_id},
                         {"panel_name", agenda.panel.name},
                         {"date", view.date.iso()},
                         {"date_words", office::long_date(view.date)},
                         {"path", sitting_path(view.panel_id, view.date.iso())},
                         {"start_time", agenda.start_time.text()},
                         {"end_time", agenda.end_time.text()},
                         {"venue", agenda.panel.venue},
                         {"chair", people({agenda.panel.chair})},
                         {"papers_due", when(agenda.papers_due.local)},
                         {"pack_available", when(agenda.pack_available.local)},
                         {"minutes_due", when(agenda.minutes_due.local)},
                         {"schedule", schedule_of(agenda)},
                         {"apologies", apologies_of(agenda)},
                         {"case_count", agenda.items.size()},
                         {"version", view.version}};
  if (agenda.extra_sitting) data["extra_sitting"] = true;
  if (!agenda.sitting_note.empty()) data["sitting_note"] = agenda.sitting_note;
  if (!data["apologies"].empty()) data["has_apologies"] = true;
  if (agenda.items.empty()) data["no_cases"] = true;
  if (sees_papers) {
    data["sees_papers"] = true;
    data["paper_columns"] = view.paper_labels;
    data["papers"] = papers_of(view, can_change);
    if (!view.papers.empty() && !view.paper_labels.empty()) data["has_paper_grid"] = true;
  }
  if (can_change) {
    data["can_change"] = true;
    data["bookings"] = bookings_of(view);
    data["paper_types"] = paper_type_options();
  }
  return data;
}

}  // namespace panelpack::console
