#pragma once
// Helpers the PDF tests share: a temporary folder, running a program without a shell, and
// making small PDF, DOCX and ODT inputs at test time.

#include <filesystem>
#include <string>
#include <vector>

namespace panelpack::pdf::testing {

// A fresh folder under the system temp folder, removed with everything in it.
class TemporaryFolder {
 public:
  TemporaryFolder();
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// What a program printed on stdout and how it ended (-1 when it could not be run or did not
// exit normally).
struct ProgramOutput {
  int exit_status = -1;
  std::string out;
};

// Runs argv[0] (looked up on PATH) with stdin from /dev/null and stderr discarded.
ProgramOutput run_program(const std::vector<std::string>& argv);

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

}  // namespace panelpack::pdf::testing
