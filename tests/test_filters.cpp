#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "templating/filters.hpp"

namespace {

using nlohmann::json;
using panelpack::templating::apply_filters;
using panelpack::templating::filter_call_problem;
using panelpack::templating::FilterCall;
using panelpack::templating::FilteredValue;
using panelpack::templating::FilterProblem;
using panelpack::templating::known_filter_names;

// Runs `chain` on `value` and expects no problem.
FilteredValue run(const json* value, const std::vector<FilterCall>& chain) {
  std::vector<FilterProblem> problems;
  FilteredValue result = apply_filters(value, chain, problems);
  EXPECT_TRUE(problems.empty()) << problems.front().filter << ": " << problems.front().message;
  return result;
}

std::string text_of(const json& value, const std::vector<FilterCall>& chain) {
  return run(&value, chain).text;
}

FilterCall call(std::string name) {
  return {std::move(name), std::nullopt};
}
FilterCall call(std::string name, std::string argument) {
  return {std::move(name), std::move(argument)};
}

// Runs one filter on a value it cannot read: renders `expected_text`, one problem for
// `filter` whose message does not leak the value.
void expect_problem(const json& value, const FilterCall& filter, const std::string& expected_text) {
  std::vector<FilterProblem> problems;
  const FilteredValue result = apply_filters(&value, {filter}, problems);
  EXPECT_EQ(result.text, expected_text);
  EXPECT_FALSE(result.missing);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].filter, filter.name);
  EXPECT_FALSE(problems[0].message.empty());
  if (!expected_text.empty()) {
    EXPECT_EQ(problems[0].message.find(expected_text), std::string::npos);
  }
}

// --- names and compile-time checks --------------------------------------------------------

TEST(KnownFilterNames, ListsEveryFilter) {
  EXPECT_EQ(known_filter_names(), (std::vector<std::string>{"date", "upper", "lower", "yesno",
                                                            "checkbox", "money", "default"}));
}

TEST(FilterCallProblem, ValidCallsHaveNoProblem) {
  for (const char* name : {"date", "upper", "lower", "yesno", "checkbox", "money"}) {
    EXPECT_EQ(filter_call_problem(call(name)), std::nullopt) << name;
  }
  EXPECT_EQ(filter_call_problem(call("default", "Not recorded")), std::nullopt);
  EXPECT_EQ(filter_call_problem(call("default", "")), std::nullopt);
  EXPECT_EQ(filter_call_problem(call("date", "dd/MM/yyyy")), std::nullopt);
  EXPECT_EQ(filter_call_problem(call("date", "d")), std::nullopt);
}

TEST(FilterCallProblem, UnknownFilterIsNamedWithSuggestionAndKnownList) {
  const std::optional<std::string> problem = filter_call_problem(call("uper"));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("'uper'"), std::string::npos);
  EXPECT_NE(problem->find("did you mean 'upper'?"), std::string::npos);
  for (const std::string& name : known_filter_names()) {
    EXPECT_NE(problem->find(name), std::string::npos) << name;
  }
}

TEST(FilterCallProblem, SuggestsWithinEditDistanceTwo) {
  EXPECT_NE(filter_call_problem(call("mony"))->find("did you mean 'money'?"), std::string::npos);
  EXPECT_NE(filter_call_problem(call("chekbx"))->find("did you mean 'checkbox'?"),
            std::string::npos);
  EXPECT_NE(filter_call_problem(call("defualt"))->find("did you mean 'default'?"),
            std::string::npos);
  EXPECT_NE(filter_call_problem(call("Date"))->find("did you mean 'date'?"), std::string::npos);
}

TEST(FilterCallProblem, NoSuggestionBeyondEditDistanceTwo) {
  const std::optional<std::string> problem = filter_call_problem(call("currency"));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("'currency'"), std::string::npos);
  EXPECT_EQ(problem->find("did you mean"), std::string::npos);
  EXPECT_NE(problem->find("checkbox"), std::string::npos);
}

TEST(FilterCallProblem, DefaultNeedsAnArgument) {
  EXPECT_TRUE(filter_call_problem(call("default")).has_value());
}

TEST(FilterCallProblem, DatePatternNeedsAToken) {
  EXPECT_TRUE(filter_call_problem(call("date", "")).has_value());
  EXPECT_TRUE(filter_call_problem(call("date", "Year: YY")).has_value());
}

TEST(FilterCallProblem, FiltersWithoutParametersRefuseAnArgument) {
  for (const char* name : {"upper", "lower", "yesno", "checkbox", "money"}) {
    EXPECT_TRUE(filter_call_problem(call(name, "x")).has_value()) << name;
  }
}

TEST(ApplyFilters, InvalidCallIsReportedAndSkipped) {
  const json value = "text";
  std::vector<FilterProblem> problems;
  const FilteredValue result = apply_filters(&value, {call("uper"), call("upper")}, problems);
  EXPECT_EQ(result.text, "TEXT");
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].filter, "uper");
}

// --- no filters ---------------------------------------------------------------------------

TEST(ApplyFilters, EmptyChainIsValueToText) {
  const json number = 97.4;
  const json yes = true;
  EXPECT_EQ(text_of(number, {}), "97.4");
  EXPECT_EQ(text_of(yes, {}), "true");
  const FilteredValue missing = run(nullptr, {});
  EXPECT_TRUE(missing.missing);
  EXPECT_EQ(missing.text, "");
  const json null_value = nullptr;
  EXPECT_FALSE(run(&null_value, {}).missing);
}

// --- date ---------------------------------------------------------------------------------

TEST(DateFilter, DefaultFormatHasNoLeadingZero) {
  EXPECT_EQ(text_of("2026-03-05", {call("date")}), "5 March 2026");
  EXPECT_EQ(text_of("2026-12-25", {call("date")}), "25 December 2026");
  EXPECT_EQ(text_of("1999-01-01", {call("date")}), "1 January 1999");
}

TEST(DateFilter, EveryMonthName) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2026-01-10", "10 January 2026"},   {"2026-02-10", "10 February 2026"},
      {"2026-03-10", "10 March 2026"},     {"2026-04-10", "10 April 2026"},
      {"2026-05-10", "10 May 2026"},       {"2026-06-10", "10 June 2026"},
      {"2026-07-10", "10 July 2026"},      {"2026-08-10", "10 August 2026"},
      {"2026-09-10", "10 September 2026"}, {"2026-10-10", "10 October 2026"},
      {"2026-11-10", "10 November 2026"},  {"2026-12-10", "10 December 2026"}};
  for (const auto& [iso, expected] : cases) {
    EXPECT_EQ(text_of(iso, {call("date")}), expected) << iso;
  }
}

TEST(DateFilter, DateTimeUsesItsDatePart) {
  EXPECT_EQ(text_of("2026-03-05T09:30:00Z", {call("date")}), "5 March 2026");
  EXPECT_EQ(text_of("2026-03-05 09:30", {call("date")}), "5 March 2026");
}

TEST(DateFilter, PatternTokensLongestFirst) {
  const json date = "2026-03-05";
  EXPECT_EQ(text_of(date, {call("date", "dd/MM/yyyy")}), "05/03/2026");
  EXPECT_EQ(text_of(date, {call("date", "d MMM yyyy")}), "5 Mar 2026");
  EXPECT_EQ(text_of(date, {call("date", "MMMM d, yyyy")}), "March 5, 2026");
  EXPECT_EQ(text_of(date, {call("date", "yyyy-MM-dd")}), "2026-03-05");
  EXPECT_EQ(text_of(date, {call("date", "d.M.yy")}), "5.M.yy");
  EXPECT_EQ(text_of(date, {call("date", "ddd")}), "055");
  EXPECT_EQ(text_of(date, {call("date", "MMMMM")}), "MarchM");
}

TEST(DateFilter, LiteralTextInPatternIsKept) {
  EXPECT_EQ(text_of("2026-11-20", {call("date", "Week of d MMMM")}), "Week of 20 November");
}

TEST(DateFilter, LeapDays) {
  EXPECT_EQ(text_of("2024-02-29", {call("date")}), "29 February 2024");
  EXPECT_EQ(text_of("2000-02-29", {call("date")}), "29 February 2000");
  expect_problem("2023-02-29", call("date"), "2023-02-29");
  expect_problem("1900-02-29", call("date"), "1900-02-29");
}

TEST(DateFilter, ImpossibleDatesAreMalformed) {
  expect_problem("2026-02-30", call("date"), "2026-02-30");
  expect_problem("2026-04-31", call("date"), "2026-04-31");
  expect_problem("2026-13-01", call("date"), "2026-13-01");
  expect_problem("2026-00-10", call("date"), "2026-00-10");
  expect_problem("2026-01-00", call("date"), "2026-01-00");
}

TEST(DateFilter, WrongShapeIsMalformed) {
  expect_problem("05/03/2026", call("date"), "05/03/2026");
  expect_problem("2026-3-5", call("date"), "2026-3-5");
  expect_problem("next Tuesday", call("date"), "next Tuesday");
  expect_problem("2026-03-051", call("date"), "2026-03-051");
}

TEST(DateFilter, NonStringIsMalformedAndRendersAsGiven) {
  expect_problem(20260305, call("date"), "20260305");
  expect_problem(true, call("date"), "true");
}

TEST(DateFilter, MissingNullAndEmptyRenderNothingWithoutProblem) {
  const FilteredValue missing = run(nullptr, {call("date")});
  EXPECT_TRUE(missing.missing);
  EXPECT_EQ(missing.text, "");
  const json null_value = nullptr;
  EXPECT_EQ(text_of(null_value, {call("date")}), "");
  EXPECT_EQ(text_of("", {call("date", "dd/MM/yyyy")}), "");
}

// --- upper / lower ------------------------------------------------------------------------

TEST(CaseFilters, FullUnicodeCaseMapping) {
  EXPECT_EQ(text_of("stra\xC3\x9F"
                    "e",
                    {call("upper")}),
            "STRASSE");
  EXPECT_EQ(text_of("\xC3\x89"
                    "COLE",
                    {call("lower")}),
            "\xC3\xA9"
            "cole");
  EXPECT_EQ(text_of("Ada Lovelace", {call("upper")}), "ADA LOVELACE");
  EXPECT_EQ(text_of("Ada Lovelace", {call("lower")}), "ada lovelace");
  // Greek capital sigma lowers to the final form at the end of a word: ΟΔΟΣ → οδος.
  EXPECT_EQ(text_of("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3", {call("lower")}),
            "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82");
}

TEST(CaseFilters, ApplyToTheValuesText) {
  const json yes = true;
  const json number = 97.4;
  const json null_value = nullptr;
  EXPECT_EQ(text_of(yes, {call("upper")}), "TRUE");
  EXPECT_EQ(text_of(number, {call("upper")}), "97.4");
  EXPECT_EQ(text_of(null_value, {call("upper")}), "");
}

TEST(CaseFilters, MissingStaysMissing) {
  const FilteredValue upper = run(nullptr, {call("upper")});
  EXPECT_TRUE(upper.missing);
  EXPECT_EQ(upper.text, "");
  EXPECT_TRUE(run(nullptr, {call("lower")}).missing);
}

// --- yesno / checkbox ---------------------------------------------------------------------

TEST(YesNoFilter, FollowsTruthiness) {
  EXPECT_EQ(text_of(true, {call("yesno")}), "Yes");
  EXPECT_EQ(text_of(false, {call("yesno")}), "No");
  EXPECT_EQ(text_of(0, {call("yesno")}), "Yes");
  EXPECT_EQ(text_of(json::object(), {call("yesno")}), "Yes");
  EXPECT_EQ(text_of("", {call("yesno")}), "No");
  EXPECT_EQ(text_of(json::array(), {call("yesno")}), "No");
  EXPECT_EQ(text_of(json(nullptr), {call("yesno")}), "No");
}

TEST(YesNoFilter, MissingBecomesNoAndIsNoLongerMissing) {
  const FilteredValue result = run(nullptr, {call("yesno")});
  EXPECT_FALSE(result.missing);
  EXPECT_EQ(result.text, "No");
}

TEST(CheckboxFilter, FollowsTruthiness) {
  EXPECT_EQ(text_of(true, {call("checkbox")}), "\xE2\x98\x92");
  EXPECT_EQ(text_of(false, {call("checkbox")}), "\xE2\x98\x90");
  EXPECT_EQ(text_of(0, {call("checkbox")}), "\xE2\x98\x92");
  EXPECT_EQ(text_of(json::array({1}), {call("checkbox")}), "\xE2\x98\x92");
  const FilteredValue missing = run(nullptr, {call("checkbox")});
  EXPECT_FALSE(missing.missing);
  EXPECT_EQ(missing.text, "\xE2\x98\x90");
}

// --- money --------------------------------------------------------------------------------

TEST(MoneyFilter, IntegerIsPence) {
  EXPECT_EQ(text_of(0, {call("money")}),
            "\xC2\xA3"
            "0.00");
  EXPECT_EQ(text_of(5, {call("money")}),
            "\xC2\xA3"
            "0.05");
  EXPECT_EQ(text_of(99, {call("money")}),
            "\xC2\xA3"
            "0.99");
  EXPECT_EQ(text_of(100, {call("money")}),
            "\xC2\xA3"
            "1.00");
  EXPECT_EQ(text_of(123456, {call("money")}),
            "\xC2\xA3"
            "1,234.56");
  EXPECT_EQ(text_of(100000000, {call("money")}),
            "\xC2\xA3"
            "1,000,000.00");
  EXPECT_EQ(text_of(-1250, {call("money")}),
            "-\xC2\xA3"
            "12.50");
  EXPECT_EQ(text_of(json(18446744073709551615ULL), {call("money")}),
            "\xC2\xA3"
            "184,467,440,737,095,516.15");
  EXPECT_EQ(text_of(json(std::numeric_limits<std::int64_t>::min()), {call("money")}),
            "-\xC2\xA3"
            "92,233,720,368,547,758.08");
}

TEST(MoneyFilter, NumberWithFractionIsPounds) {
  EXPECT_EQ(text_of(12.5, {call("money")}),
            "\xC2\xA3"
            "12.50");
  EXPECT_EQ(text_of(1234.567, {call("money")}),
            "\xC2\xA3"
            "1,234.57");
  EXPECT_EQ(text_of(-12.5, {call("money")}),
            "-\xC2\xA3"
            "12.50");
  EXPECT_EQ(text_of(json::parse("12.0"), {call("money")}),
            "\xC2\xA3"
            "12.00");
}

TEST(MoneyFilter, HalvesRoundAwayFromZeroAsWritten) {
  // 1.005 * 100 is 100.4999… in binary; the value as written is a half and rounds up.
  EXPECT_EQ(text_of(1.005, {call("money")}),
            "\xC2\xA3"
            "1.01");
  EXPECT_EQ(text_of(2.675, {call("money")}),
            "\xC2\xA3"
            "2.68");
  EXPECT_EQ(text_of(-2.675, {call("money")}),
            "-\xC2\xA3"
            "2.68");
  EXPECT_EQ(text_of(0.004, {call("money")}),
            "\xC2\xA3"
            "0.00");
  EXPECT_EQ(text_of(-0.004, {call("money")}),
            "\xC2\xA3"
            "0.00");
}

TEST(MoneyFilter, ExponentNumbers) {
  EXPECT_EQ(text_of(json::parse("1.5e-05"), {call("money")}),
            "\xC2\xA3"
            "0.00");
  EXPECT_EQ(text_of(json::parse("1.5e15"), {call("money")}),
            "\xC2\xA3"
            "1,500,000,000,000,000.00");
  expect_problem(json::parse("1e300"), call("money"), "1e+300");
}

TEST(MoneyFilter, DecimalStringIsPounds) {
  EXPECT_EQ(text_of("500", {call("money")}),
            "\xC2\xA3"
            "500.00");
  EXPECT_EQ(text_of("1234.5", {call("money")}),
            "\xC2\xA3"
            "1,234.50");
  EXPECT_EQ(text_of("-12", {call("money")}),
            "-\xC2\xA3"
            "12.00");
  EXPECT_EQ(text_of("1,234.50", {call("money")}),
            "\xC2\xA3"
            "1,234.50");
  EXPECT_EQ(text_of("\xC2\xA3"
                    "1,234,567.891",
                    {call("money")}),
            "\xC2\xA3"
            "1,234,567.89");
  EXPECT_EQ(text_of("0.125", {call("money")}),
            "\xC2\xA3"
            "0.13");
  EXPECT_EQ(text_of("-\xC2\xA3"
                    "7.5",
                    {call("money")}),
            "-\xC2\xA3"
            "7.50");
  EXPECT_EQ(text_of(".5", {call("money")}),
            "\xC2\xA3"
            "0.50");
  EXPECT_EQ(text_of(" 42 ", {call("money")}),
            "\xC2\xA3"
            "42.00");
  EXPECT_EQ(text_of("-0", {call("money")}),
            "\xC2\xA3"
            "0.00");
}

TEST(MoneyFilter, MissingNullAndEmptyRenderNothingWithoutProblem) {
  const FilteredValue missing = run(nullptr, {call("money")});
  EXPECT_TRUE(missing.missing);
  EXPECT_EQ(missing.text, "");
  EXPECT_EQ(text_of(json(nullptr), {call("money")}), "");
  EXPECT_EQ(text_of("", {call("money")}), "");
}

TEST(MoneyFilter, UnreadableValuesRenderAsGivenWithProblem) {
  expect_problem("twelve", call("money"), "twelve");
  expect_problem("12.5.0", call("money"), "12.5.0");
  expect_problem("1,25", call("money"), "1,25");
  expect_problem("12,34,567", call("money"), "12,34,567");
  expect_problem("12.", call("money"), "12.");
  expect_problem("1e3", call("money"), "1e3");
  expect_problem("99999999999999999999", call("money"), "99999999999999999999");
  expect_problem(true, call("money"), "true");
  expect_problem(json::object(), call("money"), "");
}

// --- default ------------------------------------------------------------------------------

TEST(DefaultFilter, ReplacesMissingNullAndEmpty) {
  const FilteredValue missing = run(nullptr, {call("default", "Not recorded")});
  EXPECT_FALSE(missing.missing);
  EXPECT_EQ(missing.text, "Not recorded");
  EXPECT_EQ(text_of(json(nullptr), {call("default", "Not recorded")}), "Not recorded");
  EXPECT_EQ(text_of("", {call("default", "Not recorded")}), "Not recorded");
}

TEST(DefaultFilter, KeepsFalseZeroAndText) {
  EXPECT_EQ(text_of(false, {call("default", "X")}), "false");
  EXPECT_EQ(text_of(0, {call("default", "X")}), "0");
  EXPECT_EQ(text_of("Ada", {call("default", "X")}), "Ada");
  EXPECT_EQ(text_of(" ", {call("default", "X")}), " ");
}

TEST(DefaultFilter, EmptyArgumentMakesMissingPresent) {
  const FilteredValue result = run(nullptr, {call("default", "")});
  EXPECT_FALSE(result.missing);
  EXPECT_EQ(result.text, "");
}

// --- chains -------------------------------------------------------------------------------

TEST(FilterChains, DateThenUpper) {
  EXPECT_EQ(text_of("2026-03-05", {call("date"), call("upper")}), "5 MARCH 2026");
  EXPECT_EQ(text_of("2026-03-05", {call("date", "d MMM"), call("lower")}), "5 mar");
}

TEST(FilterChains, DefaultThenYesnoSeesTheDefaultText) {
  EXPECT_EQ(run(nullptr, {call("default", "x"), call("yesno")}).text, "Yes");
  EXPECT_EQ(run(nullptr, {call("default", ""), call("yesno")}).text, "No");
}

TEST(FilterChains, LaterFiltersSeeEarlierTextAsAString) {
  // yesno produced "No", a non-empty string, which is truthy.
  EXPECT_EQ(text_of(false, {call("yesno"), call("checkbox")}), "\xE2\x98\x92");
  EXPECT_EQ(text_of("2026-03-05", {call("date", "yyyy-MM-dd"), call("date")}), "5 March 2026");
  // money then money: "£1,234.56" as text is a decimal string of pounds.
  EXPECT_EQ(text_of(123456, {call("money"), call("money")}),
            "\xC2\xA3"
            "1,234.56");
}

TEST(FilterChains, DefaultKeepsAPresentValueForTheNextFilter) {
  // A pence integer passed through default is still pence, and false is still false.
  EXPECT_EQ(text_of(123456, {call("default", "0"), call("money")}),
            "\xC2\xA3"
            "1,234.56");
  EXPECT_EQ(text_of(false, {call("default", "X"), call("yesno")}), "No");
}

TEST(FilterChains, MissingThroughDateThenDefault) {
  const FilteredValue result = run(nullptr, {call("date"), call("default", "Not recorded")});
  EXPECT_FALSE(result.missing);
  EXPECT_EQ(result.text, "Not recorded");
}

TEST(FilterChains, MissingThroughSeveralFiltersStaysMissing) {
  const FilteredValue result = run(nullptr, {call("date"), call("money"), call("upper")});
  EXPECT_TRUE(result.missing);
  EXPECT_EQ(result.text, "");
}

TEST(FilterChains, DefaultTextThatIsNotADateIsReported) {
  std::vector<FilterProblem> problems;
  const FilteredValue result =
      apply_filters(nullptr, {call("default", "Not recorded"), call("date")}, problems);
  EXPECT_EQ(result.text, "Not recorded");
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].filter, "date");
}

TEST(FilterChains, ProblemsAccumulateAcrossValues) {
  std::vector<FilterProblem> problems;
  const json bad_date = "2026-02-30";
  const json bad_money = "lots";
  apply_filters(&bad_date, {call("date")}, problems);
  apply_filters(&bad_money, {call("money")}, problems);
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].filter, "date");
  EXPECT_EQ(problems[1].filter, "money");
}

}  // namespace
