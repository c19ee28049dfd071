// The engine marks tag sites with its own processing instructions; one typed into a template
// anywhere (body, before or after the root) is removed, never taken for a marker.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/minimal_docx.hpp"
#include "templating/template.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {
namespace {

constexpr const char* kBody =
    R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:body><w:p><w:r><w:t>{{#items}}</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t>[{{name}}]</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t>{{/items}}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>)";

std::string rendered_document(const std::string& document_xml) {
  const Template compiled = Template::compile(test_support::minimal_docx(document_xml));
  const nlohmann::json data = {
      {"items", nlohmann::json::array({{{"name", "a"}}, {{"name", "b"}}})}};
  return ZipReader(compiled.render(data)).read("word/document.xml");
}

void expect_items_rendered_without_crafted_markers(const std::string& xml) {
  EXPECT_NE(xml.find("[a]"), std::string::npos) << xml;
  EXPECT_NE(xml.find("[b]"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("panelpack-m"), std::string::npos) << xml;
}

TEST(CraftedMarkers, APiNamedLikeAMarkerBeforeTheRootIsRemoved) {
  // Found by fuzz_document_xml: the prolog PI once reached the cutter and aborted the program.
  const std::string xml = rendered_document(
      R"(<?panelpack-m "1.0" encoding="UTF-8" standalone="yes"?>)" + std::string(kBody));
  expect_items_rendered_without_crafted_markers(xml);
}

TEST(CraftedMarkers, APiAndACommentNamingTheMarkerAfterTheRootAreRemoved) {
  const std::string xml =
      rendered_document(std::string(kBody) + "<?panelpack-m e?><!-- <?panelpack-m e7?> -->");
  expect_items_rendered_without_crafted_markers(xml);
}

TEST(CraftedMarkers, AMarkerPiInsideTheBodyIsRemoved) {
  std::string body = kBody;
  const std::string paragraph_end = "[{{name}}]</w:t></w:r>";
  body.insert(body.find(paragraph_end) + paragraph_end.size(), "<?panelpack-m u?>");
  expect_items_rendered_without_crafted_markers(rendered_document(body));
}

TEST(CraftedMarkers, ANamespaceNameThatCannotBeWrittenBackIsRefused) {
  // Found by fuzz_document_xml: libxml2 writes a namespace name unescaped, so a '<' in one made
  // a rendered document that was not XML. No URI holds '<', '&' or '"': the part is refused.
  for (const char* name : {"ce/word&lt;{{x", "a&amp;b", "q&quot;q"}) {
    const std::string body =
        std::string(R"(<w:document xmlns:w="http://schemas.openxmlformats.org/)"
                    R"(wordprocessingml/2006/main" xmlns:mc=")") +
        name +
        R"("><w:body><w:p><w:r><w:t>{{a}}</w:t></w:r></w:p></w:body>)"
        R"(</w:document>)";
    try {
      Template::compile(test_support::minimal_docx(body));
      ADD_FAILURE() << name << " was accepted";
    } catch (const PackageError& error) {
      EXPECT_EQ(error.code(), "malformed_xml") << name;
      EXPECT_EQ(error.where(), "word/document.xml") << name;
    }
  }
}

}  // namespace
}  // namespace panelpack::templating
