#include "panel/quarterly_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "panel/agenda.hpp"
#include "panel/labels.hpp"
#include "panel/panel_error.hpp"
#include "text/iso_date.hpp"

namespace panelpack::panel {

namespace {

using nlohmann::ordered_json;

constexpr std::array<std::string_view, 10> kOutcomes{
    "plan_ratified",        "plan_changed",     "plan_not_ratified", "match_recommended",
    "staying_put_approved", "funding_approved", "funding_partial",   "funding_declined",
    "deferred_more_info",   "escalate"};

bool held_in(const BookedSitting& booked, const Quarter& quarter) {
  return !booked.sitting.cancelled && quarter.contains(booked.sitting.date);
}

// K1: children whose first-panel deadline falls in the quarter, considered by then.
Measure considered_in_time(const ReportInputs& in, const Quarter& quarter) {
  const Timeliness& rules = in.office.timeliness;
  Measure measure{
      .id = "K1",
      .title = "Considered at panel in time",
      .definition = "Children whose " + std::to_string(rules.first_considered_within_weeks) +
                    "-week deadline after entering care fell in the quarter, and of them those "
                    "heard at a panel sitting by the deadline"};
  for (const CaseSummary& summary : in.cases) {
    const auto clock = first_panel_clock(first_panel_rules(in.office, summary), summary);
    if (!clock || !quarter.contains(clock->due)) continue;
    ++measure.denominator;
    // A PPTM tracks the plan; only a panel sitting considers the child.
    const bool heard = std::any_of(in.booked.begin(), in.booked.end(), [&](const auto& booked) {
      return !booked.sitting.cancelled && considers_at_panel(in.office, booked.sitting.panel_id) &&
             booked.sitting.date >= clock->start && booked.sitting.date <= clock->due &&
             booked.bookings.find(summary.case_ref) != nullptr;
    });
    if (heard) ++measure.numerator;
  }
  return measure;
}

// K3: cases heard in the quarter whose every paper arrived by the papers deadline.
Measure papers_on_time(const ReportInputs& in, const Quarter& quarter) {
  Measure measure{
      .id = "K3",
      .title = "Papers on time",
      .definition =
          "Cases heard in the quarter, and of them those whose every paper was received "
          "by the papers deadline"};
  for (const BookedSitting& booked : in.booked) {
    if (!held_in(booked, quarter)) continue;
    const PanelConfig& panel = in.office.panel(booked.sitting.panel_id);
    const Deadline due = deadlines_for(panel, booked.sitting, in.calendar).papers_due;
    for (const BookingItem& item : booked.bookings.items) {
      ++measure.denominator;
      const auto statuses = paper_statuses(item, due);
      if (std::all_of(statuses.begin(), statuses.end(),
                      [](const PaperStatus& s) { return s.received != nullptr && s.on_time; })) {
        ++measure.numerator;
      }
    }
  }
  return measure;
}

// K4: decisions of the quarter's sittings recorded on the child's file by the minutes deadline.
Measure records_on_time(const ReportInputs& in, const Quarter& quarter) {
  Measure measure{.id = "K4",
                  .title = "Decision records on file in time",
                  .definition =
                      "Decisions made at the quarter's sittings, and of them those recorded on the "
                      "child's file by the minutes deadline"};
  for (const SittingDecisions& sitting : in.decisions) {
    if (!quarter.contains(sitting.date)) continue;
    const PanelConfig& panel = in.office.panel(sitting.panel_id);
    const Sitting held{sitting.panel_id, sitting.date, panel.start_time, false, false, ""};
    const CalendarDate due = records_due(panel, held, in.calendar).local.date;
    for (const Decision& decision : sitting.decisions) {
      ++measure.denominator;
      if (decision.recorded_date && *decision.recorded_date <= due) ++measure.numerator;
    }
  }
  return measure;
}

// K5: PPTMs held in the quarter that followed the child's previous one within the cadence.
Measure pptms_in_cadence(const ReportInputs& in, const Quarter& quarter) {
  const Timeliness& rules = pptm_rules(in.office);
  Measure measure{
      .id = "K5",
      .title = "PPTMs within cadence",
      .definition =
          "PPTMs held in the quarter for children who had one before, and of them those "
          "held within the child's cadence (6 or 12 weeks) of the last"};
  if (in.office.timeliness.pptm_panel.empty()) return measure;
  for (const CaseSummary& summary : in.cases) {
    std::vector<CalendarDate> dates;
    for (const BookedSitting& booked : in.booked) {
      if (booked.sitting.panel_id == rules.pptm_panel && !booked.sitting.cancelled &&
          booked.bookings.find(summary.case_ref) != nullptr) {
        dates.push_back(booked.sitting.date);
      }
    }
    std::sort(dates.begin(), dates.end());
    for (std::size_t i = 1; i < dates.size(); ++i) {
      if (!quarter.contains(dates[i])) continue;
      const int weeks = pptm_cadence_weeks(rules, summary, dates[i]);
      if (weeks == 0) continue;
      ++measure.denominator;
      // The 12-week clock of a care order runs from the placement's start, never before it.
      CalendarDate from = dates[i - 1];
      if (const auto floor = pptm_clock_floor(rules, summary, dates[i]); floor && from < *floor) {
        from = *floor;
      }
      if (from.days_until(dates[i]) <= 7L * weeks) ++measure.numerator;
    }
  }
  return measure;
}

// K14: cases re-referred after a placement broke down, heard in the quarter.
Measure rereferrals(const ReportInputs& in, const Quarter& quarter) {
  Measure measure{
      .id = "K14",
      .title = "Re-referrals after a placement disruption",
      .definition = "Cases heard in the quarter because a permanent placement broke down",
      .is_count = true,
      .lower_is_better = true};
  for (const BookedSitting& booked : in.booked) {
    if (!held_in(booked, quarter)) continue;
    for (const BookingItem& item : booked.bookings.items) {
      if (item.reason == "placement_disruption") ++measure.numerator;
    }
  }
  return measure;
}

// K16: actions due in the quarter done by their due date, and actions overdue at its end.
std::pair<Measure, Measure> actions(const ReportInputs& in, const Quarter& quarter) {
  Measure on_time{
      .id = "K16a",
      .title = "Actions done by their due date",
      .definition = "Panel actions due in the quarter, and of them those done by their due date"};
  Measure overdue{.id = "K16b",
                  .title = "Actions overdue at the end of the quarter",
                  .definition = "Panel actions due by the quarter's last day and not done by then",
                  .is_count = true,
                  .lower_is_better = true};
  const CalendarDate end = quarter.last_day();
  for (const SittingDecisions& sitting : in.decisions) {
    if (sitting.date > end) continue;
    for (const Decision& decision : sitting.decisions) {
      for (const RecordedAction& action : decision.actions) {
        if (action.status == "cancelled" || !action.due) continue;
        if (quarter.contains(*action.due)) {
          ++on_time.denominator;
          if (!action.overdue_on(*action.due)) ++on_time.numerator;
        }
        if (action.overdue_on(end)) ++overdue.numerator;
      }
    }
  }
  return {on_time, overdue};
}

ordered_json measure_json(const Measure& now, const Measure& before) {
  const auto side = [](const Measure& m) {
    ordered_json json{{"numerator", m.numerator}, {"denominator", m.denominator}};
    json["percentage"] = m.percentage() ? ordered_json(std::round(*m.percentage() * 10) / 10)
                                        : ordered_json(nullptr);
    json["percentageText"] = percentage_text(m);
    json["hasCases"] = m.is_count || m.denominator > 0;
    json["bar"] = m.is_count ? "" : bar(m.percentage().value_or(0) / 100.0, 20);
    return json;
  };
  ordered_json json{{"id", now.id},
                    {"title", now.title},
                    {"definition", now.definition},
                    {"isCount", now.is_count}};
  json["current"] = side(now);
  json["previous"] = side(before);
  const double a = now.is_count ? now.numerator : now.percentage().value_or(-1);
  const double b = before.is_count ? before.numerator : before.percentage().value_or(-1);
  json["lowerIsBetter"] = now.lower_is_better;
  json["change"] = (a < 0 || b < 0) ? "not comparable" : a > b ? "up" : a < b ? "down" : "same";
  // Judged as well, so that "up" for overdue actions does not read as good news.
  const bool improved = now.lower_is_better ? a < b : a > b;
  json["verdict"] = (a < 0 || b < 0) ? "not comparable"
                    : a == b         ? "same"
                    : improved       ? "better"
                                     : "worse";
  return json;
}

}  // namespace

Quarter Quarter::parse(const std::string& text) {
  const auto invalid = [&] {
    return PanelError("invalid_quarter", text, "expected a quarter such as 2026-Q3");
  };
  if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) throw invalid();
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9') {
      throw invalid();
    }
    year = year * 10 + (text[static_cast<std::size_t>(i)] - '0');
  }
  const int number = text[6] - '0';
  if (number < 1 || number > 4 || year < 1996) throw invalid();
  return {year, number};
}

CalendarDate Quarter::first_day() const {
  return CalendarDate{year, static_cast<unsigned>(3 * number - 2), 1};
}

CalendarDate Quarter::last_day() const {
  const Quarter next = number == 4 ? Quarter{year + 1, 1} : Quarter{year, number + 1};
  return next.first_day().plus_days(-1);
}

Quarter Quarter::previous() const {
  return number == 1 ? Quarter{year - 1, 4} : Quarter{year, number - 1};
}

bool Quarter::contains(CalendarDate date) const {
  return date >= first_day() && date <= last_day();
}

std::string Quarter::id() const {
  return std::to_string(year) + "-Q" + std::to_string(number);
}

std::string Quarter::label() const {
  return std::string{text::month_name(static_cast<unsigned>(3 * number - 2))} + " to " +
         std::string{text::month_name(static_cast<unsigned>(3 * number))} + " " +
         std::to_string(year);
}

std::optional<double> Measure::percentage() const {
  if (is_count || denominator == 0) return std::nullopt;
  return 100.0 * numerator / denominator;
}

std::string percentage_text(const Measure& measure) {
  if (measure.is_count) return std::to_string(measure.numerator);
  const auto percentage = measure.percentage();
  if (!percentage) return "no cases";
  return std::to_string(static_cast<int>(std::lround(*percentage))) + "%";
}

std::string bar(double fraction, int width) {
  const int filled =
      static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(width)));
  std::string text;
  for (int i = 0; i < width; ++i) text += i < filled ? "\u2588" : "\u2591";
  return text;
}

QuarterFigures quarter_figures(const ReportInputs& in, const Quarter& quarter) {
  QuarterFigures figures;
  figures.measures.push_back(considered_in_time(in, quarter));
  figures.measures.push_back(papers_on_time(in, quarter));
  figures.measures.push_back(records_on_time(in, quarter));
  figures.measures.push_back(pptms_in_cadence(in, quarter));
  figures.measures.push_back(rereferrals(in, quarter));
  const auto [done, overdue] = actions(in, quarter);
  figures.measures.push_back(done);
  figures.measures.push_back(overdue);
  for (const SittingDecisions& sitting : in.decisions) {
    if (!quarter.contains(sitting.date)) continue;
    for (const Decision& decision : sitting.decisions) {
      ++figures.outcomes[decision.outcome];
      ++figures.decisions;
    }
  }
  return figures;
}

ordered_json report_data(const ReportInputs& in, const Quarter& quarter, UtcInstant generated_at) {
  const Quarter before = quarter.previous();
  const QuarterFigures now = quarter_figures(in, quarter);
  const QuarterFigures then = quarter_figures(in, before);
  ordered_json report{{"securityMarking", "OFFICIAL-SENSITIVE"},
                      {"localAuthority", in.office.authority},
                      {"quarter", quarter.id()},
                      {"quarterLabel", quarter.label()},
                      {"from", quarter.first_day().iso()},
                      {"to", quarter.last_day().iso()},
                      {"previousQuarter", before.id()},
                      {"previousQuarterLabel", before.label()}};
  ordered_json measures = ordered_json::array();
  for (std::size_t i = 0; i < now.measures.size(); ++i) {
    measures.push_back(measure_json(now.measures[i], then.measures[i]));
  }
  report["measures"] = std::move(measures);
  int largest = 1;
  for (const auto code : kOutcomes) {
    const std::string key{code};
    largest = std::max({largest, now.outcomes.count(key) ? now.outcomes.at(key) : 0,
                        then.outcomes.count(key) ? then.outcomes.at(key) : 0});
  }
  ordered_json outcomes = ordered_json::array();
  for (const auto code : kOutcomes) {
    const std::string key{code};
    const int count = now.outcomes.count(key) ? now.outcomes.at(key) : 0;
    const int previous = then.outcomes.count(key) ? then.outcomes.at(key) : 0;
    if (count == 0 && previous == 0) continue;
    outcomes.push_back({{"outcome", key},
                        {"label", outcome_label(key)},
                        {"count", count},
                        {"previousCount", previous},
                        {"bar", bar(static_cast<double>(count) / largest, 20)},
                        {"previousBar", bar(static_cast<double>(previous) / largest, 20)}});
  }
  report["outcomes"] = std::move(outcomes);
  report["decisions"] = now.decisions;
  report["previousDecisions"] = then.decisions;
  report["generatedAt"] = utc_to_local(generated_at).iso8601();
  // Until its last day has passed a quarter's figures still change (records and actions not
  // yet due count as not done): the report says so rather than look final.
  report["provisional"] = utc_to_local(generated_at).date <= quarter.last_day();
  return report;
}

}  // namespace panelpack::panel
