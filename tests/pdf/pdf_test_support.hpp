#pragma once
// Helpers the PDF tests share: making small PDF, DOCX and ODT inputs at test time, reading a
// page's text, the error an action throws; and, from tests/support, a temporary folder and
// running a program.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pdf/pdf_error.hpp"
#include "support/run_program.hpp"
#include "support/temporary_folder.hpp"

namespace panelpack::pdf::testing {

using panelpack::testing::ProgramOutput;
using panelpack::testing::run_program;
using panelpack::testing::TemporaryFolder;

// A PDF with one page per text, each drawn in Helvetica (so pdftotext reads it back).
void write_text_pdf(const std::filesystem::path& path, const std::vector<std::string>& page_texts);

// The text pdftotext reads on one page (1-based), whitespace trimmed at both ends.
std::string pdftotext_page(const std::filesystem::path& pdf, int page);

// A minimal DOCX ([Content_Types].xml, _rels/.rels, word/document.xml), one paragraph per text.
void write_docx(const std::filesystem::path& path, const std::vector<std::string>& paragraphs);

// A minimal ODT (mimetype stored first, manifest, content.xml), one paragraph per text.
void write_odt(const std::filesystem::path& path, const std::vector<std::string>& paragraphs);

// Writes bytes to a file, replacing it (test set-up: throws on failure).
void write_bytes(const std::filesystem::path& path, const std::string& bytes);

// The code and where() (the file) of the PdfError `action` throws, or "no error".
template <typename Action>
std::pair<std::string, std::string> pdf_error_of(Action action) {
  try {
    action();
  } catch (const PdfError& error) {
    return {error.code(), error.where()};
  }
  return {"no error", ""};
}

}  // namespace panelpack::pdf::testing
