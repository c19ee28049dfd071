// The same mistake typed again is one entry with its count and places, in document order; the
// summary counts mistakes, errors, warnings and places; the printer puts the summary first,
// words places as Word does, lists a few places then "and N more", and wraps long lines.
// Diagnostics are made here with the locations the engine will fill (issue 16).

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "office/documents/diagnostic_groups.hpp"
#include "office/documents/diagnostic_json.hpp"
#include "office/documents/diagnostic_output.hpp"

namespace {

namespace office = panelpack::office;
using panelpack::templating::Diagnostic;
using panelpack::templating::Location;
using panelpack::templating::Severity;

Diagnostic typo(std::string tag, int paragraph, long order = 0,
                std::string part = "word/document.xml") {
  Diagnostic diagnostic;
  diagnostic.code = "unknown_filter";
  diagnostic.part = std::move(part);
  diagnostic.paragraph = paragraph;
  diagnostic.excerpt = "Born: " + tag;
  diagnostic.tag = std::move(tag);
  diagnostic.message = "unknown filter 'dat' (did you mean 'date'?)";
  diagnostic.hint = "correct the filter's name, or remove it";
  diagnostic.location.order = order;
  return diagnostic;
}

Diagnostic warning_at(int paragraph) {
  Diagnostic diagnostic = typo("{{child.siblings}}", paragraph);
  diagnostic.code = "value_not_text";
  diagnostic.severity = Severity::warning;
  diagnostic.message = "child.siblings is a list, which prints nothing as a value";
  return diagnostic;
}

TEST(DiagnosticGroups, TheSameMistakeIsOneGroupWithItsCountAndPlacesInOrder) {
  std::vector<Diagnostic> found;
  for (int paragraph = 40; paragraph > 10; --paragraph)
    found.push_back(typo("{{dob | dat}}", paragraph));
  found.push_back(typo("{{dob | dat}}", 11));  // twice in one paragraph: one place, two times
  found.push_back(warning_at(5));
  const auto groups = office::group_diagnostics(found);
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].first.code, "value_not_text");  // paragraph 5 comes first
  EXPECT_EQ(groups[1].count, 31U);
  ASSERT_EQ(groups[1].places.size(), 30U);
  EXPECT_EQ(groups[1].places.front().paragraph, 11);
  EXPECT_EQ(groups[1].places.back().paragraph, 40);
  EXPECT_EQ(groups[1].first.paragraph, 11);
  const auto summary = office::summarise(groups);
  EXPECT_EQ(summary.mistakes, 2U);
  EXPECT_EQ(summary.errors, 1U);
  EXPECT_EQ(summary.warnings, 1U);
  EXPECT_EQ(summary.places, 31U);
  EXPECT_EQ(office::summary_words(summary), "2 mistakes (1 error, 1 warning) in 31 places");
}

TEST(DiagnosticGroups, DifferentTagsOrMessagesAreDifferentMistakes) {
  Diagnostic other_message = typo("{{dob | dat}}", 2);
  other_message.message = "something else";
  const auto groups = office::group_diagnostics(
      {typo("{{dob | dat}}", 1), typo("{{dob | dta}}", 1), other_message});
  EXPECT_EQ(groups.size(), 3U);
  EXPECT_EQ(office::summary_words(office::summarise(groups)), "3 mistakes in 2 places");
}

TEST(DiagnosticGroups, TheEnginesOrderComesBeforePartAndParagraph) {
  // A footnote placed by the engine after the main text's paragraph 90.
  Diagnostic footnote = typo("{{a}}", 1, 200, "word/footnotes.xml");
  footnote.location.container = "footnote 1";
  const auto groups =
      office::group_diagnostics({footnote, typo("{{b}}", 90, 100), typo("{{c}}", 3, 50)});
  ASSERT_EQ(groups.size(), 3U);
  EXPECT_EQ(groups[0].first.tag, "{{c}}");
  EXPECT_EQ(groups[1].first.tag, "{{b}}");
  EXPECT_EQ(groups[2].first.tag, "{{a}}");
  EXPECT_EQ(office::place_words(office::place_of(groups[2].first)), "footnote 1");
}

TEST(DiagnosticGroups, WithoutALocationPartsComeInWordsOrder) {
  const auto groups =
      office::group_diagnostics({typo("{{a}}", 1, 0, "word/footnotes.xml"),
                                 typo("{{b}}", 2, 0, "word/header1.xml"), typo("{{c}}", 9)});
  ASSERT_EQ(groups.size(), 3U);
  EXPECT_EQ(office::place_words(office::place_of(groups[0].first)), "Main text, paragraph 9");
  EXPECT_EQ(office::place_words(office::place_of(groups[1].first)), "Header, paragraph 2");
  EXPECT_EQ(office::place_words(office::place_of(groups[2].first)), "Footnote, paragraph 1");
}

TEST(DiagnosticGroups, SummaryWordsForEachMix) {
  EXPECT_EQ(office::summary_words({}), "no mistakes");
  EXPECT_EQ(office::summary_words({1, 1, 0, 1}), "1 mistake in 1 place");
  EXPECT_EQ(office::summary_words({2, 0, 2, 3}), "2 warnings in 3 places");
}

TEST(DiagnosticOutput, SummaryFirstThenOneEntryWithAFewPlacesAndTheRestCounted) {
  std::vector<Diagnostic> found;
  for (int paragraph = 1; paragraph <= 30; ++paragraph) {
    Diagnostic diagnostic = typo("{{child.dob | dat}}", paragraph, paragraph);
    diagnostic.location.heading = "About the child";
    diagnostic.location.table = "Child's details";
    diagnostic.location.row = paragraph;
    diagnostic.location.row_label = "Date of birth " + std::to_string(paragraph);
    diagnostic.location.cell = 2;
    diagnostic.location.cells_in_row = 2;
    diagnostic.fix = "{{child.dob | date}}";
    diagnostic.suggestion = "child.dob";
    found.push_back(diagnostic);
  }
  std::ostringstream out;
  office::print_diagnostics(out, "referral.docx", found);
  const std::string text = out.str();
  EXPECT_EQ(text.substr(0, text.find('\n')), "referral.docx: 1 mistake in 30 places");
  EXPECT_NE(text.find("Mistake 1 of 1, error [unknown_filter], 30 times: {{child.dob | dat}}\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Write: {{child.dob | date}}\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Did you mean child.dob?\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  - under 'About the child', table 'Child's details', row 'Date of "
                      "birth 1', right-hand cell:\n        \"Born: {{child.dob | dat}}\""),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("row 'Date of birth 4'"), std::string::npos) << text;
  EXPECT_NE(text.find("and 27 more places\n"), std::string::npos) << text;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 100U) << line;
}

TEST(DiagnosticOutput, ASuggestionTheHintAlreadyNamesIsNotSaidTwice) {
  Diagnostic diagnostic = typo("{{child.nmae}}", 3);
  diagnostic.hint = "did you mean child.name?";
  diagnostic.suggestion = "child.name";
  std::ostringstream out;
  office::print_diagnostics(out, "t.docx", {diagnostic});
  EXPECT_EQ(out.str().find("Did you mean"), std::string::npos) << out.str();
}

TEST(DiagnosticOutput, NothingIsPrintedForNoDiagnostics) {
  std::ostringstream out;
  office::print_diagnostics(out, "t.docx", {});
  EXPECT_EQ(out.str(), "");
}

TEST(DiagnosticJson, AGroupCarriesEveryFieldItsCountAndPlaces) {
  Diagnostic first = typo("{{x | dat}}", 4);
  first.location.container = "footnote 2";
  first.location.in_text_box = true;
  first.suggestion = "x";
  first.fix = "{{x | date}}";
  const auto groups = office::group_diagnostics({first, typo("{{x | dat}}", 9)});
  ASSERT_EQ(groups.size(), 1U);
  const auto json = office::to_json(groups[0]);
  EXPECT_EQ(json["count"], 2);
  EXPECT_EQ(json["places"].size(), 2U);
  EXPECT_EQ(json["places"][1]["paragraph"], 9);
  EXPECT_EQ(json["message"], first.message);
  EXPECT_EQ(json["suggestion"], "x");
  EXPECT_EQ(json["fix"], "{{x | date}}");
  EXPECT_EQ(json["location"]["container"], "footnote 2");
  EXPECT_EQ(json["location"]["inTextBox"], true);
  EXPECT_EQ(json["location"]["words"], "footnote 2, in a text box");
  const auto summary = office::to_json(office::summarise(groups));
  EXPECT_EQ(summary.dump(), R"({"mistakes":1,"places":2,"errors":1,"warnings":0})");
}

}  // namespace
