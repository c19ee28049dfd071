// The words the schemas give codes ("x-labels"), added beside the codes of a document's data.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "validation/field_catalogue.hpp"
#include "validation/schema_labels.hpp"
#include "validation/schema_set.hpp"

namespace panelpack::validation {
namespace {

SchemaSet two_fields_sharing_a_code() {
  SchemaSet set;
  set.add("common.schema.json", Schema::parse(R"({
    "$defs": {"Plan": {"type": "string", "enum": ["sgo", "adoption"],
                       "x-labels": {"sgo": "Special guardianship order", "adoption": "Adoption"}}}
  })"));
  set.add("case.schema.json", Schema::parse(R"({
    "type": "object",
    "properties": {
      "plan": {"$ref": "common.schema.json#/$defs/Plan"},
      "parallel": {"type": "array", "items": {"$ref": "common.schema.json#/$defs/Plan"}},
      "assessments": {"type": "array", "items": {"type": "object", "properties": {
        "type": {"type": "string", "enum": ["sgo"],
                 "x-labels": {"sgo": "Special guardianship assessment"}}}}},
      "note": {"type": "string"}
    }
  })"));
  return set;
}

TEST(SchemaLabels, EachFieldHasItsOwnWordsForTheSameCode) {
  const SchemaSet set = two_fields_sharing_a_code();
  nlohmann::json data = nlohmann::json::parse(
      R"({"plan": "sgo", "parallel": ["adoption", "sgo"], "assessments": [{"type": "sgo"}],
          "note": "sgo"})");
  add_labels(set, "case.schema.json", data);
  EXPECT_EQ(data["planLabel"], "Special guardianship order");
  EXPECT_EQ(data["parallelLabels"],
            nlohmann::json::parse(R"(["Adoption", "Special guardianship order"])"));
  EXPECT_EQ(data["assessments"][0]["typeLabel"], "Special guardianship assessment");
  EXPECT_FALSE(data.contains("noteLabel"));  // free text has no words to add
  EXPECT_EQ(data["plan"], "sgo");            // the code stays for conditions
}

TEST(SchemaLabels, DataThatHasWordsKeepsThemAndAnUnknownCodePrintsItself) {
  const SchemaSet set = two_fields_sharing_a_code();
  nlohmann::json data = nlohmann::json::parse(R"json({"plan": "sgo", "planLabel": "SGO (ours)",
                                                   "assessments": [{"type": "cao"}]})json");
  add_labels(set, "case.schema.json", data);
  EXPECT_EQ(data["planLabel"], "SGO (ours)");
  EXPECT_EQ(data["assessments"][0]["typeLabel"], "cao");
}

TEST(SchemaLabels, TheFieldCatalogueListsTheWordsBesideTheCodes) {
  const auto catalogue =
      FieldCatalogue::from_schema(two_fields_sharing_a_code(), "case.schema.json");
  ASSERT_NE(catalogue.find("planLabel"), nullptr);
  EXPECT_EQ(catalogue.find("planLabel")->kind, FieldKind::text);
  ASSERT_NE(catalogue.find("parallelLabels"), nullptr);
  EXPECT_EQ(catalogue.find("parallelLabels")->kind, FieldKind::list);
  EXPECT_NE(catalogue.find("assessments[].typeLabel"), nullptr);
  EXPECT_EQ(catalogue.find("noteLabel"), nullptr);
}

}  // namespace
}  // namespace panelpack::validation
