// ODT through the same engine: element names and packaging differ, the rules do not.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "templating/template.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {
namespace {

constexpr const char* kContentOpen =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
    R"( xmlns:dc="http://purl.org/dc/elements/1.1/")"
    R"( office:version="1.3"><office:body><office:text>)";
constexpr const char* kContentClose = "</office:text></office:body></office:document-content>";

std::string odt_package(const std::string& body, const std::string& title = "Plain") {
  ZipWriter writer;
  writer.add("mimetype", "application/vnd.oasis.opendocument.text", ZipWriter::Compression::store);
  writer.add("content.xml", std::string(kContentOpen) + body + kContentClose);
  writer.add("meta.xml",
             R"(<?xml version="1.0" encoding="UTF-8"?><office:document-meta)"
             R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
             R"( xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>)" +
                 title + "</dc:title></office:meta></office:document-meta>");
  writer.add("META-INF/manifest.xml",
             R"(<?xml version="1.0" encoding="UTF-8"?><manifest:manifest)"
             R"( xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>)");
  return writer.finish();
}

std::string rendered_part(const std::string& package, const nlohmann::json& data,
                          const std::string& part = "content.xml") {
  const Template compiled = Template::compile(package);
  const ZipReader output(compiled.render(data));
  return output.read(part);
}

TEST(Odt, TagSplitAcrossSpansIsHealedIntoTheFirstSpan) {
  const std::string package = odt_package(
      R"(<text:p>Name: <text:span text:style-name="T1">{{child.</text:span>)"
      R"(<text:span text:style-name="T2">name}}</text:span>.</text:p>)");
  const std::string xml = rendered_part(package, {{"child", {{"name", "Ada & Co"}}}});
  EXPECT_NE(xml.find(R"(<text:span text:style-name="T1">Ada &amp; Co</text:span>)"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("{{"), std::string::npos);
}

TEST(Odt, LineBreaksTabsAndRepeatedSpacesUseOdfElements) {
  const std::string package = odt_package("<text:p>{{note}}</text:p>");
  const std::string xml = rendered_part(package, {{"note", "a\nb\tc  d"}});
  EXPECT_NE(xml.find("a<text:line-break/>b<text:tab/>c <text:s/>d"), std::string::npos) << xml;
}

TEST(Odt, ListItemSectionRepeatsItemsInOneList) {
  const std::string package = odt_package(
      "<text:list><text:list-item><text:p>{{#actions}}</text:p></text:list-item>"
      "<text:list-item><text:p>{{what}}</text:p></text:list-item>"
      "<text:list-item><text:p>{{/actions}}</text:p></text:list-item></text:list>");
  const std::string xml = rendered_part(
      package, {{"actions", nlohmann::json::array({{{"what", "One"}}, {{"what", "Two"}}})}});
  EXPECT_NE(xml.find("<text:list><text:list-item><text:p>One</text:p></text:list-item>"
                     "<text:list-item><text:p>Two</text:p></text:list-item></text:list>"),
            std::string::npos)
      << xml;
}

TEST(Odt, TableRowSectionRepeatsRows) {
  const std::string package = odt_package(
      "<table:table><table:table-row><table:table-cell><text:p>{{#rows}}{{date}}</text:p>"
      "</table:table-cell><table:table-cell><text:p>{{event}}{{/rows}}</text:p>"
      "</table:table-cell></table:table-row></table:table>");
  const nlohmann::json rows = nlohmann::json::array(
      {{{"date", "1"}, {"event", "A"}}, {{"date", "2"}, {"event", "B"}}});
  const std::string xml = rendered_part(package, {{"rows", rows}});
  std::size_t count = 0;
  for (std::size_t at = xml.find("<table:table-row>"); at != std::string::npos;
       at = xml.find("<table:table-row>", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 2U) << xml;
  EXPECT_NE(xml.find("<text:p>2</text:p>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<text:p>B</text:p>"), std::string::npos) << xml;
}

TEST(Odt, InlineSectionFromASpanToPlainTextRepeats) {
  // LibreOffice wraps formatted text in spans: a section may open in one and close outside.
  const std::string package = odt_package(
      R"(<text:p>Carers: <text:span text:style-name="T1">{{#carers}}{{name}}</text:span>)"
      R"(; {{/carers}}end</text:p>)");
  const std::string xml = rendered_part(
      package, {{"carers", nlohmann::json::array({{{"name", "Ann"}}, {{"name", "Bo"}}})}});
  EXPECT_NE(xml.find(R"(<text:p>Carers: <text:span text:style-name="T1">Ann</text:span>; )"
                     R"(<text:span text:style-name="T1">Bo</text:span>; end</text:p>)"),
            std::string::npos)
      << xml;
}

TEST(Odt, MetaTitleIsRenderedAndEscaped) {
  const std::string package = odt_package("<text:p>x</text:p>", "Referral {{case_ref}}");
  const std::string meta = rendered_part(package, {{"case_ref", "A<B"}}, "meta.xml");
  EXPECT_NE(meta.find("<dc:title>Referral A&lt;B</dc:title>"), std::string::npos) << meta;
}

TEST(Odt, MimetypeStaysFirstAndStored) {
  const std::string package = odt_package("<text:p>{{x}}</text:p>");
  const ZipReader output(Template::compile(package).render({{"x", "1"}}));
  ASSERT_FALSE(output.entries().empty());
  EXPECT_EQ(output.entries().front().name, "mimetype");
  EXPECT_TRUE(output.entries().front().stored);
}

TEST(Odt, ErrorsNameTheOdtPartAndParagraph) {
  const std::string package =
      odt_package("<text:p>intro</text:p><text:h>{{#open}} never closed</text:h>");
  try {
    (void)Template::compile(package);
    FAIL() << "expected a TemplateError";
  } catch (const TemplateError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1U);
    EXPECT_EQ(error.diagnostics()[0].code, "unclosed_section");
    EXPECT_EQ(error.diagnostics()[0].part, "content.xml");
    EXPECT_EQ(error.diagnostics()[0].paragraph, 2);
  }
}

}  // namespace
}  // namespace panelpack::templating
