// The generic JSON Schema validator, the line finder and the field catalogue (engine/validation/).

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "validation/field_catalogue.hpp"
#include "validation/formats.hpp"
#include "validation/json_locations.hpp"
#include "validation/nearest_name.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::validation {
namespace {

std::vector<ValidationError> errors_of(const Schema& schema, const std::string& text) {
  SchemaSet set;
  set.add("test.schema.json", schema);
  auto errors = Validator(set, "test.schema.json").validate(nlohmann::json::parse(text));
  locate(errors, text);
  return errors;
}

std::vector<std::string> keywords(const std::vector<ValidationError>& errors) {
  std::vector<std::string> found;
  for (const auto& error : errors) found.push_back(error.keyword);
  return found;
}

std::string read_schema_file(const std::string& name) {
  std::ifstream file(std::string(PANELPACK_SOURCE_DIR) + "/docs/schema/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

SchemaSet project_schemas() {
  SchemaSet set;
  for (const char* name :
       {"common.schema.json", "case.schema.json", "bookings.schema.json", "decision.schema.json"}) {
    set.add(name, Schema::parse(read_schema_file(name)));
  }
  return set;
}

TEST(Formats, DatesAreRealCalendarDays) {
  EXPECT_TRUE(is_date("2024-02-29"));
  EXPECT_TRUE(is_date("2000-02-29"));
  EXPECT_FALSE(is_date("1900-02-29"));
  EXPECT_FALSE(is_date("2026-02-29"));
  EXPECT_FALSE(is_date("2026-02-30"));
  EXPECT_FALSE(is_date("2026-04-31"));
  EXPECT_FALSE(is_date("2026-13-01"));
  EXPECT_FALSE(is_date("2026-00-10"));
  EXPECT_FALSE(is_date("28/10/2025"));
  EXPECT_FALSE(is_date("2026-3-4"));
  EXPECT_TRUE(is_date("2026-12-31"));
}

TEST(Formats, DateTimesFollowRfc3339) {
  EXPECT_TRUE(is_date_time("2026-03-04T09:30:00Z"));
  EXPECT_TRUE(is_date_time("2026-03-04t09:30:00.125+01:00"));
  EXPECT_TRUE(is_date_time("2026-06-30T23:59:60Z"));
  EXPECT_FALSE(is_date_time("2026-03-04 09:30:00Z"));
  EXPECT_FALSE(is_date_time("2026-03-04T09:30:00"));
  EXPECT_FALSE(is_date_time("2026-03-04T24:00:00Z"));
  EXPECT_FALSE(is_date_time("2026-02-30T09:30:00Z"));
  EXPECT_FALSE(is_date_time("2026-03-04T09:30:00.Z"));
}

TEST(Formats, EmailsHaveTheSimpleShape) {
  EXPECT_TRUE(is_email("jo.caseworker@example.org"));
  EXPECT_FALSE(is_email("jo.caseworker"));
  EXPECT_FALSE(is_email("@example.org"));
  EXPECT_FALSE(is_email("jo@example"));
  EXPECT_FALSE(is_email("jo @example.org"));
  EXPECT_FALSE(is_email("jo@@example.org"));
}

TEST(Keywords, TypeSingleAndList) {
  const auto schema = Schema::parse(R"({"type": "object", "properties": {
    "a": {"type": "string"}, "b": {"type": ["string", "null"]}, "c": {"type": "integer"},
    "d": {"type": "number"}, "e": {"type": "boolean"}, "f": {"type": "array"}}})");
  EXPECT_TRUE(errors_of(schema, R"({"a": "x", "b": null, "c": 2.0, "d": 1.5, "e": true, "f": []})")
                  .empty());
  const auto errors = errors_of(schema, R"({"a": 1, "b": 2, "c": 1.5, "d": "1", "e": 0, "f": {}})");
  EXPECT_EQ(errors.size(), 6U);
  EXPECT_EQ(keywords(errors), std::vector<std::string>(6, "type"));
  EXPECT_EQ(errors_of(schema, "[]").front().pointer, "");
}

TEST(Keywords, RequiredAndAdditionalPropertiesWithSuggestion) {
  const auto schema = Schema::parse(R"({"type": "object", "required": ["name", "childId"],
    "additionalProperties": false, "properties": {"name": {}, "childId": {}}})");
  const auto errors = errors_of(schema, R"({"nmae": "x"})");
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].keyword, "required");
  EXPECT_EQ(errors[0].pointer, "/name");
  EXPECT_EQ(errors[1].pointer, "/childId");
  EXPECT_EQ(errors[2].keyword, "additionalProperties");
  EXPECT_EQ(errors[2].pointer, "/nmae");
  EXPECT_EQ(errors[2].suggestion, "name");
  EXPECT_TRUE(errors[2].value.empty());
}

TEST(Keywords, AdditionalPropertiesAsASchema) {
  const auto schema = Schema::parse(R"({"additionalProperties": {"type": "integer"}})");
  EXPECT_EQ(keywords(errors_of(schema, R"({"a": 1, "b": "x"})")), std::vector<std::string>{"type"});
}

TEST(Keywords, ItemsEnumConst) {
  const auto schema = Schema::parse(R"({"type": "array", "items": {"title": "legal status",
    "enum": ["V2", "C1"]}, "minItems": 1, "maxItems": 3})");
  auto errors = errors_of(schema, R"(["C1", "C9", "V2", "X"])");
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].keyword, "maxItems");
  EXPECT_EQ(errors[1].pointer, "/1");
  EXPECT_EQ(errors[1].keyword, "enum");
  EXPECT_EQ(errors[1].expected, "one of V2, C1");
  EXPECT_EQ(describe(errors[1], true), "\"C9\" is not a legal status; expected one of V2, C1");
  EXPECT_EQ(describe(errors[1], false), "the value is not a legal status; expected one of V2, C1");
  EXPECT_EQ(errors[2].pointer, "/3");
  EXPECT_EQ(keywords(errors_of(schema, "[]")), std::vector<std::string>{"minItems"});

  const auto marking = Schema::parse(R"({"const": "OFFICIAL-SENSITIVE"})");
  EXPECT_TRUE(errors_of(marking, R"("OFFICIAL-SENSITIVE")").empty());
  EXPECT_EQ(keywords(errors_of(marking, R"("OFFICIAL")")), std::vector<std::string>{"const"});
}

TEST(Keywords, NumbersAndStrings) {
  const auto schema = Schema::parse(R"({"properties": {
    "weeks": {"type": "integer", "minimum": 1, "maximum": 8},
    "code": {"type": "string", "pattern": "^[A-Z]{4}$", "minLength": 4, "maxLength": 4},
    "name": {"type": "string", "minLength": 1}}})");
  EXPECT_TRUE(errors_of(schema, R"({"weeks": 8, "code": "WBRI", "name": "Zoë"})").empty());
  const auto errors = errors_of(schema, R"({"weeks": 0, "code": "wbri", "name": ""})");
  EXPECT_EQ(keywords(errors), (std::vector<std::string>{"pattern", "minLength", "minimum"}));
  EXPECT_EQ(keywords(errors_of(schema, R"({"weeks": 9, "code": "WBRIX"})")),
            (std::vector<std::string>{"maxLength", "pattern", "maximum"}));
}

TEST(Keywords, Formats) {
  const auto schema = Schema::parse(R"({"properties": {"d": {"format": "date"},
    "t": {"format": "date-time"}, "e": {"format": "email"}, "n": {"format": "date"}}})");
  EXPECT_TRUE(errors_of(schema, R"({"d": "2024-02-29", "t": "2026-03-04T09:30:00Z",
    "e": "a@example.org", "n": 5})")
                  .empty());
  const auto errors = errors_of(schema, R"({"d": "2026-02-30", "t": "2026-03-04", "e": "a"})");
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(keywords(errors), std::vector<std::string>(3, "format"));
  EXPECT_EQ(errors[0].problem, "is not a real date");
}

TEST(Keywords, LocalAndSiblingRefs) {
  SchemaSet set;
  set.add("common.schema.json", Schema::parse(R"({"$id": "https://x.example/common.schema.json",
    "$defs": {"Date": {"type": "string", "format": "date"},
              "Person": {"type": "object", "required": ["name"],
                         "properties": {"name": {"type": "string"}, "born": {"$ref": "#/$defs/Date"}}}}})"));
  set.add("case.schema.json", Schema::parse(R"({"$defs": {"Ref": {"type": "string"}},
    "properties": {"who": {"$ref": "common.schema.json#/$defs/Person", "description": "A person."},
                   "id": {"$ref": "#/$defs/Ref"},
                   "by": {"$ref": "https://x.example/common.schema.json#/$defs/Person"}}})"));
  const std::string text = R"({"who": {"born": "2026-02-30"}, "id": 4, "by": {"name": "x"}})";
  auto errors = Validator(set, "case.schema.json").validate(nlohmann::json::parse(text));
  EXPECT_EQ(keywords(errors), (std::vector<std::string>{"type", "required", "format"}));

  SchemaSet broken;
  broken.add("a.schema.json", Schema::parse(R"({"$ref": "missing.schema.json#/x"})"));
  EXPECT_THROW(Validator(broken, "a.schema.json").validate(nlohmann::json::object()), SchemaError);
}

TEST(Errors, AreAllCollectedWithTheirLines) {
  const auto schema = Schema::parse(R"({"type": "object", "properties": {
    "legal": {"type": "object", "properties": {"status": {"enum": ["V2", "C1"]}}},
    "items": {"type": "array", "items": {"type": "object", "required": ["date"],
              "properties": {"date": {"type": "string", "format": "date"}}}}}})");
  const std::string text =
      "{\n"
      "  \"legal\": {\n"
      "    \"status\": \"C9\"\n"
      "  },\n"
      "  \"items\": [\n"
      "    {\"date\": \"2026-02-30\"},\n"
      "    {\n"
      "      \"other\": 1\n"
      "    }\n"
      "  ]\n"
      "}\n";
  const auto errors = errors_of(schema, text);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].pointer, "/legal/status");
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[1].pointer, "/items/0/date");
  EXPECT_EQ(errors[1].line, 6);
  EXPECT_EQ(errors[2].pointer, "/items/1/date");  // missing: the line of its object
  EXPECT_EQ(errors[2].line, 7);
}

TEST(Locations, PointersEscapeTildeAndSlash) {
  EXPECT_EQ(escape_pointer_token("a~b/c"), "a~0b~1c");
  const auto lines =
      value_lines("\xEF\xBB\xBF{\"a~b\":\n1, \"c/d\": [\n\"x\",\n{\"e\\\"\": true}]}");
  EXPECT_EQ(lines.at(""), 1);
  EXPECT_EQ(lines.at("/a~0b"), 2);
  EXPECT_EQ(lines.at("/c~1d"), 2);
  EXPECT_EQ(lines.at("/c~1d/0"), 3);
  EXPECT_EQ(lines.at("/c~1d/1/e\""), 4);

  const auto schema = Schema::parse(R"({"additionalProperties": false})");
  const auto errors = errors_of(schema, "{\n\n\"x/y~z\": 1}");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].pointer, "/x~1y~0z");
  EXPECT_EQ(errors[0].line, 3);
}

TEST(Locations, StringsWithNewlinesEscapedDoNotMoveLines) {
  const auto lines = value_lines("{\"a\": \"line\\nbreak\",\n\"b\": \"\\u00e9\\ud83d\\ude00\"}");
  EXPECT_EQ(lines.at("/b"), 2);
}

TEST(Suggestions, NearestNameByEditDistance) {
  EXPECT_EQ(nearest_name("nmae", {"dob", "name", "childId"}), "name");
  EXPECT_EQ(nearest_name("NAME", {"dob", "name", "childId"}), "name");
  EXPECT_EQ(nearest_name("zzzzzz", {"dob", "name"}), std::nullopt);
}

TEST(ProjectSchemas, TheGoodFixturePassesAndTheBrokenOneFailsEverywhere) {
  const SchemaSet set = project_schemas();
  const Validator validator(set, "case.schema.json");
  std::ifstream good_file(std::string(PANELPACK_SOURCE_DIR) +
                          "/tests/fixtures/cases/LCS900001.json");
  std::stringstream good;
  good << good_file.rdbuf();
  const auto none = validator.validate(nlohmann::json::parse(good.str()));
  EXPECT_TRUE(none.empty()) << (none.empty() ? ""
                                             : none.front().pointer + " " + none.front().problem);

  std::ifstream broken_file(std::string(PANELPACK_SOURCE_DIR) +
                            "/tests/fixtures/cases-broken/LCS900002.json");
  std::stringstream broken;
  broken << broken_file.rdbuf();
  auto errors = validator.validate(nlohmann::json::parse(broken.str()));
  locate(errors, broken.str());
  std::vector<std::string> pointers;
  for (const auto& error : errors) pointers.push_back(error.pointer);
  for (const char* expected :
       {"/child/childId", "/child/nmae", "/child/dob", "/child/interpreterRequired",
        "/legal/status", "/professionals/socialWorker/email", "/chronology/1/date"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), expected), pointers.end()) << expected;
  }
  const auto status = std::find_if(errors.begin(), errors.end(),
                                   [](const auto& e) { return e.pointer == "/legal/status"; });
  EXPECT_EQ(status->line, 11);
  EXPECT_EQ(status->keyword, "enum");
}

TEST(FieldCatalogue, ListsPathsWithListsMarked) {
  const SchemaSet set = project_schemas();
  const auto catalogue = FieldCatalogue::from_schema(set, "case.schema.json");
  const Field* name = catalogue.find("child.name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->kind, FieldKind::text);
  EXPECT_FALSE(name->description.empty());
  const Field* chronology = catalogue.find("chronology");
  ASSERT_NE(chronology, nullptr);
  EXPECT_EQ(display_path(*chronology), "chronology[]");
  ASSERT_NE(catalogue.find("chronology[].date"), nullptr);
  EXPECT_EQ(catalogue.find("chronology[].date")->kind, FieldKind::date);
  EXPECT_EQ(catalogue.find("_notice"), nullptr);
  EXPECT_EQ(catalogue.find("legal.status")->kind, FieldKind::choice);
  EXPECT_NE(catalogue.find("actions[].owner.name"), nullptr);
}

TEST(FieldCatalogue, ResolvesLikeMustache) {
  const SchemaSet set = project_schemas();
  const auto catalogue = FieldCatalogue::from_schema(set, "case.schema.json");
  EXPECT_TRUE(catalogue.resolve("child.name", {}).found);
  const auto typo = catalogue.resolve("child.nmae", {});
  EXPECT_FALSE(typo.found);
  EXPECT_EQ(typo.suggestion, "child.name");
  // Inside a list section the item's fields come first, then the outer ones.
  const auto date = catalogue.resolve("date", {"chronology"});
  EXPECT_TRUE(date.found);
  EXPECT_EQ(date.resolved_path, "chronology[].date");
  EXPECT_TRUE(catalogue.resolve("caseRef", {"chronology"}).found);
  EXPECT_FALSE(catalogue.resolve("date", {}).found);
  EXPECT_EQ(catalogue.resolve("evnet", {"chronology"}).suggestion, "event");
  // Inside an object section its fields resolve by their short names.
  EXPECT_TRUE(catalogue.resolve("status", {"legal"}).found);
  EXPECT_TRUE(catalogue.resolve("name", {"actions", "owner"}).found);
  for (const char* special : {".", "@index", "@first", "@last"}) {
    EXPECT_TRUE(catalogue.resolve(special, {"plans.parallel"}).found) << special;
  }
  // Once the first name is found, the rest must be inside it (no fallback outwards).
  EXPECT_FALSE(catalogue.resolve("child.date", {"chronology"}).found);
}

TEST(FieldCatalogue, SuggestsOnlyNamesThatResolveWhereTheTagStands) {
  const SchemaSet set = project_schemas();
  const auto catalogue = FieldCatalogue::from_schema(set, "case.schema.json");
  // Inside the siblings' loop "placement" is each sibling's (text): the case's
  // placement.typeCode is hidden there, so it is neither found nor its own suggestion.
  const auto hidden = catalogue.resolve("placement.typeCode", {"child.siblings"});
  EXPECT_FALSE(hidden.found);
  EXPECT_NE(hidden.suggestion, std::optional<std::string>("placement.typeCode"));
  EXPECT_TRUE(catalogue.resolve("placement.typeCode", {}).found);
  // A typo inside a loop is told the item's field, outside it the case's.
  EXPECT_EQ(catalogue.resolve("plna", {"child.siblings"}).suggestion, "plan");
  EXPECT_EQ(catalogue.resolve("child.nmae", {"child.siblings"}).suggestion, "child.name");
  // Far from every name: no guess.
  EXPECT_EQ(catalogue.resolve("zzzzzz", {}).suggestion, std::nullopt);
  // No suggestion is ever the name typed, wherever it stands.
  for (const auto& field : catalogue.fields()) {
    for (const std::vector<std::string>& scope :
         {std::vector<std::string>{}, std::vector<std::string>{"child.siblings"},
          std::vector<std::string>{"chronology"}}) {
      const auto resolution = catalogue.resolve(field.path, scope);
      if (!resolution.found) EXPECT_NE(resolution.suggestion, field.path) << field.path;
    }
  }
}

TEST(FieldCatalogue, FindsTheListAFieldBelongsTo) {
  const SchemaSet set = project_schemas();
  const auto catalogue = FieldCatalogue::from_schema(set, "case.schema.json");
  const auto through = catalogue.lists_holding("child.siblings.name", {});
  ASSERT_EQ(through.size(), 1U);
  EXPECT_EQ(through[0].list, "child.siblings");
  EXPECT_EQ(through[0].item_name, "name");
  const auto alone = catalogue.lists_holding("placedTogether", {});
  ASSERT_EQ(alone.size(), 1U);
  EXPECT_EQ(alone[0].list, "child.siblings");
  EXPECT_EQ(alone[0].item_name, "placedTogether");
  EXPECT_TRUE(catalogue.lists_holding("child.nmae", {}).empty());
}

}  // namespace
}  // namespace panelpack::validation
