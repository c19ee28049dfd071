#pragma once
// Joining PDFs into one with a bookmark (outline item) per section and per document, through
// qpdf. qpdf never appears outside pdf_merge.cpp.

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace panelpack::pdf {

// One document of a section, with the bookmark title it gets ("Referral").
struct OutlineDocument {
  std::filesystem::path pdf;
  std::string title;
};

// A run of documents under one top-level bookmark ("Agenda", or one case).
struct OutlineSection {
  std::string title;
  std::vector<OutlineDocument> documents;
};

struct MergeOptions {
  std::string document_title;  // the PDF's /Info /Title, shown by viewers; empty: none
  // Set: the PDF is encrypted with AES-256 (PDF 2.0 security handler, R6) and opens only with
  // this password; empty: not encrypted. It is kept no longer than the write.
  std::string password;
};

// Writes one PDF of every section's documents in order. Each section gets a top-level
// bookmark at its first page; a section of more than one document gets a child bookmark at
// each document's first page (one document: no children). Bookmarks are open, and the PDF
// opens with the bookmarks panel shown. Titles are UTF-8. The output is written beside
// `output` and renamed over it, so it is never seen half written. Throws PdfError
// "not_a_pdf" naming an input qpdf cannot read, "merge_failed" for nothing to merge (no
// sections, an empty section, a PDF without pages), "write_failed" naming the output.
void merge_with_outline(std::span<const OutlineSection> sections,
                        const std::filesystem::path& output, const MergeOptions& options = {});

// One bookmark as read back: page is 0-based (-1 when it points at no page of the file), level
// 0 is the top.
struct OutlineEntry {
  std::string title;
  int level = 0;
  int page = 0;

  bool operator==(const OutlineEntry&) const = default;
};

// The bookmarks in document order (depth first), as qpdf reads them: for tests and for
// checking a pack. Throws PdfError "not_a_pdf".
std::vector<OutlineEntry> read_outline(const std::filesystem::path& pdf);

// `password` opens an encrypted PDF. Throws PdfError "not_a_pdf".
int page_count(const std::filesystem::path& pdf, const std::string& password = "");

// Whether the PDF is encrypted: it needs a password to open, or says it is encrypted. Throws
// PdfError "not_a_pdf" for a file that is not a PDF.
bool is_encrypted(const std::filesystem::path& pdf);

}  // namespace panelpack::pdf
