// The case form worked out from case.schema.json (office/cases/case_form.hpp): its inputs and
// their kinds, a case file's values in them, the file a form makes (unshown fields kept), the
// JSON pointer of a validation error mapped to its input, and saving (office/cases/
// case_saving.hpp): nothing written while invalid or stale, written when right.

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
  office::CaseForm form_of(const Json& document) const {
    return office::case_form(office::bundled_schemas(), document, false);
  }
  SampleOfficeCopy office_;
};

TEST_F(CaseForm, InputsTakeTheirKindWordsAndValuesFromTheSchemaAndTheFile) {
  const office::CaseForm form = form_of(sample());
  const office::FormInput* status = office::find_input(form, "legal-status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->kind, office::InputKind::choice);
  EXPECT_TRUE(status->required);
  EXPECT_EQ(status->value, "C2");
  ASSERT_EQ(status->choices.size(), 15U);
  EXPECT_EQ(status->choices[7].words, "Care order (s31)");
  const office::FormInput* dob = office::find_input(form, "child-dob");
  ASSERT_NE(dob, nullptr);
  EXPECT_EQ(dob->kind, office::InputKind::date);
  EXPECT_TRUE(dob->nullable);
  EXPECT_EQ(dob->value, "2019-11-02");
  const office::FormInput* interpreter = office::find_input(form, "child-interpreterRequired");
  ASSERT_NE(interpreter, nullptr);
  EXPECT_EQ(interpreter->kind, office::InputKind::yes_no);
  EXPECT_EQ(interpreter->value, "no");
  EXPECT_EQ(office::find_input(form, "caseRef"), nullptr);  // an edit keeps its reference
  // Two orders and one empty row.
  const office::FormInput* second = office::find_input(form, "legal-orders-1-type");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->value, "Care order (section 31)");
  EXPECT_NE(office::find_input(form, "legal-orders-2-type"), nullptr);
  EXPECT_EQ(office::find_input(form, "legal-orders-3-type"), nullptr);
}

TEST_F(CaseForm, AFormKeepsWhatItDoesNotShowAndDropsEmptyRows) {
  const Json before = sample();
  office::CaseForm form = form_of(before);
  office::SubmittedFields fields;
  for (const auto& group : form.groups) {
    for (const auto& input : group.inputs) fields[input.id] = input.value;
    for (const auto& row : group.rows) {
      for (const auto& input : row) fields[input.id] = input.value;
    }
  }
  fields["child-name"] = "Maisie Frost";
  fields["legal-statusDate"] = "4/3/2026";
  fields["legal-orders-0-type"] = "";
  fields["legal-orders-0-date"] = "";
  fields["legal-orders-0-court"] = "";
  office::fill_from(form, fields);
  const Json after = office::apply_form(form, before);
  EXPECT_EQ(after["child"]["name"], "Maisie Frost");
  EXPECT_EQ(after["legal"]["statusDate"], "2026-03-04");
  ASSERT_EQ(after["legal"]["orders"].size(), 1U);
  EXPECT_EQ(after["legal"]["orders"][0]["type"], "Care order (section 31)");
  EXPECT_EQ(after["needs"], before["needs"]);
  EXPECT_EQ(after["child"]["ethnicityCode"], before["child"]["ethnicityCode"]);
  EXPECT_EQ(after["child"]["interpreterRequired"], false);
  EXPECT_EQ(after.begin().key(), before.begin().key());  // the file's order stays
}

TEST_F(CaseForm, AnErrorsPointerFindsItsInput) {
  const office::CaseForm form = form_of(sample());
  EXPECT_EQ(office::input_for_pointer(form, "/child/name"), "child-name");
  EXPECT_EQ(office::input_for_pointer(form, "/legal/orders/1/date"), "legal-orders-1-date");
  EXPECT_EQ(office::input_for_pointer(form, "/professionals/socialWorker"),
            "professionals-socialWorker-name");
  EXPECT_EQ(office::input_for_pointer(form, "/needs/health"), "");
  EXPECT_EQ(office::id_for_pointer("/legal/orders/1/date"), "legal-orders-1-date");
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

}  // namespace
