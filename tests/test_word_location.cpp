// A render that refuses missing fields says where each tag is in Word's terms, like check does,
// and in document order: the real referral (DOCX and ODT) rendered --strict with no data.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "templating/diagnostics.hpp"
#include "templating/template.hpp"

namespace panelpack::templating {
namespace {

std::vector<Diagnostic> missing_fields(const std::string& file) {
  const Template compiled =
      Template::compile_file(std::filesystem::path(PANELPACK_SOURCE_DIR) / "templates" / file);
  try {
    compiled.render(nlohmann::json::object(), RenderOptions{.strict = true});
  } catch (const RenderError& error) {
    return error.diagnostics();
  }
  ADD_FAILURE() << file << " rendered with no data under strict mode";
  return {};
}

const Diagnostic* find_tag(const std::vector<Diagnostic>& found, const std::string& tag) {
  const auto at =
      std::find_if(found.begin(), found.end(), [&](const Diagnostic& d) { return d.tag == tag; });
  return at == found.end() ? nullptr : &*at;
}

class MissingFieldLocation : public ::testing::TestWithParam<std::string> {};

TEST_P(MissingFieldLocation, NamesTheTableRowAndCell) {
  const auto found = missing_fields(GetParam());
  const Diagnostic* status = find_tag(found, "{{legal.statusLabel}}");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->location.heading, "3. Legal status");
  EXPECT_EQ(status->location.table, "Legal status");
  EXPECT_EQ(status->location.row, 1);
  EXPECT_EQ(status->location.row_label, "Legal status");
  EXPECT_EQ(status->location.cell, 2);
  EXPECT_EQ(status->location.cells_in_row, 2);
  EXPECT_EQ(status->location.container, "");
  EXPECT_EQ(describe_location(status->location),
            "under '3. Legal status', table 'Legal status', row 'Legal status', right-hand cell");
}

TEST_P(MissingFieldLocation, HeaderFieldsComeAfterTheMainText) {
  const auto found = missing_fields(GetParam());
  ASSERT_FALSE(found.empty());
  const std::string header = GetParam().ends_with(".odt")
                                 ? "the header of page style 'Default Page Style'"
                                 : "the header of section 1";
  const auto first_header = std::find_if(found.begin(), found.end(), [&](const Diagnostic& d) {
    return d.location.container == header;
  });
  ASSERT_NE(first_header, found.end()) << "no missing field names " << header;
  EXPECT_EQ(first_header->tag, "{{child.name}}");
  // Everything before the header's first field is main text; the list is in document order.
  for (auto it = found.begin(); it != first_header; ++it) {
    EXPECT_EQ(it->location.container, "") << it->tag << " in " << it->part;
  }
  EXPECT_TRUE(std::is_sorted(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.location.order < b.location.order;
  }));
  EXPECT_EQ(found.front().location.container, "");
}

INSTANTIATE_TEST_SUITE_P(Referral, MissingFieldLocation,
                         ::testing::Values("referral.docx", "referral.odt"));

}  // namespace
}  // namespace panelpack::templating
