#pragma once
// The quarterly highlight report's figures: the KPIs of the terms of reference that the
// office's own records support, each with its numerator, denominator and percentage, for a
// quarter and the one before it (docs/report.md defines every measure).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/case_summary.hpp"
#include "panel/decisions.hpp"
#include "panel/office_config.hpp"
#include "panel/timeliness.hpp"

namespace panelpack::panel {

struct Quarter {
  int year = 2026;
  int number = 1;  // 1 = January to March

  // "2026-Q3". Throws PanelError "invalid_quarter" naming the text.
  static Quarter parse(const std::string& text);
  CalendarDate first_day() const;
  CalendarDate last_day() const;
  Quarter previous() const;
  bool contains(CalendarDate date) const;
  std::string id() const;     // "2026-Q3"
  std::string label() const;  // "July to September 2026"
};

// A measure: a share (numerator of denominator) or, when `is_count`, a number of events.
struct Measure {
  std::string id;
  std::string title;
  std::string definition;
  int numerator = 0;
  int denominator = 0;
  bool is_count = false;
  bool lower_is_better = false;              // re-referrals, overdue actions
  std::optional<double> percentage() const;  // nothing when the denominator is 0
};

struct QuarterFigures {
  std::vector<Measure> measures;        // in report order
  std::map<std::string, int> outcomes;  // decisions by outcome code
  int decisions = 0;
};

struct ReportInputs {
  const OfficeConfig& office;
  const std::vector<CaseSummary>& cases;
  const std::vector<BookedSitting>& booked;
  const std::vector<SittingDecisions>& decisions;
  const WorkingCalendar& calendar;
};

QuarterFigures quarter_figures(const ReportInputs& inputs, const Quarter& quarter);

// The report template's data (docs/schema/report.schema.json): this quarter beside the last,
// percentages as text ("no cases" for an empty denominator), and bars to look at;
// "provisional" while `generated_at` is on or before the quarter's last day.
nlohmann::ordered_json report_data(const ReportInputs& inputs, const Quarter& quarter,
                                   UtcInstant generated_at);

// "83%", or "no cases" when there is no denominator.
std::string percentage_text(const Measure& measure);

// A bar of `width` cells, filled in proportion: "████████░░░░".
std::string bar(double fraction, int width);

}  // namespace panelpack::panel
