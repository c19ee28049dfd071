// A sitting's decision records written through office/records/decisions.hpp alone, on a copy
// of the sample office: one record per case, the manifest that lists them, a second run that
// replaces the first in one step, and a missing template named. No PDFs (RecordPdfs::none):
// tests/office/test_records.py makes them with LibreOffice in CI.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/machine.hpp"
#include "office/records/decisions.hpp"
#include "office/records/records_manifest.hpp"
#include "office/workspace.hpp"
#include "office_core/sample_office_copy.hpp"
#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"
#include "support/temporary_folder.hpp"
#include "templating/atomic_file.hpp"
#include "text/sha256.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::DecisionsRequest;
using panelpack::office::Machine;
using panelpack::office::OfficeError;
using panelpack::office::RecordNameFields;
using panelpack::office::RecordPdfs;
using panelpack::office::Workspace;
using panelpack::panel::CalendarDate;

const std::vector<std::string> kSittingCases = {"LCS900102", "LCS900103", "LCS900108"};

class DecisionRecords : public ::testing::Test {
 protected:
  fs::path root() const { return office_.root(); }
  fs::path records() const { return root() / "records" / "permanence" / "2026-12-15"; }

  // The sitting of 15 December 2026, whose decisions the sample office holds; records named
  // "CASEREF SUFFIX".
  static DecisionsRequest request(const std::string& suffix) {
    DecisionsRequest request;
    request.panel_id = "permanence";
    request.date = CalendarDate{2026, 12, 15};
    request.now = panelpack::panel::parse_instant("2026-12-16T09:00");
    request.pdfs = RecordPdfs::none;
    request.name = [suffix](const RecordNameFields& fields) {
      return fields.case_ref + " " + suffix;
    };
    return request;
  }

  std::set<std::string> names_in(const fs::path& folder) const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }

 private:
  panelpack::testing::SampleOfficeCopy office_;
};

TEST_F(DecisionRecords, OneRecordPerCaseAndTheManifestListsThemWithTheirHashes) {
  const Workspace workspace = Workspace::open(root());
  const auto result = write_decision_records(workspace, request("decision"));

  EXPECT_EQ(result.folder, records());
  EXPECT_FALSE(result.made_pdfs);
  EXPECT_FALSE(result.note.has_value());
  EXPECT_EQ(result.records_due.iso8601(), "2026-12-22T17:00:00+00:00");  // 5 working days
  ASSERT_EQ(result.records.size(), kSittingCases.size());
  std::set<std::string> expected_names{"manifest.json"};
  for (std::size_t i = 0; i < kSittingCases.size(); ++i) {
    EXPECT_EQ(result.records[i].case_ref, kSittingCases[i]);
    EXPECT_EQ(result.records[i].file, kSittingCases[i] + " decision.docx");
    expected_names.insert(kSittingCases[i] + " decision.docx");
  }
  EXPECT_EQ(names_in(records()), expected_names);

  const auto manifest =
      nlohmann::json::parse(panelpack::templating::read_file(records() / "manifest.json"));
  EXPECT_EQ(manifest.at("panel"), "permanence");
  EXPECT_EQ(manifest.at("date"), "2026-12-15");
  EXPECT_EQ(manifest.at("securityMarking"), "OFFICIAL-SENSITIVE");
  ASSERT_EQ(manifest.at("records").size(), kSittingCases.size());
  for (std::size_t i = 0; i < kSittingCases.size(); ++i) {
    const auto& entry = manifest.at("records")[i];
    const std::string file = kSittingCases[i] + " decision.docx";
    EXPECT_EQ(entry.at("caseRef"), kSittingCases[i]);
    EXPECT_EQ(entry.at("file"), file);
    EXPECT_EQ(entry.at("sha256"),
              panelpack::text::sha256_hex(panelpack::templating::read_file(records() / file)));
    EXPECT_TRUE(entry.at("pdf").is_null());
    EXPECT_EQ(entry.at("childId"), result.records[i].child_id);
  }
  // The minutes reminder reads the same manifest back.
  EXPECT_EQ(recorded_cases(workspace, "permanence", CalendarDate{2026, 12, 15}),
            std::set<std::string>(kSittingCases.begin(), kSittingCases.end()));
}

TEST_F(DecisionRecords, ASecondRunReplacesTheFirstFolderWholeLeavingNoTemporaries) {
  const Workspace workspace = Workspace::open(root());
  write_decision_records(workspace, request("first"));
  const auto result = write_decision_records(workspace, request("second"));

  std::set<std::string> expected{"manifest.json"};
  for (const auto& case_ref : kSittingCases) expected.insert(case_ref + " second.docx");
  EXPECT_EQ(names_in(records()), expected);
  // Beside the folder only its lock file (kept, as every lock file is), no temporary.
  EXPECT_EQ(names_in(records().parent_path()),
            (std::set<std::string>{".2026-12-15.lock", "2026-12-15"}));
  const auto manifest =
      nlohmann::json::parse(panelpack::templating::read_file(records() / "manifest.json"));
  EXPECT_EQ(manifest.at("records")[0].at("file"), kSittingCases[0] + " second.docx");
  EXPECT_EQ(nlohmann::json(result.to_json().at("records")), manifest.at("records"));
}

TEST_F(DecisionRecords, TwoRecordsWithOneNameAreBadInputAndNothingIsWritten) {
  const Workspace workspace = Workspace::open(root());
  auto same = request("unused");
  same.name = [](const RecordNameFields&) { return std::string{"same"}; };
  try {
    write_decision_records(workspace, same);
    FAIL() << "wrote two records with one name";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find("same.docx"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(records()));
}

TEST_F(DecisionRecords, AMissingDecisionTemplateIsBadInputNamingTheFile) {
  {
    auto office = nlohmann::json::parse(panelpack::templating::read_file(root() / "office.json"));
    for (auto& panel : office.at("panels")) {
      if (panel.at("id") == "permanence") {
        panel["templates"]["decision-record"] = "templates/no-such-record.docx";
      }
    }
    std::ofstream(root() / "office.json") << office.dump(2);
  }
  const Workspace workspace = Workspace::open(root());
  try {
    write_decision_records(workspace, request("decision"));
    FAIL() << "wrote records without a template";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find("no-such-record.docx"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(fs::exists(records()));
}

TEST_F(DecisionRecords, NoDecisionsForTheSittingIsBadInputNamingTheFileToWrite) {
  const Workspace workspace = Workspace::open(root());
  auto other = request("decision");
  other.date = CalendarDate{2026, 12, 22};
  try {
    write_decision_records(workspace, other);
    FAIL() << "wrote records without decisions";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_EQ(error.where().file,
              (root() / "decisions" / "permanence" / "2026-12-22.json").string());
  }
}

// A machine whose LibreOffice is not there: the front end named a soffice that does not exist.
Machine without_libreoffice() {
  Machine machine;
  machine.soffice = "/nonexistent/libreoffice/program/soffice";
  return machine;
}

TEST_F(DecisionRecords, WithoutLibreOfficeTheRecordsAreWrittenAndTheNoteIsAValue) {
  const Workspace workspace = Workspace::open(root(), without_libreoffice());
  auto wanted = request("decision");
  wanted.pdfs = RecordPdfs::where_installed;
  const auto result = write_decision_records(workspace, wanted);
  EXPECT_FALSE(result.made_pdfs);
  ASSERT_TRUE(result.note.has_value());
  EXPECT_EQ(result.note->rfind("LibreOffice is not installed, so no PDFs were made", 0), 0U);
  ASSERT_EQ(result.records.size(), kSittingCases.size());
  for (const auto& record : result.records) {
    EXPECT_FALSE(record.pdf.has_value());
    EXPECT_TRUE(fs::is_regular_file(records() / record.file));
  }
}

TEST_F(DecisionRecords, PdfsRequiredWithoutLibreOfficeIsBadInputAndNothingIsWritten) {
  const Workspace workspace = Workspace::open(root(), without_libreoffice());
  auto required = request("decision");
  required.pdfs = RecordPdfs::required;
  try {
    write_decision_records(workspace, required);
    FAIL() << "wrote records without the PDFs asked for";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  }
  EXPECT_FALSE(fs::exists(records()));
}

// Through the pack's batched converter. Skipped without LibreOffice: tests/office/
// test_records.py (test_pdfs_beside_the_records_where_libreoffice_is) makes them in CI.
TEST_F(DecisionRecords, APdfBesideEachRecordListedInTheManifest) {
  try {
    panelpack::pdf::find_soffice({});
  } catch (const panelpack::pdf::PdfError&) {
    GTEST_SKIP() << "LibreOffice is not installed";
  }
  const Workspace workspace = Workspace::open(root());
  auto required = request("decision");
  required.pdfs = RecordPdfs::required;
  const auto result = write_decision_records(workspace, required);
  EXPECT_TRUE(result.made_pdfs);
  EXPECT_FALSE(result.note.has_value());
  const auto manifest =
      nlohmann::json::parse(panelpack::templating::read_file(records() / "manifest.json"));
  ASSERT_EQ(manifest.at("records").size(), kSittingCases.size());
  for (std::size_t i = 0; i < kSittingCases.size(); ++i) {
    const std::string pdf = kSittingCases[i] + " decision.pdf";
    EXPECT_EQ(manifest.at("records")[i].at("pdf"), pdf);
    EXPECT_EQ(panelpack::templating::read_file(records() / pdf).substr(0, 5), "%PDF-");
  }
}

}  // namespace
