#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "pdf/pdf_error.hpp"
#include "pdf/pdf_merge.hpp"
#include "pdf_test_support.hpp"

namespace fs = std::filesystem;
using panelpack::pdf::merge_with_outline;
using panelpack::pdf::MergeOptions;
using panelpack::pdf::OutlineDocument;
using panelpack::pdf::OutlineEntry;
using panelpack::pdf::OutlineSection;
using panelpack::pdf::page_count;
using panelpack::pdf::PdfError;
using panelpack::pdf::read_outline;
using panelpack::pdf::testing::pdf_error_of;
using panelpack::pdf::testing::pdftotext_page;
using panelpack::pdf::testing::run_program;
using panelpack::pdf::testing::TemporaryFolder;
using panelpack::pdf::testing::write_bytes;
using panelpack::pdf::testing::write_text_pdf;

namespace {

const std::string kCaseTitle = "Ŵ 2. LCS900102 — Zoë";

// Inputs of 1, 2, 3 and 1 pages, each page saying which document and page it is.
class PdfMerge : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text_pdf(agenda_, {"Agenda page 1"});
    write_text_pdf(referral_, {"Referral page 1", "Referral page 2"});
    write_text_pdf(report_, {"Report page 1", "Report page 2", "Report page 3"});
    write_text_pdf(matching_, {"Matching page 1"});
  }

  // An agenda, a case of two papers with a non-ASCII title, a case of one paper.
  std::vector<OutlineSection> sitting() const {
    return {{"Agenda", {{agenda_, "Agenda"}}},
            {kCaseTitle, {{referral_, "Referral"}, {report_, "Child’s permanence report"}}},
            {"3. LCS900103", {{matching_, "Matching"}}}};
  }

  TemporaryFolder folder_;
  fs::path agenda_ = folder_.path() / "agenda.pdf";
  fs::path referral_ = folder_.path() / "referral.pdf";
  fs::path report_ = folder_.path() / "report with spaces 'quoted'.pdf";
  fs::path matching_ = folder_.path() / "matching.pdf";
  fs::path output_ = folder_.path() / "pack.pdf";
};

TEST_F(PdfMerge, PagesOfEverySectionComeInOrder) {
  merge_with_outline(sitting(), output_, {.document_title = "Panel 9 March 2026", .password = ""});

  ASSERT_EQ(page_count(output_), 7);
  const std::vector<std::string> expected = {"Agenda page 1",  "Referral page 1", "Referral page 2",
                                             "Report page 1",  "Report page 2",   "Report page 3",
                                             "Matching page 1"};
  for (int page = 1; page <= 7; ++page) {
    EXPECT_EQ(pdftotext_page(output_, page), expected[static_cast<std::size_t>(page - 1)])
        << "page " << page;
  }
}

TEST_F(PdfMerge, BookmarkPerSectionAndPerDocumentOfALongerSection) {
  merge_with_outline(sitting(), output_);

  const std::vector<OutlineEntry> expected = {{"Agenda", 0, 0},
                                              {kCaseTitle, 0, 1},
                                              {"Referral", 1, 1},
                                              {"Child’s permanence report", 1, 3},
                                              {"3. LCS900103", 0, 6}};
  EXPECT_EQ(read_outline(output_), expected);
}

// qpdf's command-line tool (JSON v2) reads the same tree: titles, pages, nesting.
TEST_F(PdfMerge, QpdfToolReadsTheSameOutline) {
  merge_with_outline(sitting(), output_);

  const auto output = run_program({"qpdf", "--json=2", "--json-key=outlines", output_.string()});
  ASSERT_EQ(output.exit_status, 0);
  const nlohmann::json outlines = nlohmann::json::parse(output.out).at("outlines");
  ASSERT_EQ(outlines.size(), 3U);
  EXPECT_EQ(outlines[0].at("title"), "Agenda");
  EXPECT_EQ(outlines[0].at("destpageposfrom1"), 1);
  EXPECT_TRUE(outlines[0].at("kids").empty());
  EXPECT_EQ(outlines[1].at("title"), kCaseTitle);
  EXPECT_EQ(outlines[1].at("destpageposfrom1"), 2);
  const nlohmann::json& papers = outlines[1].at("kids");
  ASSERT_EQ(papers.size(), 2U);
  EXPECT_EQ(papers[0].at("title"), "Referral");
  EXPECT_EQ(papers[0].at("destpageposfrom1"), 2);
  EXPECT_EQ(papers[1].at("title"), "Child’s permanence report");
  EXPECT_EQ(papers[1].at("destpageposfrom1"), 4);
  EXPECT_TRUE(papers[1].at("kids").empty());
  EXPECT_EQ(outlines[2].at("title"), "3. LCS900103");
  EXPECT_EQ(outlines[2].at("destpageposfrom1"), 7);
  EXPECT_TRUE(outlines[2].at("kids").empty());
}

// The catalogue and /Count values viewers rely on: bookmarks panel shown, items open.
TEST_F(PdfMerge, OpensWithBookmarksPanelAndOpenCounts) {
  merge_with_outline(sitting(), output_, {.document_title = kCaseTitle, .password = ""});

  QPDF pdf;
  pdf.processFile(output_.c_str());
  QPDFObjectHandle root = pdf.getRoot();
  EXPECT_EQ(root.getKey("/PageMode").getName(), "/UseOutlines");
  QPDFObjectHandle outlines = root.getKey("/Outlines");
  EXPECT_EQ(outlines.getKey("/Count").getIntValueAsInt(), 5);
  QPDFObjectHandle case_item = outlines.getKey("/First").getKey("/Next");
  EXPECT_EQ(case_item.getKey("/Count").getIntValueAsInt(), 2);
  EXPECT_EQ(case_item.getKey("/Last").getKey("/Prev").getKey("/Title").getUTF8Value(), "Referral");
  EXPECT_FALSE(outlines.getKey("/First").hasKey("/Count"));
  EXPECT_EQ(pdf.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value(), kCaseTitle);
}

// pdfinfo (poppler) decodes the UTF-16 title independently of qpdf.
TEST_F(PdfMerge, DocumentTitleIsUnicode) {
  merge_with_outline(sitting(), output_, {.document_title = kCaseTitle, .password = ""});

  const auto output = run_program({"pdfinfo", "-enc", "UTF-8", output_.string()});
  ASSERT_EQ(output.exit_status, 0);
  EXPECT_NE(output.out.find("Title:           " + kCaseTitle + "\n"), std::string::npos)
      << output.out;
}

TEST_F(PdfMerge, NoDocumentTitleLeavesInfoOut) {
  merge_with_outline(sitting(), output_);

  QPDF pdf;
  pdf.processFile(output_.c_str());
  EXPECT_FALSE(pdf.getTrailer().hasKey("/Info"));
}

TEST_F(PdfMerge, SameFileInTwoSectionsIsCopiedTwice) {
  const std::vector<OutlineSection> sections = {{"First", {{agenda_, "Agenda"}}},
                                                {"Second", {{agenda_, "Agenda"}}}};
  merge_with_outline(sections, output_);

  EXPECT_EQ(page_count(output_), 2);
  const std::vector<OutlineEntry> expected = {{"First", 0, 0}, {"Second", 0, 1}};
  EXPECT_EQ(read_outline(output_), expected);
}

TEST_F(PdfMerge, NonPdfInputThrowsNotAPdfNamingTheFile) {
  const fs::path notes = folder_.path() / "notes.pdf";
  write_bytes(notes, "These are typed notes, not a PDF.\n");
  std::vector<OutlineSection> sections = sitting();
  sections[1].documents.push_back({notes, "Notes"});

  EXPECT_EQ(pdf_error_of([&] { merge_with_outline(sections, output_); }),
            std::make_pair(std::string("not_a_pdf"), notes.string()));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(PdfMerge, MissingInputThrowsNotAPdfNamingTheFile) {
  const fs::path missing = folder_.path() / "missing.pdf";
  const std::vector<OutlineSection> sections = {{"Case", {{missing, "Referral"}}}};

  EXPECT_EQ(pdf_error_of([&] { merge_with_outline(sections, output_); }),
            std::make_pair(std::string("not_a_pdf"), missing.string()));
}

TEST_F(PdfMerge, NothingToMergeThrowsMergeFailed) {
  EXPECT_EQ(pdf_error_of([&] { merge_with_outline({}, output_); }).first, "merge_failed");
  const std::vector<OutlineSection> empty_section = {{"Agenda", {{agenda_, "Agenda"}}},
                                                     {"Case", {}}};
  EXPECT_EQ(pdf_error_of([&] { merge_with_outline(empty_section, output_); }),
            std::make_pair(std::string("merge_failed"), std::string("section 2")));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(PdfMerge, UnwritableOutputThrowsWriteFailedAndKeepsTheOldFile) {
  const fs::path nowhere = folder_.path() / "no such folder" / "pack.pdf";
  EXPECT_EQ(pdf_error_of([&] { merge_with_outline(sitting(), nowhere); }),
            std::make_pair(std::string("write_failed"), nowhere.string()));

  // A failed merge leaves an existing output as it was, and no temporary file beside it.
  write_bytes(output_, "old pack");
  std::vector<OutlineSection> broken = sitting();
  broken[2].documents[0].pdf = folder_.path() / "missing.pdf";
  EXPECT_EQ(pdf_error_of([&] { merge_with_outline(broken, output_); }).first, "not_a_pdf");
  EXPECT_EQ(fs::file_size(output_), 8U);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder_.path())) ++files;
  EXPECT_EQ(files, 5U);  // the four inputs and the old pack
}

TEST_F(PdfMerge, ReplacesAnExistingOutput) {
  write_bytes(output_, "old pack");
  merge_with_outline(sitting(), output_);
  EXPECT_EQ(page_count(output_), 7);
}

TEST_F(PdfMerge, PdfWithoutBookmarksHasAnEmptyOutline) {
  EXPECT_TRUE(read_outline(referral_).empty());
  EXPECT_EQ(page_count(referral_), 2);
}

TEST_F(PdfMerge, ReadingANonPdfThrowsNotAPdf) {
  const fs::path notes = folder_.path() / "notes.txt";
  write_bytes(notes, "not a PDF");
  EXPECT_EQ(pdf_error_of([&] { page_count(notes); }),
            std::make_pair(std::string("not_a_pdf"), notes.string()));
  EXPECT_EQ(pdf_error_of([&] { read_outline(notes); }),
            std::make_pair(std::string("not_a_pdf"), notes.string()));
}

}  // namespace
