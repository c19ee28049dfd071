// The Calendar page: one month of every panel's sittings (office/views/calendar_view.hpp) with
// their deadlines, bookings counted and markings; an administrator also sees the forms that add,
// cancel or move a sitting (calendar_changes_page.cpp), each carrying office.json's version.

#include <array>
#include <string>

#include "console/server/calendar_page_data.hpp"
#include "console/server/sitting_words.hpp"
#include "console/server/today_pages.hpp"
#include "office/calendar_changes.hpp"
#include "office/console/console_store.hpp"
#include "office/error.hpp"
#include "office/mail/mail_content.hpp"
#include "office/views/calendar_view.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::console {
namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

std::string month_text(int year, unsigned month) {
  return std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month);
}

nlohmann::json month_link(int year, int month, const std::optional<std::string>& panel) {
  if (month < 1) {
    month = 12;
    --year;
  } else if (month > 12) {
    month = 1;
    ++year;
  }
  const auto number = static_cast<unsigned>(month);
  std::string href = "/calendar?month=" + month_text(year, number);
  if (panel) href += "&panel=" + *panel;
  return {{"href", href}, {"words", std::string(kMonths[number - 1]) + " " + std::to_string(year)}};
}

// The words of a change just made, from the redirect's query (checked, never echoed as typed).
std::optional<std::string> done_words(const office::Workspace& workspace,
                                      const RequestContext& request) {
  const auto kind = request.query.find("done");
  const auto sitting = request.query.find("sitting");
  if (kind == request.query.end() || sitting == request.query.end()) return std::nullopt;
  const std::string& id = sitting->second;
  const auto slash = id.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    const panel::PanelConfig& panel = workspace.office().panel(id.substr(0, slash));
    const std::string date = office::long_date(panel::CalendarDate::parse(id.substr(slash + 1)));
    if (kind->second == "add") return "Sitting added: " + panel.name + ", " + date;
    if (kind->second == "cancel") return "Sitting cancelled: " + panel.name + ", " + date;
    if (kind->second == "move") return "Sitting moved: " + panel.name + ", now " + date;
  } catch (const panel::PanelError&) {
  }
  return std::nullopt;
}

}  // namespace

panel::CalendarDate london_today() {
  return panel::utc_to_local(office::console::system_now()).date;
}

nlohmann::json calendar_page_data(const ConsoleSite& site, const RequestContext& request, int year,
                                  unsigned month, const std::optional<std::string>& panel,
                                  nlohmann::json data) {
  // The version first: a change made while the page is built makes the form stale, not wrong.
  const std::string version = office::office_version(site.workspace());
  const office::Workspace workspace = site.workspace();
  const office::CalendarView view = office::calendar_month(workspace, year, month, panel);
  nlohmann::json rows = nlohmann::json::array();
  for (const office::MonthSitting& entry : view.sittings) {
    nlohmann::json row = sitting_row(entry.sitting);
    if (entry.sitting.sitting.cancelled) {
      row["tag"] = "Cancelled";
      row["tag_class"] = "govuk-tag--grey";
    } else if (entry.sitting.day_off) {
      row["tag"] = "On a day off";
      row["tag_class"] = "govuk-tag--red";
    } else if (entry.sitting.sitting.extra) {
      row["tag"] = "Extra";
      row["tag_class"] = "govuk-tag--blue";
    }
    if (!entry.marking.empty()) row["marking"] = entry.marking;
    rows.push_back(std::move(row));
  }
  nlohmann::json panels = nlohmann::json::array();
  for (const panel::PanelConfig& each : workspace.office().panels) {
    panels.push_back({{"id", each.id}, {"name", each.name}, {"selected", panel == each.id}});
  }
  data["month"] = month_text(year, month);
  data["month_words"] = view.month_name + " " + std::to_string(year);
  const nlohmann::json previous = month_link(year, static_cast<int>(month) - 1, panel);
  const nlohmann::json next = month_link(year, static_cast<int>(month) + 1, panel);
  data["previous_href"] = previous["href"];
  data["previous_words"] = previous["words"];
  data["next_href"] = next["href"];
  data["next_words"] = next["words"];
  data["sittings"] = rows;
  data["has_sittings"] = !rows.empty();
  data["panels"] = panels;
  data["filtered"] = panel.has_value();
  data["version"] = version;
  if (const auto words = done_words(workspace, request)) data["done"] = *words;
  // Each change form's own panel list, with the panel the person chose kept chosen.
  for (const char* form : {"add", "cancel", "move"}) {
    const std::string chosen = data.value(std::string(form) + "_panel_value", "");
    nlohmann::json options = nlohmann::json::array();
    for (const panel::PanelConfig& each : workspace.office().panels) {
      options.push_back({{"id", each.id}, {"name", each.name}, {"selected", chosen == each.id}});
    }
    data[std::string(form) + "_panels"] = options;
  }
  return data;
}

Reply calendar_page(ConsoleSite& site, RequestContext& request) {
  panel::CalendarDate today = london_today();
  int year = today.year();
  unsigned month = today.month();
  if (const auto given = request.query.find("month");
      given != request.query.end() && !given->second.empty()) {
    try {
      const auto first = panel::CalendarDate::parse(given->second + "-01");
      year = first.year();
      month = first.month();
    } catch (const panel::PanelError&) {
      throw office::OfficeError(office::OfficeError::Code::bad_input,
                                "the month " + given->second +
                                    " is not a month like 2026-12: choose one from the calendar");
    }
  }
  std::optional<std::string> panel;
  if (const auto given = request.query.find("panel");
      given != request.query.end() && !given->second.empty()) {
    panel = given->second;
  }
  nlohmann::json data = calendar_page_data(site, request, year, month, panel);
  return show("calendar", "Calendar", std::move(data));
}

}  // namespace panelpack::console
