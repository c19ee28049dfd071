#include "office/sitting/paper_upload.hpp"

#include <cstdio>
#include <system_error>

#include "office/error.hpp"
#include "office/files.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// An upload is capped well below this by the console; the check reads the whole file.
constexpr std::uintmax_t kLargestChecked = 64ULL << 20;

std::optional<PaperFileKind> zip_kind(std::string bytes) {
  try {
    const templating::ZipReader zip(std::move(bytes));
    // An ODF package names its type in a "mimetype" entry; a Word package has a main part.
    if (zip.find("mimetype")) {
      if (zip.read("mimetype") == "application/vnd.oasis.opendocument.text") {
        return PaperFileKind::odt;
      }
      return std::nullopt;
    }
    if (zip.find("[Content_Types].xml") && zip.find("word/document.xml")) {
      const std::string types = zip.read("[Content_Types].xml");
      if (types.find("wordprocessingml.document.main+xml") != std::string::npos) {
        return PaperFileKind::docx;
      }
    }
  } catch (const std::exception&) {
    // Not a zip, or one the reader refuses: not a document either way.
  }
  return std::nullopt;
}

// "care-plan-2026-12-05-093412.docx": the type, and when it arrived (London time).
std::string stored_name(const std::string& paper_type, panel::UtcInstant now, PaperFileKind kind) {
  const panel::LondonTime local = panel::utc_to_local(now);
  const auto seconds = now.time_since_epoch().count() % 60;
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d%02d%02d", local.time.hour, local.time.minute,
                static_cast<int>(seconds));
  return paper_type + "-" + local.date.iso() + "-" + clock + "." + std::string(extension_of(kind));
}

}  // namespace

std::optional<PaperFileKind> paper_file_kind(const fs::path& file) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(file, error);
  if (error || size < 5 || size > kLargestChecked) return std::nullopt;
  std::string bytes = read_input(file.string());
  if (bytes.starts_with("%PDF-")) return PaperFileKind::pdf;
  if (bytes.starts_with("PK\x03\x04")) return zip_kind(std::move(bytes));
  return std::nullopt;
}

std::string_view extension_of(PaperFileKind kind) {
  switch (kind) {
    case PaperFileKind::docx:
      return "docx";
    case PaperFileKind::odt:
      return "odt";
    case PaperFileKind::pdf:
      return "pdf";
  }
  return "";
}

PaperUploadResult record_uploaded_paper(const Workspace& workspace,
                                        const PaperUploadRequest& request,
                                        const std::string& expected_version) {
  PaperUploadResult result;
  const std::optional<PaperFileKind> kind = paper_file_kind(request.file);
  if (!kind) {
    result.not_a_document =
        "The file is not a Word document (DOCX), an OpenDocument text (ODT) or a PDF. Save it "
        "as one of those and upload it again";
    return result;
  }
  // record_received_paper keeps the file's own name in papers/CASEREF/: give it the right one.
  const fs::path named =
      request.file.parent_path() / stored_name(request.paper_type, request.now, *kind);
  std::error_code error;
  fs::rename(request.file, named, error);
  if (error) {
    throw OfficeError(
        OfficeError::Code::machine_failure,
        "could not name the uploaded paper " + named.string() + ": " + error.message());
  }
  ReceivedPaperRequest received{
      request.sitting, request.case_ref, request.paper_type, std::nullopt, named, "", request.now};
  result.booking = record_received_paper(workspace, received, expected_version);
  fs::rename(named, request.file, error);  // the caller removes the file it made
  if (result.booking.done()) {
    result.stored_as =
        (fs::path("papers") / result.booking.case_ref / named.filename()).generic_string();
  }
  return result;
}

}  // namespace panelpack::office
