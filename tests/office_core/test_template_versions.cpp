// The office's templates changed as the console's Templates page changes them
// (office/templates/): a template is checked as `panelpack check --schema` checks it, refused
// with every error and nothing changed, or installed where the office reads it with the one it
// replaces kept as a version; an old version restored becomes a new version; two installs at
// once both land. On a copy of the sample office, whose office.json names no template.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/templates/template_check.hpp"
#include "office/templates/template_preview.hpp"
#include "office/templates/template_versions.hpp"
#include "office_core/sample_office_copy.hpp"
#include "templating/zip_archive.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
using panelpack::testing::at;
using panelpack::testing::SampleOfficeCopy;

const fs::path kTemplates = fs::path(PANELPACK_SOURCE_DIR) / "templates";

// The installed referral with each of `edits` (text -> replacement, first occurrence) made
// to its main text.
std::string referral_with(const std::vector<std::pair<std::string, std::string>>& edits) {
  const panelpack::templating::ZipReader original(
      SampleOfficeCopy::read(kTemplates / "referral.docx"));
  panelpack::templating::ZipWriter writer;
  for (std::size_t i = 0; i < original.entries().size(); ++i) {
    const std::string name = original.entries()[i].name;
    if (name != "word/document.xml") {
      writer.add(name, original.read(i));
      continue;
    }
    std::string xml = original.read(i);
    for (const auto& [text, replacement] : edits) {
      const auto at_text = xml.find(text);
      EXPECT_NE(at_text, std::string::npos) << text;
      if (at_text != std::string::npos) xml.replace(at_text, text.size(), replacement);
    }
    writer.add(name, xml);
  }
  return writer.finish();
}

std::string with_marker(const std::string& marker) {
  return referral_with({{"{{caseRef}}", "{{caseRef}} " + marker}});
}

class TemplateVersions : public ::testing::Test {
 protected:
  office::TemplateInstallResult install(const std::string& bytes, const std::string& by = "priya") {
    return office::install_template(office_.open(), {"referral", bytes, by, "", now});
  }
  std::string in_use() const {
    return SampleOfficeCopy::read(office_.open().template_path("referral"));
  }

  SampleOfficeCopy office_;
  const panelpack::panel::UtcInstant now = at("2026-12-05T10:00");
};

TEST_F(TemplateVersions, TheSampleOfficeUsesTheInstalledTemplates) {
  const auto templates = office::office_templates(office_.open());
  ASSERT_EQ(templates.size(), 6U);
  EXPECT_EQ(templates[1].kind, "referral");
  EXPECT_FALSE(templates[1].named_in_office);
  EXPECT_TRUE(templates[1].exists);
  EXPECT_EQ(templates[1].format, office::TemplateFormat::docx);
  EXPECT_TRUE(templates[1].versions.empty());
}

TEST_F(TemplateVersions, InstallKeepsThePreviousVersion) {
  const std::string before = in_use();
  const std::string changed = with_marker("Marker-Tulip");
  const auto result = install(changed);
  ASSERT_TRUE(result.installed) << result.check.diagnostics.size();
  EXPECT_EQ(result.installed->number, 2);
  EXPECT_EQ(result.installed->installed_by, "priya");

  // Installed where the office reads it, named in office.json.
  const auto workspace = office_.open();
  EXPECT_EQ(workspace.template_path("referral"), office_.root() / "templates" / "referral.docx");
  EXPECT_EQ(in_use(), changed);
  const auto panel = workspace.office().panels.front();
  EXPECT_EQ(SampleOfficeCopy::read(workspace.template_path("referral", &panel)), changed);

  const auto found = office::office_template(workspace, "referral");
  ASSERT_EQ(found.versions.size(), 2U);
  EXPECT_EQ(found.versions[0].number, 1);
  EXPECT_EQ(found.versions[0].installed_by, "");
  EXPECT_EQ(SampleOfficeCopy::read(office::version_path(workspace, "referral", found.versions[0])),
            before);
  EXPECT_EQ(found.versions[1].file, "2-20261205T100000.docx");
  EXPECT_EQ(found.current_version, 2);
  const auto index = nlohmann::json::parse(
      SampleOfficeCopy::read(office_.root() / "templates/versions/referral/versions.json"));
  EXPECT_EQ(index["versions"].size(), 2U);
  EXPECT_EQ(index["versions"][1]["installedAt"], "2026-12-05T10:00:00Z");
}

TEST_F(TemplateVersions, ATemplateWithErrorsIsRefusedAndNothingChanges) {
  const std::string before = in_use();
  const std::string office_json = SampleOfficeCopy::read(office_.root() / "office.json");
  const auto result = install(referral_with({{"{{child.name}}", "{{child.nmae}}"},
                                             {"{{caseRef}}", "{{#caseRef}}"},
                                             {"{{child.childId}}", "{{child.childId | shout}}"}}));
  EXPECT_FALSE(result.installed);
  EXPECT_EQ(result.check.errors(), 3U);
  // In document order: the section left open is before the misspelt name and the filter.
  std::vector<int> paragraphs;
  std::set<std::string> codes;
  for (const auto& diagnostic : result.check.diagnostics) {
    if (diagnostic.severity != panelpack::templating::Severity::error) continue;
    paragraphs.push_back(diagnostic.paragraph);
    codes.insert(diagnostic.code);
    EXPECT_EQ(diagnostic.part, "word/document.xml");
    EXPECT_FALSE(diagnostic.excerpt.empty());
    // The referral's fields are in the cells of its tables, as Word shows them.
    EXPECT_TRUE(result.check.in_table_cell(diagnostic)) << diagnostic.paragraph;
  }
  EXPECT_TRUE(std::is_sorted(paragraphs.begin(), paragraphs.end()));
  EXPECT_EQ(codes, (std::set<std::string>{"unclosed_section", "unknown_field", "unknown_filter"}));
  EXPECT_EQ(in_use(), before);
  EXPECT_EQ(SampleOfficeCopy::read(office_.root() / "office.json"), office_json);
  EXPECT_FALSE(fs::exists(office_.root() / "templates"));
}

TEST_F(TemplateVersions, AMistakeOutsideATableIsNotPlacedInACell) {
  const auto check = office::check_template(
      referral_with(
          {{"{{localAuthority | default:\"Children's Services\"}}", "{{localAuthorty}}"}}),
      "referral");
  ASSERT_EQ(check.errors(), 1U);
  EXPECT_EQ(check.diagnostics.front().paragraph, 1);
  EXPECT_FALSE(check.in_table_cell(check.diagnostics.front()));
}

TEST_F(TemplateVersions, AFileThatIsNoTemplateIsRefused) {
  const auto result = install("Only text, though named referral.docx");
  EXPECT_FALSE(result.installed);
  EXPECT_FALSE(result.check.format);
  EXPECT_FALSE(fs::exists(office_.root() / "templates"));
}

TEST_F(TemplateVersions, RestoreMakesTheOldBytesCurrentAsANewVersion) {
  const std::string before = in_use();
  ASSERT_TRUE(install(with_marker("Marker-Tulip")).installed);
  const auto restored = office::restore_template(office_.open(), "referral", 1, "sam", now);
  EXPECT_EQ(restored.number, 3);
  EXPECT_EQ(restored.restored_from, 1);
  EXPECT_EQ(restored.why, "Restored version 1");
  EXPECT_EQ(in_use(), before);
  const auto found = office::office_template(office_.open(), "referral");
  ASSERT_EQ(found.versions.size(), 3U);  // nothing deleted
  EXPECT_EQ(found.current_version, 3);
  EXPECT_EQ(
      SampleOfficeCopy::read(office::version_path(office_.open(), "referral", found.versions[1])),
      with_marker("Marker-Tulip"));
  EXPECT_THROW(office::restore_template(office_.open(), "referral", 9, "sam", now),
               office::OfficeError);
}

TEST_F(TemplateVersions, TwoInstallsAtOnceLoseNothing) {
  const std::string first = with_marker("Marker-One");
  const std::string second = with_marker("Marker-Two");
  std::thread one([&] { install(first, "one"); });
  std::thread two([&] { install(second, "two"); });
  one.join();
  two.join();
  const auto found = office::office_template(office_.open(), "referral");
  ASSERT_EQ(found.versions.size(), 3U);
  EXPECT_EQ(found.versions[0].number, 1);
  EXPECT_EQ(found.versions[1].number, 2);
  EXPECT_EQ(found.versions[2].number, 3);
  std::set<std::string> by{found.versions[1].installed_by, found.versions[2].installed_by};
  EXPECT_EQ(by, (std::set<std::string>{"one", "two"}));
  // The one in use is the last recorded, and both files are kept.
  const std::string last = found.versions[2].installed_by == "one" ? first : second;
  EXPECT_EQ(in_use(), last);
  for (const auto& version : found.versions) {
    EXPECT_TRUE(fs::exists(office::version_path(office_.open(), "referral", version)));
  }
}

TEST_F(TemplateVersions, AnOdtReplacesADocxAndOfficeJsonNamesIt) {
  const std::string odt = SampleOfficeCopy::read(kTemplates / "referral.odt");
  const auto result = install(odt);
  ASSERT_TRUE(result.installed);
  EXPECT_EQ(result.installed->format, "ODT");
  const auto workspace = office_.open();
  EXPECT_EQ(workspace.template_path("referral"), office_.root() / "templates" / "referral.odt");
  EXPECT_EQ(SampleOfficeCopy::read(workspace.template_path("referral")), odt);
  const auto found = office::office_template(workspace, "referral");
  ASSERT_EQ(found.versions.size(), 2U);
  EXPECT_EQ(found.versions[0].format, "DOCX");
  EXPECT_EQ(found.format, office::TemplateFormat::odt);
  // Back to the DOCX: office.json names the .docx again.
  office::restore_template(workspace, "referral", 1, "sam", now);
  EXPECT_EQ(office_.open().template_path("referral"),
            office_.root() / "templates" / "referral.docx");
}

TEST_F(TemplateVersions, APreviewIsFilledWithTheCase) {
  const auto preview = office::preview_template(office_.open(), "referral",
                                                with_marker("Marker-Tulip"), "LCS900102", now);
  EXPECT_EQ(preview.file_name, "preview-referral-LCS900102.docx");
  const panelpack::templating::ZipReader filled(preview.bytes);
  const std::string xml = filled.read("word/document.xml");
  EXPECT_NE(xml.find("LCS900102"), std::string::npos);
  EXPECT_NE(xml.find("Marker-Tulip"), std::string::npos);
  EXPECT_THROW(office::preview_template(office_.open(), "report", std::nullopt, "LCS900102", now),
               office::OfficeError);
  EXPECT_THROW(office::preview_template(office_.open(), "referral", std::nullopt, "../office", now),
               office::OfficeError);
  // An agenda is the agenda of the sitting the case is booked into.
  const auto agenda =
      office::preview_template(office_.open(), "agenda", std::nullopt, "LCS900102", now);
  const std::string agenda_xml =
      panelpack::templating::ZipReader(agenda.bytes).read("word/document.xml");
  EXPECT_NE(agenda_xml.find("LCS900102"), std::string::npos);
  EXPECT_NE(agenda_xml.find("LCS900103"), std::string::npos);
}

// Issue 16: a preview is filled from a case, so a name the case schema lacks is refused with
// check --schema's message rather than previewed blank (its default: would hide the typo).
TEST_F(TemplateVersions, APreviewRefusesAFieldTheCaseSchemaLacks) {
  const std::string typo = referral_with({{"{{child.religion | default:\"Not recorded\"}}",
                                           "{{child.religon | default:\"Not recorded\"}}"}});
  try {
    office::preview_template(office_.open(), "referral", typo, "LCS900102", now);
    FAIL() << "the preview was made";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::bad_input);
    const std::string message = error.what();
    EXPECT_NE(message.find("[unknown_field]"), std::string::npos) << message;
    EXPECT_NE(message.find("child.religion"), std::string::npos) << message;
  }
}

}  // namespace
