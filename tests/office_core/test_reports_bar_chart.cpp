// The bar chart the Reports pages draw as SVG (office/views/bar_chart.hpp): bars as long as
// their values, every bar's words present, nothing drawn or divided when there is nothing to
// scale by, "no cases" drawn as words without a bar, and the template's JSON holding it all.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "office/views/bar_chart.hpp"

namespace {

using panelpack::office::bar_chart_json;
using panelpack::office::BarChartInput;
using panelpack::office::draw_bar_chart;
using panelpack::office::kLongestBar;

BarChartInput outcomes(int a, int b, int c, int d) {
  BarChartInput input;
  input.id = "chart-outcomes";
  input.title = "Decisions by outcome";
  input.description = "A bar per quarter under each outcome.";
  input.series = {"This quarter", "Last quarter"};
  input.groups = {{"Plan ratified", {{a, std::to_string(a)}, {b, std::to_string(b)}}},
                  {"Deferred", {{c, std::to_string(c)}, {d, std::to_string(d)}}}};
  return input;
}

TEST(BarChart, EachBarIsAsLongAsItsValueAgainstTheLargest) {
  const auto chart = draw_bar_chart(outcomes(4, 2, 1, 0));
  ASSERT_EQ(chart.groups.size(), 2U);
  ASSERT_EQ(chart.groups[0].bars.size(), 2U);
  EXPECT_DOUBLE_EQ(chart.groups[0].bars[0].length, kLongestBar);
  EXPECT_DOUBLE_EQ(chart.groups[0].bars[1].length, kLongestBar / 2);
  EXPECT_DOUBLE_EQ(chart.groups[1].bars[0].length, kLongestBar / 4);
  EXPECT_DOUBLE_EQ(chart.groups[1].bars[1].length, 0);
  // Proportional: each length over its value is the same.
  EXPECT_DOUBLE_EQ(chart.groups[0].bars[1].length / 2, chart.groups[1].bars[0].length / 1);
  // Bars do not overlap, and the drawing is as tall as its last bar.
  EXPECT_GE(chart.groups[0].bars[1].y,
            chart.groups[0].bars[0].y + chart.groups[0].bars[0].thickness);
  EXPECT_GT(chart.groups[1].label_y, chart.groups[0].bars[1].y);
  EXPECT_GE(chart.height, chart.groups[1].bars[1].y + chart.groups[1].bars[1].thickness);
}

TEST(BarChart, EveryBarHasItsWordsAfterItAndItsSeriesColour) {
  const auto chart = draw_bar_chart(outcomes(4, 2, 1, 0));
  EXPECT_EQ(chart.groups[0].label, "Plan ratified");
  EXPECT_EQ(chart.groups[0].bars[0].text, "This quarter: 4");
  EXPECT_EQ(chart.groups[0].bars[1].text, "Last quarter: 2");
  EXPECT_EQ(chart.groups[1].bars[1].text, "Last quarter: 0");
  for (const auto& group : chart.groups) {
    EXPECT_EQ(group.bars[0].fill, "#1d70b8");
    EXPECT_EQ(group.bars[1].fill, "#505a5f");
    for (const auto& bar : group.bars) {
      EXPECT_DOUBLE_EQ(bar.text_x, bar.length + 8);  // just past the bar's end
      EXPECT_GT(bar.text_y, bar.y);
      EXPECT_LT(bar.text_y, bar.y + bar.thickness);
    }
  }
}

TEST(BarChart, NothingToScaleByDrawsEmptyBarsWithoutDividingByZero) {
  const auto chart = draw_bar_chart(outcomes(0, 0, 0, 0));
  for (const auto& group : chart.groups) {
    for (const auto& bar : group.bars) {
      EXPECT_TRUE(std::isfinite(bar.length));
      EXPECT_DOUBLE_EQ(bar.length, 0);
      EXPECT_TRUE(std::isfinite(bar.text_x));
    }
  }
  EXPECT_EQ(chart.groups[0].bars[0].text, "This quarter: 0");
  // No groups at all: a drawing with nothing in it, still finite.
  BarChartInput none = outcomes(0, 0, 0, 0);
  none.groups.clear();
  const auto empty = draw_bar_chart(none);
  EXPECT_TRUE(empty.groups.empty());
  EXPECT_TRUE(std::isfinite(empty.height));
  EXPECT_GT(empty.height, 0);
}

TEST(BarChart, PercentagesAreOutOfAHundredAndNoCasesHasNoBar) {
  BarChartInput input;
  input.id = "chart-measures";
  input.series = {"This quarter", "Last quarter"};
  input.scale_maximum = 100;
  input.groups = {
      {"K4 Records on file in time", {{50.0, "50% (1 of 2)"}, {std::nullopt, "no cases"}}},
      {"K3 Papers on time", {{100.0, "100% (3 of 3)"}, {-5.0, "odd"}}}};
  const auto chart = draw_bar_chart(input);
  EXPECT_DOUBLE_EQ(chart.groups[0].bars[0].length, kLongestBar / 2);
  EXPECT_DOUBLE_EQ(chart.groups[0].bars[1].length, 0);
  EXPECT_EQ(chart.groups[0].bars[1].text, "Last quarter: no cases");
  EXPECT_DOUBLE_EQ(chart.groups[1].bars[0].length, kLongestBar);
  EXPECT_DOUBLE_EQ(chart.groups[1].bars[1].length, 0);  // below 0 is drawn as 0
}

TEST(BarChart, TheTemplatesJsonHoldsEveryShapeAndWord) {
  const auto json = bar_chart_json(draw_bar_chart(outcomes(3, 1, 0, 2)));
  EXPECT_EQ(json["id"], "chart-outcomes");
  EXPECT_EQ(json["title"], "Decisions by outcome");
  EXPECT_EQ(json["description"], "A bar per quarter under each outcome.");
  ASSERT_EQ(json["groups"].size(), 2U);
  EXPECT_EQ(json["groups"][1]["label"], "Deferred");
  EXPECT_EQ(json["groups"][1]["bars"][1]["text"], "Last quarter: 2");
  EXPECT_DOUBLE_EQ(json["groups"][0]["bars"][0]["length"].get<double>(), kLongestBar);
  // Shapes are kept to a tenth of a unit.
  EXPECT_NEAR(json["groups"][1]["bars"][1]["length"].get<double>(), kLongestBar * 2 / 3, 0.05);
  EXPECT_GT(json["width"].get<double>(), kLongestBar);
}

}  // namespace
