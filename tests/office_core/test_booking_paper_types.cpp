// The paper types have one owner, panel::kPaperTypes: the schemas stay files, so this checks
// that the PaperType enum of docs/schema/common.schema.json (which the bookings schema's paper
// fields refer to) lists exactly the table's codes, in its order, each with words.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/labels.hpp"
#include "panel/paper_types.hpp"

namespace {

namespace fs = std::filesystem;

nlohmann::json schema(const std::string& name) {
  std::ifstream in(fs::path(PANELPACK_SOURCE_DIR) / "docs" / "schema" / name);
  return nlohmann::json::parse(in);
}

std::vector<std::string> table_codes() {
  std::vector<std::string> codes;
  for (const auto& type : panelpack::panel::kPaperTypes) codes.emplace_back(type.code);
  return codes;
}

TEST(PaperTypes, TheSchemaEnumIsTheTable) {
  const nlohmann::json paper_type = schema("common.schema.json")["$defs"]["PaperType"];
  EXPECT_EQ(paper_type["enum"].get<std::vector<std::string>>(), table_codes());
  for (const auto& code : table_codes()) {
    EXPECT_TRUE(paper_type["x-labels"].contains(code)) << code;
    EXPECT_NE(panelpack::panel::paper_type_label(code), code) << code;
  }
}

TEST(PaperTypes, TheBookingsSchemaNamesTheCommonPaperType) {
  const nlohmann::json item = schema("bookings.schema.json")["properties"]["items"]["items"];
  EXPECT_EQ(item["properties"]["paperTypes"]["items"]["$ref"],
            "common.schema.json#/$defs/PaperType");
  EXPECT_EQ(item["properties"]["papers"]["items"]["properties"]["type"]["$ref"],
            "common.schema.json#/$defs/PaperType");
}

TEST(PaperTypes, TheTableSaysWhichPanelpackFillsAndListsThemInOrder) {
  using panelpack::panel::is_filled_from_case;
  using panelpack::panel::is_paper_type;
  EXPECT_TRUE(is_filled_from_case("referral"));
  EXPECT_TRUE(is_filled_from_case("finance-request"));
  EXPECT_FALSE(is_filled_from_case("care-plan"));
  EXPECT_FALSE(is_filled_from_case("minutes"));
  EXPECT_TRUE(is_paper_type("cpm-report"));
  EXPECT_FALSE(is_paper_type("Referral"));
  EXPECT_EQ(panelpack::panel::paper_type_list(" or "),
            "referral, matching, finance-request, care-plan, chronology, assessment or cpm-report");
}

}  // namespace
