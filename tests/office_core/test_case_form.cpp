// The case forms worked out from case.schema.json (office/cases/case_form.hpp): a section's
// inputs, their kinds and values, the file a form makes (only its own fields change), the JSON
// pointer of a validation error mapped to its input, and saving (office/cases/case_saving.hpp):
// nothing written while invalid or stale, written when right.

#include <gtest/gtest.h>

#include <string>

#include "office/bundled_schemas.hpp"
#include "office/cases/case_form.hpp"
#include "office/cases/case_saving.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace office = panelpack::office;
using Json = nlohmann::ordered_json;
using panelpack::testing::SampleOfficeCopy;

class CaseForm : public ::testing::Test {
 protected:
  Json sample() const { return office::read_case_document(office_.open(), "LCS900109"); }
  static office::CaseForm form_of(std::string_view slug, const Json& document) {
    return office::section_form(office::bundled_schemas(), *office::find_section(slug), document,
                                false);
  }
  // Every input's value as the browser would send it back.
  static office::SubmittedFields as_sent(const office::CaseForm& form) {
    office::SubmittedFields fields;
    for (const auto& group : form.groups) {
      for (const auto& input : group.inputs) {
        fields[input.id] = input.value;
        fields[input.id + "-day"] = input.date.day;
        fields[input.id + "-month"] = input.date.month;
        fields[input.id + "-year"] = input.date.year;
      }
    }
    return fields;
  }
  SampleOfficeCopy office_;
};

TEST_F(CaseForm, InputsTakeTheirKindWordsAndValuesFromTheSchemaAndTheFile) {
  const office::CaseForm legal = form_of("legal-status", sample());
  const office::FormInput* status = office::find_input(legal, "legal-status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->kind, office::InputKind::choice);
  EXPECT_TRUE(status->required);
  EXPECT_EQ(status->value, "C2");
  ASSERT_EQ(status->choices.size(), 15U);
  EXPECT_EQ(status->choices[7].words, "Care order (s31)");
  ASSERT_EQ(legal.lists.size(), 1U);
  EXPECT_EQ(legal.lists[0].id, "legal-orders");
  ASSERT_EQ(legal.lists[0].rows.size(), 2U);
  EXPECT_NE(legal.lists[0].rows[1].find("Care order (section 31)"), std::string::npos);

  const office::CaseForm child = form_of("the-child", sample());
  const office::FormInput* dob = office::find_input(child, "child-dob");
  ASSERT_NE(dob, nullptr);
  EXPECT_EQ(dob->kind, office::InputKind::date);
  EXPECT_EQ(dob->label, "Date of birth");
  EXPECT_TRUE(dob->nullable);
  EXPECT_EQ(dob->value, "2019-11-02");
  EXPECT_EQ(dob->date.day, "2");
  EXPECT_EQ(dob->date.month, "11");
  EXPECT_EQ(dob->date.year, "2019");
  const office::FormInput* interpreter = office::find_input(child, "child-interpreterRequired");
  ASSERT_NE(interpreter, nullptr);
  EXPECT_EQ(interpreter->kind, office::InputKind::yes_no);
  EXPECT_EQ(interpreter->value, "no");
  EXPECT_EQ(office::find_input(child, "child-siblings-0-name"), nullptr);         // its own section
  EXPECT_EQ(office::find_input(form_of("about", sample()), "caseRef"), nullptr);  // kept

  const office::CaseForm social = form_of("social-worker", sample());
  const office::FormInput* name = office::find_input(social, "professionals-socialWorker-name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->legend, "Social worker");
}

TEST_F(CaseForm, ANewCaseAsksOnlyWhatACaseFileCannotBeWithout) {
  const office::CaseForm form = office::new_case_form(office::bundled_schemas());
  std::vector<std::string> ids;
  for (const auto& group : form.groups) {
    for (const auto& input : group.inputs) ids.push_back(input.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"caseRef", "child-childId", "child-name", "legal-status",
                                           "professionals-socialWorker-name"}));
}

TEST_F(CaseForm, ASectionChangesOnlyItsOwnFields) {
  const Json before = sample();
  office::CaseForm form = form_of("the-child", before);
  office::SubmittedFields fields = as_sent(form);
  fields["child-name"] = "Maisie Frost";
  fields["child-dob-day"] = "4";
  fields["child-dob-month"] = "3";
  fields["child-dob-year"] = "2019";
  office::fill_from(form, fields);
  EXPECT_TRUE(office::input_problems(form).empty());
  const Json after = office::apply_form(form, before);
  EXPECT_EQ(after["child"]["name"], "Maisie Frost");
  EXPECT_EQ(after["child"]["dob"], "2019-03-04");
  EXPECT_EQ(after["child"]["siblings"], before["child"]["siblings"]);
  EXPECT_EQ(after["child"]["interpreterRequired"], false);
  Json expected = before;
  expected["child"]["name"] = "Maisie Frost";
  expected["child"]["dob"] = "2019-03-04";
  EXPECT_EQ(after.dump(2), expected.dump(2));  // the rest, and the order, as they were
}

TEST_F(CaseForm, ADateWithAMissingMonthIsAProblemAndLeavesTheFileAlone) {
  const Json before = sample();
  office::CaseForm form = form_of("the-child", before);
  office::SubmittedFields fields = as_sent(form);
  fields["child-dob-month"] = "";
  office::fill_from(form, fields);
  const auto problems = office::input_problems(form);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].first, "child-dob");
  EXPECT_EQ(problems[0].second, "Date of birth must include a month");
  EXPECT_EQ(office::apply_form(form, before)["child"]["dob"], "2019-11-02");
}

TEST_F(CaseForm, AListItemIsAddedChangedAndRemovedOnItsOwn) {
  const Json before = sample();
  const auto& schemas = office::bundled_schemas();
  const office::CaseSection& legal = *office::find_section("legal-status");
  EXPECT_EQ(office::list_pointer(schemas, legal, "legal-orders"), "/legal/orders");
  office::CaseForm added = office::item_form(schemas, legal, "legal-orders", 2, before);
  office::SubmittedFields fields = as_sent(added);
  fields["legal-orders-2-type"] = "Placement order";
  fields["legal-orders-2-date-day"] = "1";
  fields["legal-orders-2-date-month"] = "12";
  fields["legal-orders-2-date-year"] = "2026";
  office::fill_from(added, fields);
  const Json after = office::apply_form(added, before);
  ASSERT_EQ(after["legal"]["orders"].size(), 3U);
  EXPECT_EQ(after["legal"]["orders"][2],
            (Json{{"type", "Placement order"}, {"date", "2026-12-01"}}));
  const Json removed = office::remove_item(after, "/legal/orders", 0);
  ASSERT_EQ(removed["legal"]["orders"].size(), 2U);
  EXPECT_EQ(removed["legal"]["orders"][0], before["legal"]["orders"][1]);
  EXPECT_THROW(office::item_form(schemas, legal, "child-siblings", 0, before),
               panelpack::validation::SchemaError);
}

TEST_F(CaseForm, AnErrorsPointerFindsItsInput) {
  const office::CaseForm form = form_of("the-child", sample());
  EXPECT_EQ(office::input_for_pointer(form, "/child/name"), "child-name");
  EXPECT_EQ(office::input_for_pointer(form, "/needs/health"), "");
  const office::CaseForm social = form_of("social-worker", sample());
  EXPECT_EQ(office::input_for_pointer(social, "/professionals/socialWorker"),
            "professionals-socialWorker-name");
  EXPECT_EQ(office::id_for_pointer("/legal/orders/1/date"), "legal-orders-1-date");
  EXPECT_EQ(office::section_for_pointer("/child/siblings/1/dob"), "siblings");
  EXPECT_EQ(office::section_for_pointer("/child/dob"), "the-child");
  EXPECT_EQ(office::section_for_pointer("/finance/quotes/0"), "finance-case");
}

TEST_F(CaseForm, AnInvalidOrStaleCaseIsNotWrittenAndARightOneIs) {
  const office::Workspace workspace = office_.open();
  const std::string original = SampleOfficeCopy::read(workspace.case_path("LCS900109"));
  const std::string version = office::case_version(workspace, "LCS900109");
  Json changed = sample();
  changed["child"]["dob"] = "2019-02-30";
  changed["professionals"]["socialWorker"].erase("name");
  office::CaseSaveResult result = office::save_case(workspace, "LCS900109", changed, version);
  EXPECT_EQ(result.outcome, office::CaseSaveOutcome::invalid);
  ASSERT_EQ(result.errors.size(), 2U);
  EXPECT_EQ(SampleOfficeCopy::read(workspace.case_path("LCS900109")), original);

  changed = sample();
  changed["child"]["gender"] = "Girl";
  EXPECT_EQ(office::save_case(workspace, "LCS900109", changed, "0123").outcome,
            office::CaseSaveOutcome::stale);
  EXPECT_EQ(SampleOfficeCopy::read(workspace.case_path("LCS900109")), original);
  EXPECT_EQ(office::save_case(workspace, "LCS900109", changed, version).outcome,
            office::CaseSaveOutcome::saved);
  EXPECT_EQ(workspace.load_case("LCS900109").data["child"]["gender"], "Girl");
  EXPECT_EQ(office::save_case(workspace, "LCS900101", sample(), office::kNoCaseVersion).outcome,
            office::CaseSaveOutcome::exists);
  EXPECT_FALSE(office::is_case_ref("../office"));
}

TEST_F(CaseForm, SavingOneSectionKeepsEveryOtherByteOfTheFile) {
  const office::Workspace workspace = office_.open();
  const std::string original = SampleOfficeCopy::read(workspace.case_path("LCS900109"));
  const Json before = sample();
  office::CaseForm form = form_of("placement", before);
  office::SubmittedFields fields = as_sent(form);
  fields["placement-carer"] = "Mr and Mrs Example";
  office::fill_from(form, fields);
  const Json after = office::apply_form(form, before);
  ASSERT_EQ(
      office::save_case(workspace, "LCS900109", after, office::case_version(workspace, "LCS900109"))
          .outcome,
      office::CaseSaveOutcome::saved);
  const std::string written = SampleOfficeCopy::read(workspace.case_path("LCS900109"));
  // The file differs from the original in the carer's line alone.
  const std::string old_line = "\"carer\": " + before["placement"]["carer"].dump();
  const std::size_t at = original.find(old_line);
  ASSERT_NE(at, std::string::npos);
  std::string expected = original;
  expected.replace(at, old_line.size(), "\"carer\": \"Mr and Mrs Example\"");
  EXPECT_EQ(written, expected);
}

TEST_F(CaseForm, SavingAnySectionUnchangedChangesNoSampleCase) {
  const office::Workspace workspace = office_.open();
  const auto& schemas = office::bundled_schemas();
  for (int number = 101; number <= 113; ++number) {
    const std::string ref = "LCS900" + std::to_string(number);
    const Json before = office::read_case_document(workspace, ref);
    for (const office::CaseSection& section : office::case_sections()) {
      office::CaseForm form = office::section_form(schemas, section, before, false);
      office::fill_from(form, as_sent(form));
      EXPECT_EQ(office::apply_form(form, before).dump(2), before.dump(2))
          << ref << " " << section.slug;
      for (const office::FormList& list : form.lists) {
        for (std::size_t row = 0; row < list.rows.size(); ++row) {
          office::CaseForm item = office::item_form(schemas, section, list.id, row, before);
          office::fill_from(item, as_sent(item));
          EXPECT_EQ(office::apply_form(item, before).dump(2), before.dump(2))
              << ref << " " << list.id << " " << row;
        }
      }
    }
  }
}

}  // namespace
