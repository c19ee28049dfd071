#pragma once
// A horizontal bar chart drawn for a page as SVG, by hand: each group's label on a line of its
// own, then one bar per series with its value written after it in words ("This quarter: 5"),
// so that neither the colour nor the length alone carries a number. The page's template draws
// the shapes this works out (no chart library, no script) beside a table of the same figures.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace panelpack::office {

// One bar: its value (nothing for "no cases": no bar, only the words) and the words after it.
struct ChartValue {
  std::optional<double> value;
  std::string words;  // "5", "83% (5 of 6)", "no cases"
};

// A group of bars under one label: one value per series, in the series' order.
struct ChartGroup {
  std::string label;
  std::vector<ChartValue> values;
};

struct BarChartInput {
  std::string id;                   // the page's id for it, "chart-outcomes"
  std::string title;                // the figure's caption and the SVG's title
  std::string description;          // the SVG's desc: what it shows, in a sentence
  std::vector<std::string> series;  // "This quarter", "Last quarter"
  std::vector<ChartGroup> groups;
  // The value of a full-length bar (100 for percentages); nothing: the largest value.
  std::optional<double> scale_maximum;
};

struct DrawnBar {
  double x = 0;
  double y = 0;
  double length = 0;  // in proportion to the value: 0 for 0, and for no value
  double thickness = 0;
  std::string fill;  // the series' colour, #RRGGBB
  double text_x = 0;
  double text_y = 0;
  std::string text;  // "This quarter: 5"
};

struct DrawnGroup {
  std::string label;
  double label_y = 0;
  std::vector<DrawnBar> bars;
};

struct BarChart {
  std::string id;
  std::string title;
  std::string description;
  double width = 0;
  double height = 0;
  double axis_top = 0;  // the line the bars start from, at x = 0
  double axis_bottom = 0;
  std::vector<DrawnGroup> groups;
};

// The longest bar, in the SVG's units: a bar of the scale's maximum is this long.
inline constexpr double kLongestBar = 440;

// Works out every shape. Values below 0 are drawn as 0; with nothing to scale by (every value 0
// or none) every bar has length 0.
BarChart draw_bar_chart(const BarChartInput& input);

// The chart as the page's template reads it: id, title, description, width, height, axis,
// groups[] {label, label_y, bars[] {x, y, length, thickness, fill, text, text_x, text_y}}.
nlohmann::json bar_chart_json(const BarChart& chart);

}  // namespace panelpack::office
