// The Reports page (the tracker, this quarter's report and the last few, a chooser for any
// quarter) and a quarter's report: each measure with its numerator and denominator, its
// percentage ("no cases" when nothing was counted), the change from the quarter before and
// whether that is better or worse, from office/records/report.hpp (the figures
// `panelpack report --json` prints); two charts drawn as SVG (office/views/bar_chart.hpp), each
// beside a table of its figures; the DOCX and PDF `panelpack report` writes.

#include <optional>
#include <string>

#include "console/server/console_pages.hpp"
#include "console/server/report_pages.hpp"
#include "office/console/audit.hpp"
#include "office/console/console_store.hpp"
#include "office/mail/mail_content.hpp"
#include "office/records/report.hpp"
#include "office/views/bar_chart.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
using nlohmann::json;

constexpr int kEarlierQuarters = 4;  // listed on the Reports page after the current one

std::string query_value(const RequestContext& request, const std::string& name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

panel::Quarter quarter_holding(panel::CalendarDate date) {
  return {date.year(), static_cast<int>((date.month() - 1) / 3 + 1)};
}

panel::Quarter current_quarter() {
  return quarter_holding(panel::utc_to_local(store::system_now()).date);
}

// The Reports page's data: its quarter links and the chooser's values.
json reports_data() {
  const panel::Quarter now = current_quarter();
  json quarters = json::array();
  panel::Quarter quarter = now;
  for (int i = 0; i <= kEarlierQuarters; ++i) {
    quarters.push_back({{"href", "/reports/quarterly/" + quarter.id()},
                        {"label", quarter.label()},
                        {"id", quarter.id()},
                        {"current", i == 0}});
    quarter = quarter.previous();
  }
  json numbers = json::array();
  for (int number = 1; number <= 4; ++number) {
    numbers.push_back({{"number", number},
                       {"label", panel::Quarter{now.year, number}.label().substr(
                                     0, panel::Quarter{now.year, number}.label().rfind(' '))},
                       {"selected", number == now.number}});
  }
  return {{"quarters", quarters}, {"year", std::to_string(now.year)}, {"numbers", numbers}};
}

// "5 of 6" for a share, the count for a count.
std::string counted_words(const json& side, bool is_count) {
  if (is_count) return std::to_string(side["numerator"].get<int>());
  return std::to_string(side["numerator"].get<int>()) + " of " +
         std::to_string(side["denominator"].get<int>());
}

std::string change_words(const std::string& change) {
  if (change == "up") return "Up";
  if (change == "down") return "Down";
  if (change == "same") return "No change";
  return "Cannot be compared";
}

std::string verdict_tag(const std::string& verdict) {
  if (verdict == "better") return "govuk-tag--green";
  if (verdict == "worse") return "govuk-tag--red";
  return "govuk-tag--grey";
}

std::string verdict_words(const std::string& verdict) {
  if (verdict == "better") return "Better";
  if (verdict == "worse") return "Worse";
  if (verdict == "same") return "Same";
  return "Not comparable";
}

json side_json(const json& side, bool is_count) {
  json out = {{"counted", counted_words(side, is_count)},
              {"percentage", side["percentageText"]},
              {"no_cases", !is_count && side["denominator"].get<int>() == 0}};
  // "83% (5 of 6)" as one phrase, for the chart's table and the chart's words.
  out["phrase"] = is_count                   ? counted_words(side, true)
                  : side["denominator"] == 0 ? std::string("no cases")
                                             : side["percentageText"].get<std::string>() + " (" +
                                                   counted_words(side, false) + ")";
  return out;
}

json measures_json(const json& data) {
  json rows = json::array();
  for (const json& measure : data["measures"]) {
    const bool is_count = measure["isCount"].get<bool>();
    rows.push_back({{"id", measure["id"]},
                    {"title", measure["title"]},
                    {"definition", measure["definition"]},
                    {"is_count", is_count},
                    {"lower_is_better", measure["lowerIsBetter"]},
                    {"current", side_json(measure["current"], is_count)},
                    {"previous", side_json(measure["previous"], is_count)},
                    {"change", change_words(measure["change"].get<std::string>())},
                    {"verdict", verdict_words(measure["verdict"].get<std::string>())},
                    {"verdict_tag", verdict_tag(measure["verdict"].get<std::string>())}});
  }
  return rows;
}

// Decisions by outcome, this quarter beside the last.
json outcomes_chart(const json& data) {
  office::BarChartInput input;
  input.id = "chart-outcomes";
  input.title = "Decisions by outcome: " + data["quarterLabel"].get<std::string>() + " beside " +
                data["previousQuarterLabel"].get<std::string>();
  input.description =
      "A bar for each quarter under each outcome, as long as the number of decisions, with the "
      "number written after it. The table below has the same figures.";
  input.series = {data["quarterLabel"].get<std::string>(),
                  data["previousQuarterLabel"].get<std::string>()};
  json rows = json::array();
  for (const json& outcome : data["outcomes"]) {
    const int count = outcome["count"].get<int>();
    const int previous = outcome["previousCount"].get<int>();
    input.groups.push_back(
        {outcome["label"], {{count, std::to_string(count)}, {previous, std::to_string(previous)}}});
    rows.push_back({{"label", outcome["label"]}, {"count", count}, {"previous", previous}});
  }
  json chart = office::bar_chart_json(office::draw_bar_chart(input));
  chart["rows"] = std::move(rows);
  chart["empty"] = input.groups.empty();
  return chart;
}

// The measures that are shares, as percentages out of 100, this quarter beside the last.
json measures_chart(const json& data, const json& measures) {
  office::BarChartInput input;
  input.id = "chart-measures";
  input.title = "Measures as percentages: " + data["quarterLabel"].get<std::string>() + " beside " +
                data["previousQuarterLabel"].get<std::string>();
  input.description =
      "A bar for each quarter under each measure that is a share, as long as its percentage "
      "out of 100, with the percentage and the numbers written after it; no bar when there "
      "were no cases. The table below has the same figures.";
  input.series = {data["quarterLabel"].get<std::string>(),
                  data["previousQuarterLabel"].get<std::string>()};
  input.scale_maximum = 100;
  json rows = json::array();
  for (std::size_t i = 0; i < data["measures"].size(); ++i) {
    const json& measure = data["measures"][i];
    if (measure["isCount"].get<bool>()) continue;
    const auto value = [](const json& side) -> std::optional<double> {
      if (side["percentage"].is_null()) return std::nullopt;
      return side["percentage"].get<double>();
    };
    const json& row = measures[i];
    const std::string label =
        measure["id"].get<std::string>() + " " + measure["title"].get<std::string>();
    input.groups.push_back(
        {label,
         {{value(measure["current"]), row["current"]["phrase"].get<std::string>()},
          {value(measure["previous"]), row["previous"]["phrase"].get<std::string>()}}});
    rows.push_back({{"label", label},
                    {"current", row["current"]["phrase"]},
                    {"previous", row["previous"]["phrase"]}});
  }
  json chart = office::bar_chart_json(office::draw_bar_chart(input));
  chart["rows"] = std::move(rows);
  chart["empty"] = input.groups.empty();
  return chart;
}

Reply report_download(ConsoleSite& site, RequestContext& request,
                      const office::Workspace& workspace, const office::QuarterlyReport& report,
                      bool pdf) {
  const std::string extension = pdf ? ".pdf" : office::report_document_extension(workspace);
  const std::string body = office::report_document(
      workspace, report, pdf ? office::ReportFormat::pdf : office::ReportFormat::document);
  store::append_audit(site.store, request.actor(),
                      {"download", "report", report.quarter.id() + extension, "ok"});
  const std::string media_type =
      pdf ? "application/pdf"
      : extension == ".odt"
          ? "application/vnd.oasis.opendocument.text"
          : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return send_file({{}, body, media_type, "quarterly-report-" + report.quarter.id() + extension});
}

}  // namespace

Reply reports_page(ConsoleSite& /*site*/, RequestContext& /*request*/) {
  return show("reports", "Reports", reports_data());
}

Reply quarterly_choose(ConsoleSite& /*site*/, RequestContext& request) {
  const std::string year = query_value(request, "year");
  const std::string number = query_value(request, "number");
  // The address alone, without the chooser's answer: the page the chooser is on.
  if (year.empty() && number.empty()) return redirect_to("/reports");
  try {
    return redirect_to("/reports/quarterly/" + panel::Quarter::parse(year + "-Q" + number).id());
  } catch (const panel::PanelError&) {
    json data = reports_data();
    data["year"] = year;
    add_error(data, "year", "year", "Enter the year as 4 digits, like 2026");
    return show("reports", "Reports", std::move(data), Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
  }
}

Reply quarterly_page(ConsoleSite& site, RequestContext& request) {
  // "2026-Q4", or one of its documents "2026-Q4.docx", "2026-Q4.pdf".
  const std::string& asked = request.parameter("quarter");
  const std::string id = asked.substr(0, asked.find('.'));
  const std::string extension = asked.size() > id.size() ? asked.substr(id.size()) : "";
  panel::Quarter quarter;
  try {
    quarter = panel::Quarter::parse(id);
  } catch (const panel::PanelError&) {
    return not_found_page();
  }
  const office::Workspace workspace = site.workspace();
  if (!extension.empty() && extension != ".pdf" &&
      extension != office::report_document_extension(workspace)) {
    return not_found_page();
  }
  const office::QuarterlyReport report =
      office::quarterly_report(workspace, {quarter, store::system_now()});
  if (!extension.empty())
    return report_download(site, request, workspace, report, extension == ".pdf");

  const json& figures = report.data;
  json data = {{"quarter", quarter.id()},
               {"label", figures["quarterLabel"]},
               {"previous_label", figures["previousQuarterLabel"]},
               {"previous_href", "/reports/quarterly/" + quarter.previous().id()},
               {"decisions", figures["decisions"]},
               {"previous_decisions", figures["previousDecisions"]},
               {"provisional", figures["provisional"]},
               {"last_day", office::long_date(quarter.last_day())}};
  data["measures"] = measures_json(figures);
  data["outcomes_chart"] = outcomes_chart(figures);
  data["measures_chart"] = measures_chart(figures, data["measures"]);
  const std::string document_extension = office::report_document_extension(workspace);
  data["document_href"] = "/reports/quarterly/" + quarter.id() + document_extension;
  data["document_kind"] = document_extension == ".odt" ? "ODT" : "DOCX";
  data["pdf_href"] = "/reports/quarterly/" + quarter.id() + ".pdf";
  const panel::Quarter next = quarter_holding(quarter.last_day().plus_days(1));
  data["next_href"] = "/reports/quarterly/" + next.id();
  data["next_label"] = next.label();
  data.update(reports_data());  // the chooser
  data["year"] = std::to_string(quarter.year);
  for (auto& number : data["numbers"]) number["selected"] = number["number"] == quarter.number;
  store::append_audit(site.store, request.actor(), {"view", "report", quarter.id(), "ok"});
  return show("reports_quarterly", "Quarterly report, " + quarter.label(), std::move(data));
}

}  // namespace panelpack::console
