#pragma once
// DOCX and ODT documents to PDF through LibreOffice run headless, several processes at once.
// Each worker runs one soffice at a time with its own profile, in its own process group, and
// gives each soffice a batch of documents, so that they share its start-up.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace panelpack::pdf {

// One document to convert, and where its PDF goes (moved there by rename).
struct ConversionJob {
  std::filesystem::path input;
  std::filesystem::path output_pdf;
};

// Why a conversion failed, so that callers branch on a value rather than on the message.
enum class ConversionFailure {
  none,
  input_missing,      // the input file does not exist
  could_not_start,    // soffice could not be started, or its scratch folder not made
  timed_out,          // killed (with its whole process group) after the timeout
  exited_with_error,  // soffice exited with a non-zero status or was killed by a signal
  no_pdf,             // soffice exited 0 but wrote no PDF: it could not open the file
  could_not_move,     // the PDF was written but could not be moved to output_pdf
};

// The outcome of one job; results come in the order of the jobs.
struct ConversionResult {
  std::filesystem::path input;
  bool ok = false;
  // For a person: "timed out after 120 s", "LibreOffice exited with status 1: <last stderr
  // line>", "LibreOffice wrote no PDF (it could not open the file)".
  std::string error;
  ConversionFailure failure = ConversionFailure::none;
};

struct ConverterOptions {
  // Empty: "soffice" on PATH, then /usr/bin/soffice, /usr/lib/libreoffice/program/soffice.
  std::filesystem::path soffice;
  // Parallel soffice processes, each with its own profile; 0 counts as 1.
  unsigned workers = 2;
  // Most documents one soffice run converts (they share its start-up of about a second): the
  // jobs are shared evenly between the workers in batches of up to this many. A document that
  // gets no PDF in a batch is converted again alone. 0 counts as 1: one run per document.
  std::size_t batch_size = 20;
  // A run is killed when it has finished no document for this long.
  std::chrono::seconds timeout_per_document{180};
  // Profiles and intermediate outputs. Empty: a fresh folder under the system temp folder,
  // removed afterwards. A given folder is kept, so its profiles make the next run start warm;
  // use it for one convert_to_pdf call at a time.
  std::filesystem::path scratch;
};

// Converts every job; a document that fails or times out is reported in its result (with the
// error of its own run alone) and the others go on. Calls on_done(done, total) after each
// document, from worker threads but never two at once, so the caller can draw a progress bar;
// an exception from on_done stops the workers after their current batch and is rethrown. Throws
// PdfError "soffice_missing" before converting anything when LibreOffice cannot be found.
std::vector<ConversionResult> convert_to_pdf(
    std::span<const ConversionJob> jobs, const ConverterOptions& options,
    const std::function<void(std::size_t, std::size_t)>& on_done = {});

// The soffice to run: `configured` when it names an executable file (a bare name is looked up
// on PATH), else the search above when it is empty. Throws PdfError "soffice_missing" saying
// to install libreoffice-writer-nogui or set the path.
std::filesystem::path find_soffice(const std::filesystem::path& configured);

}  // namespace panelpack::pdf
