// The Tracker page: the tracker's Decisions and Actions sheets as GOV.UK tables with the
// workbook's own columns and values (office/views/tracker_view.hpp), filtered by panel,
// outcome, sitting dates and overdue actions, sorted by a column header's link (aria-sort on
// the sorted one), all through GET parameters so that a view is a link and works without
// script; and the downloads `panelpack tracker` writes (XLSX, and the two sheets as CSV). It
// names children's cases by reference: each view and each download is audited.

#include <cctype>
#include <iterator>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "console/server/report_pages.hpp"
#include "office/cases/date_input.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/records/tracker.hpp"
#include "office/views/tracker_view.hpp"
#include "panel/labels.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
using spreadsheet::Cell;

// The page's filter and sort parameters, in the order links carry them.
constexpr const char* kFilterNames[] = {"panel",  "outcome",  "from-day", "from-month", "from-year",
                                        "to-day", "to-month", "to-year",  "overdue"};

std::string query_value(const RequestContext& request, const std::string& name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

std::string url_encoded(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (const unsigned char c : value) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return encoded;
}

// "name=value&..." of the given parameters this request has, in that order.
std::string query_of(const RequestContext& request, const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    const std::string value = query_value(request, name);
    if (value.empty()) continue;
    text += (text.empty() ? "" : "&") + name + "=" + url_encoded(value);
  }
  return text;
}

std::vector<std::string> filter_names() {
  return {std::begin(kFilterNames), std::end(kFilterNames)};
}

// "Case ref" -> "case-ref": a column's name in the sort parameter.
std::string column_code(const std::string& header) {
  std::string code;
  for (const unsigned char c : header) {
    if (std::isalnum(c) != 0) {
      code += static_cast<char>(std::tolower(c));
    } else if (!code.empty() && code.back() != '-') {
      code += '-';
    }
  }
  return code;
}

// The order a sheet's sort parameters ask for; the tracker's own order (sitting, then agenda)
// when they name no column of it.
office::SheetSort order_of(const RequestContext& request, const spreadsheet::Sheet& columns,
                           const std::string& sort_name, const std::string& order_name) {
  const std::string wanted = query_value(request, sort_name);
  for (std::size_t i = 0; i < columns.columns.size(); ++i) {
    if (column_code(columns.columns[i].header) == wanted) {
      return {i, query_value(request, order_name) == "descending"};
    }
  }
  return {0, false};
}

// "15 Dec 2026": thirteen columns leave no room for the weekday; <time> has the full date.
std::string short_date(const spreadsheet::Date& date) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const char* month = date.month >= 1 && date.month <= 12 ? kMonths[date.month - 1] : "?";
  return std::to_string(date.day) + " " + month + " " + std::to_string(date.year);
}

std::string iso_of(const spreadsheet::Date& date) {
  return panel::CalendarDate{date.year, date.month, date.day}.iso();
}

// A state column's words as a GOV.UK tag: red for what is late, green for what is done.
std::string tag_class(const std::string& words, bool highlighted) {
  if (highlighted || words == "Overdue") return "govuk-tag--red";
  if (words == "On file in time" || words == "Done") return "govuk-tag--green";
  if (words == "Cancelled") return "govuk-tag--grey";
  return "govuk-tag--blue";
}

nlohmann::json cell_json(const Cell& cell, const std::string& header) {
  nlohmann::json json = nlohmann::json::object();
  if (const auto* text = std::get_if<std::string>(&cell.value)) {
    json["text"] = *text;
    if (header == "Case ref") json["case_href"] = "/cases/" + *text;
    if (header == "Record" || header == "Status") json["tag"] = tag_class(*text, cell.highlight);
  } else if (const auto* date = std::get_if<spreadsheet::Date>(&cell.value)) {
    json["text"] = short_date(*date);
    json["datetime"] = iso_of(*date);
  } else if (const auto* whole = std::get_if<std::int64_t>(&cell.value)) {
    json["text"] = std::to_string(*whole);
    json["numeric"] = true;
  }
  if (!json.contains("text")) json["text"] = "";
  return json;
}

// One sheet as the template's table: headers that sort (the sorted one with aria-sort) and the
// rows' cells in words.
nlohmann::json table_json(const RequestContext& request, const spreadsheet::Sheet& sheet,
                          office::SheetSort order, const std::string& sort_name,
                          const std::string& order_name, const std::string& other_sort,
                          const std::string& anchor) {
  std::vector<std::string> kept = filter_names();
  kept.push_back(other_sort);
  kept.push_back(other_sort == "sort" ? "order" : "aorder");
  const std::string base = query_of(request, kept);
  nlohmann::json columns = nlohmann::json::array();
  for (std::size_t i = 0; i < sheet.columns.size(); ++i) {
    const std::string& header = sheet.columns[i].header;
    // Unsorted (the tracker's order is by sitting first): the Sitting column counts as sorted.
    const bool sorted = i == order.column;
    const bool descending = sorted && order.descending;
    // A second press turns the order round.
    const std::string next = sorted && !descending ? "descending" : "ascending";
    nlohmann::json column = {
        {"header", header},
        {"href", "/reports/tracker?" + base + (base.empty() ? "" : "&") + sort_name + "=" +
                     column_code(header) + "&" + order_name + "=" + next + "#" + anchor},
        {"next", next == "ascending" ? "smallest or earliest first" : "largest or latest first"}};
    if (sorted) {
      column["aria_sort"] = descending ? "descending" : "ascending";
      column["arrow"] = descending ? "\u25BC" : "\u25B2";
    }
    columns.push_back(std::move(column));
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : sheet.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < sheet.columns.size(); ++i) {
      cells.push_back(cell_json(i < row.size() ? row[i] : Cell::empty(), sheet.columns[i].header));
    }
    rows.push_back({{"cells", std::move(cells)}});
  }
  return {{"columns", std::move(columns)},
          {"rows", std::move(rows)},
          {"count", sheet.rows.size()},
          {"empty", sheet.rows.empty()}};
}

// One of the two dates as the filter reads it; a date that is not one is an error beside it.
std::optional<panel::CalendarDate> date_filter(const RequestContext& request, nlohmann::json& data,
                                               const std::string& name, const std::string& label) {
  const office::DateParts parts{query_value(request, name + "-day"),
                                query_value(request, name + "-month"),
                                query_value(request, name + "-year")};
  const office::DateReading reading = office::read_date(parts, label);
  nlohmann::json field = {{"day", parts.day}, {"month", parts.month}, {"year", parts.year}};
  if (!reading.error.empty()) {
    field["day_wrong"] = reading.day_wrong;
    field["month_wrong"] = reading.month_wrong;
    field["year_wrong"] = reading.year_wrong;
    data[name] = field;
    add_error(data, name, name + "-" + reading.first_wrong, reading.error);
    return std::nullopt;
  }
  data[name] = field;
  if (reading.iso.empty()) return std::nullopt;
  return panel::CalendarDate::parse(reading.iso);
}

// The filters the page's parameters ask for, and the form's values and choices in `data`.
office::TrackerFilter filter_of(const office::Workspace& workspace, const RequestContext& request,
                                nlohmann::json& data) {
  office::TrackerFilter filter;
  const std::string panel_id = query_value(request, "panel");
  nlohmann::json panels = nlohmann::json::array();
  panels.push_back({{"id", ""}, {"name", "Every panel"}, {"selected", panel_id.empty()}});
  for (const auto& panel : workspace.office().panels) {
    panels.push_back({{"id", panel.id}, {"name", panel.name}, {"selected", panel.id == panel_id}});
    if (panel.id == panel_id) filter.panel_id = panel_id;
  }
  data["panels"] = std::move(panels);
  const std::string outcome = query_value(request, "outcome");
  nlohmann::json outcomes = nlohmann::json::array();
  outcomes.push_back({{"code", ""}, {"words", "Any decision"}, {"selected", outcome.empty()}});
  for (const std::string& code : panel::outcome_codes()) {
    outcomes.push_back(
        {{"code", code}, {"words", panel::outcome_label(code)}, {"selected", code == outcome}});
    if (code == outcome) filter.outcome = outcome;
  }
  data["outcomes"] = std::move(outcomes);
  filter.from = date_filter(request, data, "from", "The first sitting date");
  filter.to = date_filter(request, data, "to", "The last sitting date");
  if (filter.from && filter.to && *filter.to < *filter.from) {
    add_error(data, "to", "to-day", "The last sitting date must be on or after the first");
    filter.to.reset();
  }
  filter.only_overdue = query_value(request, "overdue") == "yes";
  data["overdue"] = filter.only_overdue;
  return filter;
}

// What the downloads hold: `panelpack tracker --from --to`'s rows, every panel.
office::TrackerResult downloaded_tracker(const office::Workspace& workspace,
                                         const RequestContext& request, std::string& dates) {
  nlohmann::json ignored = nlohmann::json::object();
  const office::TrackerFilter filter = filter_of(workspace, request, ignored);
  office::TrackerRequest asked;
  asked.now = store::system_now();
  if (filter.from) asked.from = *filter.from;
  if (filter.to) asked.to = *filter.to;
  dates = (filter.from ? filter.from->iso() : std::string("start")) + ".." +
          (filter.to ? filter.to->iso() : std::string("end"));
  return office::build_office_tracker(workspace, asked);
}

Reply download(ConsoleSite& site, RequestContext& request, const std::string& kind) {
  const office::Workspace workspace = site.workspace();
  std::string dates;
  const office::TrackerResult result = downloaded_tracker(workspace, request, dates);
  const auto workbook = office::tracker_workbook(workspace, result.tracker);
  Download file;
  if (kind == "xlsx") {
    file = {{},
            office::tracker_xlsx(workbook),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "tracker.xlsx"};
  } else if (kind == "csv") {
    file = {{}, office::tracker_csv(workbook, 0), "text/csv; charset=utf-8", "tracker.csv"};
  } else {
    file = {{}, office::tracker_csv(workbook, 1), "text/csv; charset=utf-8", "tracker-actions.csv"};
  }
  // Who took the tracker away, which file and which dates: ids only.
  store::append_audit(site.store, request.actor(),
                      {"download", "tracker", file.file_name + " " + dates, "ok"});
  return send_file(std::move(file));
}

}  // namespace

Reply tracker_page(ConsoleSite& site, RequestContext& request) {
  const office::Workspace workspace = site.workspace();
  nlohmann::json data = nlohmann::json::object();
  const office::TrackerFilter filter = filter_of(workspace, request, data);
  // The sheets' columns, to read the sort parameters against.
  const auto columns = office::tracker_workbook(workspace, {});
  const office::SheetSort decisions_order =
      order_of(request, columns.sheets.at(0), "sort", "order");
  const office::SheetSort actions_order =
      order_of(request, columns.sheets.at(1), "asort", "aorder");
  const office::TrackerView view =
      office::tracker_view(workspace, filter, decisions_order, actions_order, store::system_now());
  data["decisions"] =
      table_json(request, view.decisions, decisions_order, "sort", "order", "asort", "decisions");
  data["actions"] =
      table_json(request, view.actions, actions_order, "asort", "aorder", "sort", "actions");
  data["all_decisions"] = view.all_decisions;
  data["all_actions"] = view.all_actions;
  if (!view.skipped.empty()) data["skipped"] = view.skipped;
  const std::string filters = query_of(request, filter_names());
  if (!filters.empty()) data["filtered"] = true;
  const std::string dates =
      query_of(request, {"from-day", "from-month", "from-year", "to-day", "to-month", "to-year"});
  const std::string suffix = dates.empty() ? "" : "?" + dates;
  data["xlsx_href"] = "/reports/tracker.xlsx" + suffix;
  data["csv_href"] = "/reports/tracker.csv" + suffix;
  data["actions_csv_href"] = "/reports/tracker-actions.csv" + suffix;
  request.viewed_object_id = filters.empty() ? "all" : filters;
  return show("reports_tracker", "Decisions tracker", std::move(data));
}

Reply tracker_xlsx_download(ConsoleSite& site, RequestContext& request) {
  return download(site, request, "xlsx");
}

Reply tracker_csv_download(ConsoleSite& site, RequestContext& request) {
  return download(site, request, "csv");
}

Reply tracker_actions_csv_download(ConsoleSite& site, RequestContext& request) {
  return download(site, request, "actions-csv");
}

}  // namespace panelpack::console
