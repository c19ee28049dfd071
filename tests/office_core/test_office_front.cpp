// Making a new office and validating office files through office/ alone: what `panelpack init`
// and `panelpack validate` print is these results.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "office/documents/batch_render.hpp"
#include "office/documents/output_pattern.hpp"
#include "office/error.hpp"
#include "office/init.hpp"
#include "office/json_input.hpp"
#include "office/validation/file_validation.hpp"
#include "support/docx_text.hpp"
#include "support/minimal_docx.hpp"
#include "support/temporary_folder.hpp"
#include "templating/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::make_new_office;
using panelpack::office::OfficeError;
using panelpack::office::validate_office_file;

const fs::path kSourceTemplates = fs::path(PANELPACK_SOURCE_DIR) / "templates";

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// `text` validated as a file `name` of a fresh folder, as `kind` or as its keys suggest.
panelpack::office::FileValidation validate_text(const std::string& name, const std::string& text,
                                                std::optional<std::string> kind = std::nullopt) {
  const panelpack::testing::TemporaryFolder folder;
  write(folder.path() / name, text);
  return validate_office_file((folder.path() / name).string(), kind);
}

// The OfficeError `action` throws, or nothing when it throws none.
template <typename Action>
std::optional<OfficeError> office_error_of(Action action) {
  try {
    action();
  } catch (const OfficeError& error) {
    return error;
  }
  return std::nullopt;
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
  const auto error = office_error_of([&] { make_new_office(folder.path(), kSourceTemplates); });
  ASSERT_TRUE(error) << "init wrote into a folder that was not empty";
  EXPECT_EQ(error->code(), OfficeError::Code::bad_input);
  EXPECT_EQ(error->where().file, folder.path().string());
  EXPECT_FALSE(fs::exists(folder.path() / "office.json"));
}

TEST(NewOffice, MissingTemplatesAreAMachineFailureAndWriteNothing) {
  const panelpack::testing::TemporaryFolder folder;
  const auto error = office_error_of(
      [&] { make_new_office(folder.path() / "office", folder.path() / "no-templates"); });
  ASSERT_TRUE(error) << "init made an office without templates";
  EXPECT_EQ(error->code(), OfficeError::Code::machine_failure);
  EXPECT_FALSE(fs::exists(folder.path() / "office"));
}

TEST(FileValidation, SchemaProblemsAreValuesWithLineAndPointer) {
  const auto report = validate_text("bookings.json", "{\n  \"panel\": 7\n}\n", "bookings");
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
  const auto report = validate_text("case.json", "{\n  \"a\": ,\n}\n");
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_EQ(report.problems[0].line, 2);
  EXPECT_GT(report.problems[0].column, 0);
  EXPECT_TRUE(report.schema.empty());
  EXPECT_EQ(report.failure, OfficeError::Code::bad_input);
}

TEST(FileValidation, AnUnknownKindIsNotGuessed) {
  const auto report = validate_text("other.json", "{\"nothing\": true}\n");
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
  const auto error =
      office_error_of([] { validate_office_file("whatever.json", std::string("nonsense")); });
  ASSERT_TRUE(error) << "an unknown schema name was accepted";
  EXPECT_EQ(error->code(), OfficeError::Code::bad_argument);
}

// Counts what the batch reports, from any thread.
class CountingProgress final : public panelpack::office::ProgressSink {
 public:
  void begin(std::string_view, std::size_t total) override { total_ = total; }
  void advance() override { ++done_; }
  void finish() override { ++finished_; }
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  int finished_ = 0;
};

class BatchRender : public ::testing::Test {
 protected:
  // Renders the JSON Lines `jsonl` (as "cases.jsonl") into out/{{ref}}.docx on two threads.
  std::vector<panelpack::office::BatchDocument> render(const std::string& jsonl) {
    batch_ = panelpack::office::read_records(jsonl, "cases.jsonl");
    panelpack::office::OutputPattern pattern((folder_.path() / "out/{{ref}}.docx").string());
    return panelpack::office::render_batch(compiled_, batch_, pattern,
                                           {"template.docx", "cases.jsonl", 2, {}}, progress_);
  }
  // docx_text: "PART\tTEXT" for each part with text.
  std::string text_of(const std::string& name) const {
    return panelpack::testing::docx_text(
        panelpack::templating::read_file(folder_.path() / "out" / name));
  }

  panelpack::testing::TemporaryFolder folder_;
  panelpack::templating::Template compiled_ =
      panelpack::templating::Template::compile(panelpack::test_support::minimal_docx(
          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
          "<w:body><w:p><w:r><w:t>Hello {{name}}</w:t></w:r></w:p></w:body></w:document>"));
  CountingProgress progress_;
  panelpack::office::RecordBatch batch_;  // the records the documents point into
};

TEST_F(BatchRender, WritesOneDocumentPerRecordAndReportsEachAsDone) {
  const auto documents = render(
      "{\"ref\": \"A1\", \"name\": \"Ada\"}\n{\"ref\": \"B2\", \"name\": \"Bo\"}\n"
      "{\"ref\": \"C3\", \"name\": \"Cy\"}\n");
  ASSERT_EQ(documents.size(), 3U);
  for (const auto& document : documents) EXPECT_FALSE(document.failure) << document.location;
  EXPECT_EQ(text_of("A1.docx"), "word/document.xml\tHello Ada\n");
  EXPECT_EQ(text_of("C3.docx"), "word/document.xml\tHello Cy\n");
  EXPECT_EQ(progress_.total_, 3U);
  EXPECT_EQ(progress_.done_.load(), 3U);
  EXPECT_EQ(progress_.finished_, 1);
}

TEST_F(BatchRender, AClashingNameFailsThatRecordOnlyAsBadInput) {
  const auto documents = render(
      "{\"ref\": \"A1\", \"name\": \"Ada\"}\n{\"ref\": \"a1\", \"name\": \"Al\"}\nnot json\n");
  ASSERT_EQ(documents.size(), 3U);
  EXPECT_FALSE(documents[0].failure);
  EXPECT_EQ(documents[1].failure, OfficeError::Code::bad_input);  // A1 and a1 clash on a share
  EXPECT_EQ(documents[1].location, "cases.jsonl:2");
  EXPECT_EQ(documents[2].failure, OfficeError::Code::bad_input);
  EXPECT_EQ(text_of("A1.docx"), "word/document.xml\tHello Ada\n");
  EXPECT_EQ(progress_.total_, 1U);
}

TEST(OutputPattern, RefusesUnescapedTagsAsABadArgument) {
  const auto error =
      office_error_of([] { panelpack::office::OutputPattern pattern("out/{{{ref}}}.docx"); });
  ASSERT_TRUE(error) << "an unescaped tag was accepted";
  EXPECT_EQ(error->code(), OfficeError::Code::bad_argument);
}

}  // namespace

namespace {

// JSON Lines read on several threads: the same records, in the file's order, each bad line
// still its own located error (the render's default reads on every core).
TEST(ReadRecords, ThreadsGiveTheSameRecordsInTheFilesOrder) {
  std::string jsonl;
  for (int i = 1; i <= 60; ++i) {
    if (i % 13 == 0) {
      jsonl += "{\"case_ref\": \"broken\n";  // malformed: a bad record, not a bad batch
    } else if (i % 17 == 0) {
      jsonl += "\n";  // blank: skipped, but it still counts as a line
    } else if (i % 19 == 0) {
      jsonl += "[1, 2]\n";  // not an object
    } else {
      jsonl += "{\"case_ref\": \"C" + std::to_string(i) + "\", \"n\": " + std::to_string(i) + "}\n";
    }
  }
  const auto one = panelpack::office::read_records(jsonl, "cases.jsonl", 1);
  const auto four = panelpack::office::read_records(jsonl, "cases.jsonl", 4);
  ASSERT_EQ(one.records.size(), 57U);  // 60 lines, 3 blank
  ASSERT_EQ(four.records.size(), one.records.size());
  for (std::size_t i = 0; i < one.records.size(); ++i) {
    EXPECT_EQ(four.records[i].number, one.records[i].number);
    EXPECT_EQ(four.records[i].error, one.records[i].error);
    EXPECT_EQ(four.records[i].data, one.records[i].data);
  }
  EXPECT_EQ(four.records[11].number, 12);
  EXPECT_EQ(four.records[11].data.at("case_ref"), "C12");
  EXPECT_EQ(four.records[12].number, 13);
  EXPECT_EQ(four.records[12].error.rfind("cases.jsonl:13:", 0), 0U) << four.records[12].error;
  EXPECT_EQ(four.records[17].number, 19);
  EXPECT_EQ(four.records[17].error, "cases.jsonl:19: the record is not a JSON object ({...})");
}

}  // namespace
