// A paper uploaded through the console (office/sitting/paper_upload.hpp) on a copy of the sample
// office: its type told by its bytes, never its name; a document stored under papers/CASEREF/
// and recorded received; anything else, or a form opened on an older version of the bookings,
// stores and records nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "office/sitting/bookings_version.hpp"
#include "office/sitting/paper_upload.hpp"
#include "office/views/sitting_view.hpp"
#include "office_core/sample_office_copy.hpp"
#include "support/temporary_folder.hpp"
#include "templating/zip_archive.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
using office::PaperFileKind;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

const fs::path kTemplates = fs::path(PANELPACK_SOURCE_DIR) / "templates";

class PaperUpload : public ::testing::Test {
 protected:
  // `bytes` as the upload folder's file, the way the console leaves it.
  fs::path uploaded(const std::string& bytes) const {
    const fs::path file = uploads_.path() / "upload";
    SampleOfficeCopy::write(file, bytes);
    return file;
  }
  std::string bookings_text() const {
    return SampleOfficeCopy::read(office_.root() / "bookings" / "permanence" / "2026-12-15.json");
  }
  std::string version() const {
    return office::bookings_version(office_.open(), "permanence", day("2026-12-15"));
  }
  office::PaperUploadRequest chronology_of_108(const fs::path& file) const {
    return {{"permanence", day("2026-12-15")}, "LCS900108", "chronology", file, now};
  }

  SampleOfficeCopy office_;
  panelpack::testing::TemporaryFolder uploads_;
  const panelpack::panel::UtcInstant now = at("2026-12-14T09:00");
};

TEST_F(PaperUpload, TheKindIsToldByTheBytes) {
  EXPECT_EQ(office::paper_file_kind(kTemplates / "report.docx"), PaperFileKind::docx);
  EXPECT_EQ(office::paper_file_kind(kTemplates / "report.odt"), PaperFileKind::odt);
  EXPECT_EQ(office::paper_file_kind(uploaded("%PDF-1.7\n%fake but headed\n")), PaperFileKind::pdf);
  EXPECT_EQ(office::paper_file_kind(uploaded("Only text, though named care-plan.pdf\n")),
            std::nullopt);
  // A zip that is neither package: a spreadsheet's mimetype, then no mimetype and no Word part.
  panelpack::templating::ZipWriter sheet;
  sheet.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
  EXPECT_EQ(office::paper_file_kind(uploaded(sheet.finish())), std::nullopt);
  panelpack::templating::ZipWriter other;
  other.add("[Content_Types].xml", "<Types/>");
  EXPECT_EQ(office::paper_file_kind(uploaded(other.finish())), std::nullopt);
  EXPECT_EQ(office::paper_file_kind(uploads_.path() / "no such file"), std::nullopt);
}

TEST_F(PaperUpload, ADocumentIsStoredUnderItsCaseAndRecordedLateAfterTheDeadline) {
  const std::string docx = SampleOfficeCopy::read(kTemplates / "report.docx");
  const office::PaperUploadResult result =
      office::record_uploaded_paper(office_.open(), chronology_of_108(uploaded(docx)), version());
  ASSERT_TRUE(result.done()) << result.booking.message;
  EXPECT_EQ(result.stored_as, "papers/LCS900108/chronology-2026-12-14-090000.docx");
  EXPECT_EQ(SampleOfficeCopy::read(office_.root() / result.stored_as), docx);
  EXPECT_TRUE(fs::exists(uploads_.path() / "upload"));  // the caller's to remove
  const office::SittingView view =
      office::sitting_view(office_.open(), "permanence", day("2026-12-15"), now);
  ASSERT_EQ(view.papers.at(2).case_ref, "LCS900108");
  EXPECT_EQ(view.papers[2].cells.at(2).paper_type, "chronology");
  EXPECT_EQ(view.papers[2].cells[2].state, office::PaperCellState::late);
  EXPECT_NE(bookings_text().find(result.stored_as), std::string::npos);
}

TEST_F(PaperUpload, TextNamedAsAPdfStoresAndRecordsNothing) {
  const std::string before = bookings_text();
  const office::PaperUploadResult result = office::record_uploaded_paper(
      office_.open(), chronology_of_108(uploaded("not a PDF at all\n")), version());
  ASSERT_TRUE(result.not_a_document.has_value());
  EXPECT_NE(result.not_a_document->find("not a Word document (DOCX)"), std::string::npos);
  EXPECT_FALSE(result.done());
  EXPECT_EQ(bookings_text(), before);
  EXPECT_FALSE(fs::exists(office_.root() / "papers" / "LCS900108"));
}

TEST_F(PaperUpload, AFormOpenedOnAnOlderVersionStoresAndRecordsNothing) {
  const std::string opened_on = version();
  const office::BookingResult booked = office::book_case(
      office_.open(), {{"permanence", day("2026-12-15")}, "LCS900110", {}, {}, {}, now});
  ASSERT_TRUE(booked.done()) << booked.message;
  const std::string before = bookings_text();
  const office::PaperUploadResult result = office::record_uploaded_paper(
      office_.open(),
      chronology_of_108(uploaded(SampleOfficeCopy::read(kTemplates / "report.docx"))), opened_on);
  EXPECT_EQ(result.booking.refused, office::BookingRefusal::sitting_changed);
  EXPECT_EQ(bookings_text(), before);
  EXPECT_FALSE(fs::exists(office_.root() / "papers" / "LCS900108"));
}

}  // namespace
