// The seed that spares every headless soffice start LibreOffice's graphics self-tests
// (engine/pdf/profile_seed.hpp): reading the installed version, writing it into a profile, and
// LibreOffice keeping it through a real conversion.
#include "pdf/profile_seed.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "pdf/libreoffice_converter.hpp"
#include "pdf_test_support.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::pdf::ConversionJob;
using panelpack::pdf::ConversionResult;
using panelpack::pdf::convert_to_pdf;
using panelpack::pdf::ConverterOptions;
using panelpack::pdf::detail::installed_version;
using panelpack::pdf::detail::seed_profile;
using panelpack::pdf::testing::TemporaryFolder;
using panelpack::pdf::testing::write_docx;

// Writes a file, making its folder first.
void write_bytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  panelpack::pdf::testing::write_bytes(path, bytes);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The value of ooSetupLastVersion in a profile's registry, or nullopt when it has none.
std::optional<std::string> last_version(const fs::path& profile) {
  const std::string text = read_text(profile / "user" / "registrymodifications.xcu");
  const std::size_t name = text.find("oor:name=\"ooSetupLastVersion\"");
  if (name == std::string::npos) return std::nullopt;
  const std::size_t open = text.find("<value>", name) + 7;
  return text.substr(open, text.find("</value>", name) - open);
}

// An installation laid out like Debian's: lib/program/soffice, lib/share/registry/main.xcd
// with the schema's declaration before the value, and bin/soffice a symlink to the program.
fs::path fake_installation(const fs::path& root, const std::string& main_xcd) {
  fs::create_directories(root / "lib" / "program");
  fs::create_directories(root / "lib" / "share" / "registry");
  fs::create_directories(root / "bin");
  write_bytes(root / "lib" / "program" / "soffice", "#!/bin/sh\n");
  write_bytes(root / "lib" / "share" / "registry" / "main.xcd", main_xcd);
  fs::create_symlink("../lib/program/soffice", root / "bin" / "soffice");
  return root / "bin" / "soffice";
}

const std::string kMainXcd =
    "<oor:data><oor:component-schema><prop oor:name=\"ooSetupVersion\" oor:type=\"xs:string\" "
    "oor:nillable=\"false\">\n  <value/>\n</prop></oor:component-schema>"
    "<node oor:name=\"Product\"><prop oor:name=\"ooSetupVersion\">\n  <value>7.4</value>\n"
    "</prop></node></oor:data>";

TEST(ProfileSeed, InstalledVersionIsReadBesideTheProgramThroughTheSymlink) {
  TemporaryFolder folder;
  const fs::path soffice = fake_installation(folder.path(), kMainXcd);
  EXPECT_EQ(installed_version(soffice), "7.4");
}

TEST(ProfileSeed, InstalledVersionIsEmptyWithoutARegistryOrWithAnOddValue) {
  TemporaryFolder folder;
  write_bytes(folder.path() / "soffice", "#!/bin/sh\n");
  EXPECT_EQ(installed_version(folder.path() / "soffice"), "");
  EXPECT_EQ(installed_version(folder.path() / "missing"), "");
  const fs::path odd =
      fake_installation(folder.path() / "odd",
                        "<prop oor:name=\"ooSetupVersion\"><value>7.4\"/><evil/></value></prop>");
  EXPECT_EQ(installed_version(odd), "");
}

TEST(ProfileSeed, NewProfileGetsARegistryWithTheVersion) {
  TemporaryFolder folder;
  const fs::path profile = folder.path() / "profile";
  seed_profile(profile, "7.4");
  EXPECT_EQ(last_version(profile), "7.4");
  const std::string text = read_text(profile / "user" / "registrymodifications.xcu");
  EXPECT_EQ(text.rfind("<?xml", 0), 0U);
  EXPECT_NE(text.find("oor:path=\"/org.openoffice.Setup/Product\""), std::string::npos);
  EXPECT_FALSE(fs::exists(profile / "user" / "registrymodifications.xcu.panelpack-tmp"));
}

TEST(ProfileSeed, ProfileWithoutTheItemGetsItAndKeepsItsOwnItems) {
  TemporaryFolder folder;
  const fs::path profile = folder.path() / "profile";
  const std::string own =
      "<item oor:path=\"/org.openoffice.Setup/Office\"><prop oor:name=\"ooSetupInstCompleted\" "
      "oor:op=\"fuse\"><value>true</value></prop></item>\n";
  write_bytes(profile / "user" / "registrymodifications.xcu",
              "<?xml version=\"1.0\"?>\n<oor:items>\n" + own + "</oor:items>\n");
  seed_profile(profile, "7.4");
  EXPECT_EQ(last_version(profile), "7.4");
  const std::string text = read_text(profile / "user" / "registrymodifications.xcu");
  EXPECT_NE(text.find(own), std::string::npos);
  EXPECT_LT(text.find("ooSetupLastVersion"), text.find("</oor:items>"));
}

TEST(ProfileSeed, OlderVersionIsReplacedAndTheSameIsLeftAsItIs) {
  TemporaryFolder folder;
  const fs::path profile = folder.path() / "profile";
  seed_profile(profile, "7.3");
  seed_profile(profile, "7.4");
  EXPECT_EQ(last_version(profile), "7.4");
  const std::string before = read_text(profile / "user" / "registrymodifications.xcu");
  seed_profile(profile, "7.4");
  EXPECT_EQ(read_text(profile / "user" / "registrymodifications.xcu"), before);
}

TEST(ProfileSeed, UnknownVersionLeavesTheProfileToLibreOffice) {
  TemporaryFolder folder;
  seed_profile(folder.path() / "profile", "");
  EXPECT_FALSE(fs::exists(folder.path() / "profile"));
  write_bytes(folder.path() / "kept" / "user" / "registrymodifications.xcu", "not xml");
  seed_profile(folder.path() / "kept", "7.4");
  EXPECT_EQ(read_text(folder.path() / "kept" / "user" / "registrymodifications.xcu"), "not xml");
}

// With the real LibreOffice: the converter seeds each worker's profile with the installed
// version and LibreOffice keeps it, so the next start skips the self-tests too.
TEST(ProfileSeed, RealConversionKeepsTheInstalledVersionInTheProfile) {
  fs::path soffice;
  try {
    soffice = panelpack::pdf::find_soffice({});
  } catch (const std::exception&) {
    GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  }
  const std::string version = installed_version(soffice);
  ASSERT_FALSE(version.empty()) << "no ooSetupVersion beside " << soffice;
  TemporaryFolder folder;
  write_docx(folder.path() / "minutes.docx", {"Minutes"});
  const std::vector<ConversionJob> jobs = {
      {folder.path() / "minutes.docx", folder.path() / "minutes.pdf"}};
  ConverterOptions options;
  options.workers = 1;
  options.scratch = folder.path() / "scratch";
  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);
  ASSERT_EQ(results.size(), 1U);
  EXPECT_TRUE(results[0].ok) << results[0].error;
  EXPECT_EQ(last_version(options.scratch / "worker-1" / "profile"), version);
}

}  // namespace
