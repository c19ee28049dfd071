// Making a new office and validating office files through office/ alone: what `panelpack init`
// and `panelpack validate` print is these results.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "office/error.hpp"
#include "office/init.hpp"
#include "office/validation/file_validation.hpp"
#include "support/temporary_folder.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::make_new_office;
using panelpack::office::OfficeError;
using panelpack::office::validate_office_file;

const fs::path kSourceTemplates = fs::path(PANELPACK_SOURCE_DIR) / "templates";

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(NewOffice, HasTheEmbeddedFilesEmptyFoldersAndTheTemplates) {
  const panelpack::testing::TemporaryFolder folder;
  const auto made = make_new_office(folder.path() / "office", kSourceTemplates);
  EXPECT_EQ(made.office_json, folder.path() / "office" / "office.json");
  EXPECT_TRUE(fs::is_regular_file(made.office_json));
  EXPECT_TRUE(fs::is_regular_file(made.folder / "README.md"));
  for (const char* name : {"cases", "bookings", "decisions"}) {
    EXPECT_TRUE(fs::is_directory(made.folder / name)) << name;
    EXPECT_TRUE(fs::is_empty(made.folder / name)) << name;
  }
  EXPECT_TRUE(fs::is_regular_file(made.folder / "templates" / "agenda.docx"));
}

TEST(NewOffice, TheOfficeItWritesIsValid) {
  const panelpack::testing::TemporaryFolder folder;
  const auto made = make_new_office(folder.path() / "office", kSourceTemplates);
  const auto report = validate_office_file(made.office_json.string(), std::nullopt);
  EXPECT_EQ(report.schema, "office");
  EXPECT_TRUE(report.valid());
  EXPECT_FALSE(report.failure.has_value());
}

TEST(NewOffice, RefusesAFolderThatIsNotEmptyAndLeavesItAlone) {
  const panelpack::testing::TemporaryFolder folder;
  write(folder.path() / "notes.txt", "mine");
  try {
    make_new_office(folder.path(), kSourceTemplates);
    FAIL() << "init wrote into a folder that was not empty";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_EQ(error.where().file, folder.path().string());
  }
  EXPECT_FALSE(fs::exists(folder.path() / "office.json"));
}

TEST(NewOffice, MissingTemplatesAreAMachineFailureAndWriteNothing) {
  const panelpack::testing::TemporaryFolder folder;
  try {
    make_new_office(folder.path() / "office", folder.path() / "no-templates");
    FAIL() << "init made an office without templates";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::machine_failure);
  }
  EXPECT_FALSE(fs::exists(folder.path() / "office"));
}

TEST(FileValidation, SchemaProblemsAreValuesWithLineAndPointer) {
  const panelpack::testing::TemporaryFolder folder;
  const fs::path file = folder.path() / "bookings.json";
  write(file, "{\n  \"panel\": 7\n}\n");
  const auto report = validate_office_file(file.string(), std::string("bookings"));
  EXPECT_EQ(report.schema, "bookings");
  ASSERT_FALSE(report.valid());
  EXPECT_EQ(report.failure, OfficeError::Code::bad_input);
  bool found_panel = false;
  for (const auto& problem : report.problems) {
    if (problem.pointer == "/panel") {
      found_panel = true;
      EXPECT_EQ(problem.line, 2);
      EXPECT_EQ(problem.code, "type");
    }
  }
  EXPECT_TRUE(found_panel);
}

TEST(FileValidation, MalformedJsonHasItsColumn) {
  const panelpack::testing::TemporaryFolder folder;
  const fs::path file = folder.path() / "case.json";
  write(file, "{\n  \"a\": ,\n}\n");
  const auto report = validate_office_file(file.string(), std::nullopt);
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_EQ(report.problems[0].line, 2);
  EXPECT_GT(report.problems[0].column, 0);
  EXPECT_TRUE(report.schema.empty());
  EXPECT_EQ(report.failure, OfficeError::Code::bad_input);
}

TEST(FileValidation, AnUnknownKindIsNotGuessed) {
  const panelpack::testing::TemporaryFolder folder;
  const fs::path file = folder.path() / "other.json";
  write(file, "{\"nothing\": true}\n");
  const auto report = validate_office_file(file.string(), std::nullopt);
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_EQ(report.problems[0].code, "unknown_schema");
  EXPECT_EQ(report.failure, OfficeError::Code::bad_input);
}

TEST(FileValidation, AMissingFileIsUnreadableNotThrown) {
  const panelpack::testing::TemporaryFolder folder;
  const auto report = validate_office_file((folder.path() / "none.json").string(), std::nullopt);
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_EQ(report.problems[0].code, "unreadable");
  ASSERT_TRUE(report.failure.has_value());
}

TEST(FileValidation, AnUnknownSchemaNameIsABadArgument) {
  try {
    validate_office_file("whatever.json", std::string("nonsense"));
    FAIL() << "an unknown schema name was accepted";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_argument);
  }
}

}  // namespace
