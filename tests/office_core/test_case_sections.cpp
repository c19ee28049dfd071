// The case file in sections (office/cases/case_sections.hpp): every leaf field of
// case.schema.json, found by walking the schema here, is shown by exactly one section (or is
// named, with why, among the unshown fields), and every section's form and every list item's
// form stays under the console's cap on a form's fields. Also the GOV.UK date input's reading.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "office/bundled_schemas.hpp"
#include "office/cases/case_form.hpp"
#include "office/cases/case_sections.hpp"
#include "office/cases/date_input.hpp"

namespace {

namespace office = panelpack::office;
using panelpack::validation::Schema;
using panelpack::validation::SchemaNode;
using panelpack::validation::SchemaSet;
using Json = nlohmann::ordered_json;

// Every leaf pointer under `node`, a list's items as "-": "/child/siblings/-/name".
void leaves(const SchemaSet& schemas, SchemaNode node, const std::string& pointer,
            std::vector<std::string>& found) {
  while (node.schema->contains("$ref")) {
    node = schemas.resolve((*node.schema)["$ref"].get<std::string>(), node.document);
  }
  const Schema& schema = *node.schema;
  if (schema.contains("properties")) {
    for (const auto& [key, property] : schema["properties"].items()) {
      leaves(schemas, {&property, node.document}, pointer + "/" + key, found);
    }
  } else if (schema.contains("items")) {
    leaves(schemas, {&schema["items"], node.document}, pointer + "/-", found);
  } else {
    found.push_back(pointer);
  }
}

TEST(CaseSections, EveryLeafOfTheSchemaIsInExactlyOneSection) {
  const SchemaSet& schemas = office::bundled_schemas();
  std::map<std::string, int> shown;
  for (const office::CaseSection& section : office::case_sections()) {
    const office::SectionPlan plan = office::plan_section(schemas, section);
    for (const office::FieldPlan& field : plan.fields) ++shown[field.pointer];
    for (const office::ListPlan& list : plan.lists) {
      for (const office::FieldPlan& field : list.item_fields) {
        ++shown[list.pointer + "/-" + field.pointer];
      }
    }
  }
  std::vector<std::string> all;
  leaves(schemas, schemas.root("case.schema.json"), "", all);
  ASSERT_GT(all.size(), 200U);
  for (const std::string& leaf : all) {
    bool unshown = false;
    for (const auto& [pointer, why] : office::unshown_fields()) {
      unshown = unshown || leaf.starts_with(pointer + "/");
    }
    if (unshown) {
      EXPECT_EQ(shown.count(leaf), 0U) << leaf << " is shown though unshown_fields names it";
      continue;
    }
    EXPECT_EQ(shown[leaf], 1) << leaf << " is shown by " << shown[leaf] << " sections";
  }
  EXPECT_EQ(shown.size(), all.size() - 12U)  // the sitting's 12 leaves are unshown
      << "a section shows a field the schema does not have";
}

TEST(CaseSections, EveryFormStaysUnderTheConsolesFieldCap) {
  const SchemaSet& schemas = office::bundled_schemas();
  const Json empty = Json::object();
  for (const office::CaseSection& section : office::case_sections()) {
    const office::CaseForm form = office::section_form(schemas, section, empty, true);
    EXPECT_LE(office::field_count(form), office::kMostFormFields) << section.slug;
    EXPECT_FALSE(form.groups.empty() && form.lists.empty()) << section.slug;
    for (const office::FormList& list : form.lists) {
      const office::CaseForm item = office::item_form(schemas, section, list.id, 0, empty);
      EXPECT_LE(office::field_count(item), office::kMostFormFields) << list.id;
    }
  }
  EXPECT_LE(office::field_count(office::new_case_form(schemas)), office::kMostFormFields);
}

TEST(CaseSections, APointerFindsItsSectionAndAFieldReadsAsWords) {
  EXPECT_EQ(office::section_for_pointer("/professionals/iro/email"), "professionals");
  EXPECT_EQ(office::section_for_pointer("/professionals/socialWorker/email"), "social-worker");
  EXPECT_EQ(office::section_for_pointer("/sitting/date"), "");
  EXPECT_EQ(office::words_for_key("statusDate"), "Status date");
  EXPECT_EQ(office::words_for_key("dob"), "Date of birth");
  EXPECT_EQ(office::find_section("nothing"), nullptr);
}

TEST(DateInput, ThreeBoxesMakeAnIsoDate) {
  const office::DateReading reading = office::read_date({" 4", "3 ", "2026"}, "Date of birth");
  EXPECT_EQ(reading.iso, "2026-03-04");
  EXPECT_EQ(reading.error, "");
  EXPECT_EQ(office::read_date({"29", "2", "2028"}, "Date").iso, "2028-02-29");
  EXPECT_EQ(office::read_date({"", "", ""}, "Date").iso, "");
  EXPECT_EQ(office::read_date({"", "", ""}, "Date").error, "");
}

TEST(DateInput, EachMistakeHasTheDesignSystemsWords) {
  office::DateReading reading = office::read_date({"4", "", "2026"}, "Date of birth");
  EXPECT_EQ(reading.error, "Date of birth must include a month");
  EXPECT_EQ(reading.first_wrong, "month");
  EXPECT_TRUE(reading.month_wrong);
  EXPECT_FALSE(reading.day_wrong);
  EXPECT_EQ(reading.iso, "");
  reading = office::read_date({"", "", "2026"}, "Date of birth");
  EXPECT_EQ(reading.error, "Date of birth must include a day and month");
  EXPECT_EQ(reading.first_wrong, "day");
  reading = office::read_date({"30", "2", "2026"}, "Date of birth");
  EXPECT_EQ(reading.error, "Date of birth must be a real date");
  EXPECT_TRUE(reading.day_wrong);
  reading = office::read_date({"3", "13", "2026"}, "Date of birth");
  EXPECT_EQ(reading.error, "Date of birth must be a real date");
  EXPECT_EQ(reading.first_wrong, "month");
  reading = office::read_date({"3", "1", "26"}, "Date of birth");
  EXPECT_EQ(reading.error, "Year must include 4 numbers");
  EXPECT_EQ(reading.first_wrong, "year");
  EXPECT_EQ(office::read_date({"x", "1", "2026"}, "Date").error, "Date must be a real date");
}

TEST(DateInput, AnIsoDateFillsTheBoxes) {
  const office::DateParts parts = office::date_parts("2019-11-02");
  EXPECT_EQ(parts.day, "2");
  EXPECT_EQ(parts.month, "11");
  EXPECT_EQ(parts.year, "2019");
  EXPECT_EQ(office::date_parts("2 Nov 2019").year, "");
}

}  // namespace
