#pragma once
// A paper that arrives as an uploaded file (the console's Sitting page): its type is told from
// its content, never its name (a DOCX or ODT is a zip with the right entries, a PDF starts
// "%PDF-"), it is stored as papers/CASEREF/TYPE-DATE-TIME.EXT and recorded received now, on
// time or late by the panel's papers deadline, through record_received_paper (booking.hpp),
// under the sitting's lock and against the version of the bookings the form was opened on.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

enum class PaperFileKind { docx, odt, pdf };

// What the file is by its bytes; nothing when it is none of the three (or cannot be read).
std::optional<PaperFileKind> paper_file_kind(const std::filesystem::path& file);

// "docx", "odt", "pdf"
std::string_view extension_of(PaperFileKind kind);

struct PaperUploadRequest {
  SittingId sitting;
  std::string case_ref;
  std::string paper_type;  // a code of paper_types.hpp
  // The uploaded bytes, in a folder of their own outside the office (it is renamed there to
  // the name the paper is stored under, then copied into papers/CASEREF/).
  std::filesystem::path file;
  panel::UtcInstant now;
};

struct PaperUploadResult {
  // Set: the file is not a DOCX, ODT or PDF; nothing was stored or recorded. The words say so.
  std::optional<std::string> not_a_document;
  BookingResult booking;  // record_received_paper's result when the file was one
  std::string stored_as;  // "papers/LCS900102/care-plan-2026-12-05-0934.docx" when recorded

  bool done() const { return !not_a_document && booking.done(); }
};

// Throws OfficeError as record_received_paper does (files that cannot be read or written).
PaperUploadResult record_uploaded_paper(const Workspace& workspace,
                                        const PaperUploadRequest& request,
                                        const std::string& expected_version);

}  // namespace panelpack::office
