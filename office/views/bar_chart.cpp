#include "office/views/bar_chart.hpp"

#include <algorithm>
#include <cmath>

namespace panelpack::office {

namespace {

// GOV.UK's blue and dark grey: each at least 3:1 against white (WCAG 1.4.11), and told apart
// by the words after each bar too.
constexpr const char* kSeriesFills[] = {"#1d70b8", "#505a5f"};

constexpr double kTop = 8;
constexpr double kLabelLine = 26;  // a group's label, above its bars
constexpr double kBarThickness = 24;
constexpr double kBarGap = 6;
constexpr double kGroupGap = 18;
constexpr double kTextGap = 8;  // between a bar's end and its words
constexpr double kWidth = 800;  // room for the longest bar and its words

// A tenth of a unit is finer than any screen shows; the page's numbers stay short.
double tidy(double value) {
  return std::round(value * 10) / 10;
}

double scale_of(const BarChartInput& input) {
  if (input.scale_maximum) return std::max(0.0, *input.scale_maximum);
  double largest = 0;
  for (const ChartGroup& group : input.groups) {
    for (const ChartValue& value : group.values)
      largest = std::max(largest, value.value.value_or(0));
  }
  return largest;
}

}  // namespace

BarChart draw_bar_chart(const BarChartInput& input) {
  BarChart chart{input.id, input.title, input.description, kWidth, 0, kTop, kTop, {}};
  const double scale = scale_of(input);
  double y = kTop;
  for (const ChartGroup& group : input.groups) {
    DrawnGroup drawn{group.label, tidy(y + 18), {}};
    y += kLabelLine;
    for (std::size_t i = 0; i < group.values.size(); ++i) {
      const ChartValue& value = group.values[i];
      const double shown = std::clamp(value.value.value_or(0), 0.0, scale);
      // No scale (nothing above 0): every bar is empty rather than divided by zero.
      const double length = scale > 0 ? kLongestBar * shown / scale : 0;
      const std::string series = i < input.series.size() ? input.series[i] : "";
      DrawnBar bar;
      bar.x = 0;
      bar.y = tidy(y);
      bar.length = tidy(length);
      bar.thickness = kBarThickness;
      bar.fill = kSeriesFills[i % std::size(kSeriesFills)];
      bar.text_x = tidy(length + kTextGap);
      bar.text_y = tidy(y + 17);
      bar.text = series.empty() ? value.words : series + ": " + value.words;
      drawn.bars.push_back(std::move(bar));
      y += kBarThickness + kBarGap;
    }
    chart.groups.push_back(std::move(drawn));
    y += kGroupGap;
  }
  chart.axis_bottom = tidy(std::max(kTop, y - kGroupGap - kBarGap));
  chart.height = tidy(y);
  return chart;
}

nlohmann::json bar_chart_json(const BarChart& chart) {
  nlohmann::json groups = nlohmann::json::array();
  for (const DrawnGroup& group : chart.groups) {
    nlohmann::json bars = nlohmann::json::array();
    for (const DrawnBar& bar : group.bars) {
      bars.push_back({{"x", bar.x},
                      {"y", bar.y},
                      {"length", bar.length},
                      {"thickness", bar.thickness},
                      {"fill", bar.fill},
                      {"text", bar.text},
                      {"text_x", bar.text_x},
                      {"text_y", bar.text_y}});
    }
    groups.push_back({{"label", group.label}, {"label_y", group.label_y}, {"bars", bars}});
  }
  return {{"id", chart.id},
          {"title", chart.title},
          {"description", chart.description},
          {"width", chart.width},
          {"height", chart.height},
          {"axis_top", chart.axis_top},
          {"axis_bottom", chart.axis_bottom},
          {"groups", groups}};
}

}  // namespace panelpack::office
