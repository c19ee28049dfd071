#include "office/intake/paper_checks.hpp"

#include <string_view>
#include <system_error>

#include "office/files.hpp"
#include "pdf/pdf_error.hpp"
#include "pdf/pdf_merge.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// The start of an OLE compound file: a .doc, or a Word file saved with a password (Office
// wraps an encrypted DOCX in one).
constexpr std::string_view kOleMagic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};

PaperCheck refuse(std::string why) {
  return {std::nullopt, std::move(why)};
}

const char* kNotADocument =
    "it is not a Word document (DOCX), an OpenDocument text (ODT) or a PDF: save it as one of "
    "those and send it again";

// A zip is read with room to spare: our own limits below decide, with words for the sender.
templating::ZipLimits generous_limits() {
  templating::ZipLimits limits;
  limits.max_total_uncompressed = UINT64_MAX / 4;
  limits.max_entry_uncompressed = UINT64_MAX / 4;
  limits.max_compression_ratio = 1e12;
  return limits;
}

PaperCheck check_zip(std::string bytes) {
  const auto size = static_cast<std::uint64_t>(bytes.size());
  std::uint64_t unpacked = 0;
  bool encrypted = false;
  try {
    const templating::ZipReader zip(std::move(bytes), generous_limits());
    for (const templating::ZipEntry& entry : zip.entries()) {
      unpacked += entry.size;
      encrypted = encrypted || entry.encrypted;
    }
  } catch (const std::exception&) {
    return refuse(
        "the file is damaged: it cannot be opened as a document. Save it again and send the "
        "new copy");
  }
  if (unpacked > kMostUnpackedBytes || unpacked > kMostUnpackedRatio * size) {
    return refuse(
        "it unpacks to far more than a document does (" + megabytes(unpacked) + " from a file of " +
        megabytes(size) +
        "), so it was not opened. Save the document again from Word or LibreOffice and send "
        "the new copy");
  }
  if (encrypted) return refuse("it is password-protected: send it without a password");
  return {};
}

}  // namespace

std::string megabytes(std::uint64_t bytes) {
  const std::uint64_t tenths = (bytes * 10 + (1ULL << 19)) >> 20;
  if (tenths % 10 == 0 || tenths >= 100) return std::to_string((tenths + 5) / 10) + " MB";
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

PaperCheck check_paper_file(const fs::path& file, std::uint64_t max_bytes) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(file, error);
  if (error) return refuse("the file could not be read");
  if (size > max_bytes) {
    return refuse("it is " + megabytes(size) + ", larger than the " + megabytes(max_bytes) +
                  " the panel mailbox takes: send it in parts, or ask the panel administrator "
                  "for another way");
  }
  std::string bytes = read_input(file.string());
  if (bytes.starts_with(kOleMagic)) {
    // A password-protected Word file is this; so is an old .doc, which Word can save anew.
    return refuse(
        "it is password-protected: send it without a password (or, if it is an old Word .doc "
        "file, save it as .docx and send that)");
  }
  if (bytes.starts_with("PK\x03\x04")) {
    if (PaperCheck zip = check_zip(bytes); !zip.refusal.empty()) return zip;
  } else if (bytes.starts_with("%PDF-")) {
    try {
      if (pdf::is_encrypted(file))
        return refuse("it is password-protected: send it without a password");
    } catch (const pdf::PdfError&) {
      return refuse(
          "the PDF is damaged: it cannot be opened. Save or print it to PDF again and send the "
          "new copy");
    }
  } else {
    return refuse(kNotADocument);
  }
  // A zip that opens but is not a DOCX or ODT (no main part), or a PDF that did open.
  const std::optional<PaperFileKind> kind = paper_file_kind(file);
  if (!kind) {
    if (bytes.starts_with("PK")) {
      return refuse(
          "it is not a Word document (DOCX) or an OpenDocument text (ODT): its main part is "
          "missing, so it may be damaged or another kind of file. Save it again as DOCX, ODT "
          "or PDF and send the new copy");
    }
    return refuse(kNotADocument);
  }
  return {kind, ""};
}

}  // namespace panelpack::office
