// The part of the PDF library that uses qpdf, built as a module (libpanelpack_qpdf.so) that
// pdf_merge.cpp loads on first use: qpdf and the libraries it pulls in (GnuTLS, p11-kit, ...)
// cost every panelpack command ~7 ms of dynamic linking at start-up, and most never merge a PDF.
#include "pdf/qpdf_module.hpp"
#include "pdf/pdf_merge.hpp"

#include <cstdio>
#include <limits>
#include <memory>
#include <set>
#include <utility>

#include <qpdf/PDFVersion.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFOutlineObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "pdf/pdf_error.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::pdf {
namespace {

namespace fs = std::filesystem;
using Object = QPDFObjectHandle;

// Opens a PDF for reading; qpdf repairs what it can quietly, and what it cannot is not_a_pdf.
std::unique_ptr<QPDF> open_pdf(const fs::path& path, const std::string& password = "") {
  auto pdf = std::make_unique<QPDF>();
  pdf->setSuppressWarnings(true);
  try {
    pdf->processFile(path.c_str(), password.empty() ? nullptr : password.c_str());
  } catch (const std::exception& error) {
    throw PdfError("not_a_pdf", path.string(),
                   std::string("the file cannot be read as a PDF (qpdf: ") + error.what() + ")");
  }
  return pdf;
}

// An outline item pointing at the whole of `page`; made indirect, as /First, /Next... need.
Object make_outline_item(QPDF& out, const std::string& title, const Object& parent,
                         const Object& page) {
  Object item = out.makeIndirectObject(Object::newDictionary());
  item.replaceKey("/Title", Object::newUnicodeString(title));
  item.replaceKey("/Parent", parent);
  item.replaceKey("/Dest", Object::newArray({page, Object::newName("/Fit")}));
  return item;
}

// Links `kids` under `parent` (/First, /Last, /Prev, /Next) and sets the parent's /Count: all
// items are open, so it counts every visible descendant.
void link_children(Object& parent, std::vector<Object>& kids, int visible_descendants) {
  if (kids.empty()) return;
  parent.replaceKey("/First", kids.front());
  parent.replaceKey("/Last", kids.back());
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (i > 0) kids[i].replaceKey("/Prev", kids[i - 1]);
    if (i + 1 < kids.size()) kids[i].replaceKey("/Next", kids[i + 1]);
  }
  parent.replaceKey("/Count", Object::newInteger(visible_descendants));
}

[[noreturn]] void throw_write_failed(const fs::path& output, const std::string& what) {
  throw PdfError("write_failed", output.string(), "the merged PDF cannot be written: " + what);
}

// Writes `out` to a temporary file beside `output`, flushed to disk, then renames it over
// `output`. The writer reads the source files as it goes: an error it meets in one of
// `inputs` is that input's not_a_pdf, any other is write_failed.
void write_atomically(QPDF& out, const fs::path& output, const PDFVersion& minimum_version,
                      const std::set<std::string>& inputs, const std::string& password) {
  try {
    templating::write_file_atomically(output, [&](std::FILE* file) {
      QPDFWriter writer(out);
      writer.setOutputFile(output.c_str(), file, false);
      if (password.empty()) {
        // The same inputs give the same bytes (the /ID is a hash of the content, not the clock).
        writer.setDeterministicID(true);
      } else {
        // AES-256 (R6) with the same password for user and owner: nobody opens it without
        // the password, and whoever has it may print and copy. qpdf refuses a deterministic
        // /ID with encryption, so an encrypted PDF differs from run to run.
        writer.setR6EncryptionParameters(password.c_str(), password.c_str(), true, true, true, true,
                                         true, true, qpdf_r3p_full, true);
      }
      writer.setMinimumPDFVersion(minimum_version);
      writer.write();
    });
  } catch (const QPDFExc& error) {
    if (inputs.contains(error.getFilename())) {
      throw PdfError("not_a_pdf", error.getFilename(),
                     std::string("the file cannot be read as a PDF (qpdf: ") + error.what() + ")");
    }
    throw_write_failed(output, error.what());
  } catch (const std::exception& error) {
    throw_write_failed(output, error.what());
  }
}

int checked_page_count(std::size_t count, const fs::path& path) {
  if (count > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw PdfError("not_a_pdf", path.string(), "the PDF claims more pages than can be counted");
  }
  return static_cast<int>(count);
}

void merge_with_qpdf(std::span<const OutlineSection> sections, const fs::path& output,
                     const MergeOptions& options) {
  if (sections.empty()) {
    throw PdfError("merge_failed", output.string(), "there is nothing to merge: no sections");
  }
  QPDF out;
  out.emptyPDF();
  QPDFPageDocumentHelper out_pages(out);
  // qpdf copies pages lazily: their stream data is read from these when the output is written.
  std::vector<std::unique_ptr<QPDF>> sources;
  std::set<std::string> input_names;
  PDFVersion minimum_version(1, 4);  // /DisplayDocTitle is PDF 1.4; inputs may raise it
  // first_pages[s][d]: the output page where document d of section s starts.
  std::vector<std::vector<Object>> first_pages(sections.size());

  for (std::size_t s = 0; s < sections.size(); ++s) {
    if (sections[s].documents.empty()) {
      throw PdfError("merge_failed", "section " + std::to_string(s + 1),
                     "the section has no documents, so its bookmark would point nowhere");
    }
    for (const OutlineDocument& document : sections[s].documents) {
      std::unique_ptr<QPDF>& source = sources.emplace_back(open_pdf(document.pdf));
      input_names.insert(document.pdf.string());
      minimum_version.updateIfGreater(source->getVersionAsPDFVersion());
      const std::size_t first = out.getAllPages().size();
      try {
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(*source).getAllPages();
        if (pages.empty()) {
          throw PdfError("merge_failed", document.pdf.string(),
                         "the PDF has no pages, so its bookmark would point nowhere");
        }
        for (QPDFPageObjectHelper& page : pages) out_pages.addPage(page, false);
      } catch (const PdfError&) {
        throw;
      } catch (const std::exception& error) {
        throw PdfError(
            "merge_failed", document.pdf.string(),
            std::string("the PDF's pages cannot be copied (qpdf: ") + error.what() + ")");
      }
      first_pages[s].push_back(out.getAllPages().at(first));
    }
  }

  Object outlines = out.makeIndirectObject(Object::newDictionary());
  outlines.replaceKey("/Type", Object::newName("/Outlines"));
  std::vector<Object> section_items;
  int visible = 0;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    const OutlineSection& section = sections[s];
    Object item = make_outline_item(out, section.title, outlines, first_pages[s].front());
    ++visible;
    if (section.documents.size() > 1) {
      std::vector<Object> document_items;
      for (std::size_t d = 0; d < section.documents.size(); ++d) {
        document_items.push_back(
            make_outline_item(out, section.documents[d].title, item, first_pages[s][d]));
      }
      const int children = static_cast<int>(document_items.size());
      link_children(item, document_items, children);
      visible += children;
    }
    section_items.push_back(item);
  }
  link_children(outlines, section_items, visible);

  Object root = out.getRoot();
  root.replaceKey("/Outlines", outlines);
  root.replaceKey("/PageMode", Object::newName("/UseOutlines"));
  if (!options.document_title.empty()) {
    Object info = out.makeIndirectObject(Object::newDictionary());
    info.replaceKey("/Title", Object::newUnicodeString(options.document_title));
    out.getTrailer().replaceKey("/Info", info);
    // Viewers show the title, not the file name, in their title bar.
    Object preferences = Object::newDictionary();
    preferences.replaceKey("/DisplayDocTitle", Object::newBool(true));
    root.replaceKey("/ViewerPreferences", preferences);
  }

  write_atomically(out, output, minimum_version, input_names, options.password);
}

std::vector<OutlineEntry> read_outline_with_qpdf(const fs::path& pdf) {
  std::unique_ptr<QPDF> document = open_pdf(pdf);
  std::vector<OutlineEntry> entries;
  try {
    QPDFOutlineDocumentHelper outlines(*document);
    // Depth first; qpdf's helper already refuses loops in the outline tree.
    auto visit = [&](auto& self, std::vector<QPDFOutlineObjectHelper> items, int level) -> void {
      for (QPDFOutlineObjectHelper& item : items) {
        OutlineEntry entry;
        entry.title = item.getTitle();
        entry.level = level;
        entry.page = -1;
        Object page = item.getDestPage();
        if (page.isDictionary()) {
          try {
            entry.page = document->findPage(page);
          } catch (const std::exception&) {
            entry.page = -1;  // a destination that is not a page of this file
          }
        }
        entries.push_back(std::move(entry));
        self(self, item.getKids(), level + 1);
      }
    };
    visit(visit, outlines.getTopLevelOutlines(), 0);
  } catch (const std::exception& error) {
    throw PdfError("not_a_pdf", pdf.string(),
                   std::string("the PDF's bookmarks cannot be read (qpdf: ") + error.what() + ")");
  }
  return entries;
}

int page_count_with_qpdf(const fs::path& pdf, const std::string& password) {
  std::unique_ptr<QPDF> document = open_pdf(pdf, password);
  try {
    return checked_page_count(document->getAllPages().size(), pdf);
  } catch (const PdfError&) {
    throw;
  } catch (const std::exception& error) {
    throw PdfError("not_a_pdf", pdf.string(),
                   std::string("the PDF's pages cannot be counted (qpdf: ") + error.what() + ")");
  }
}

bool is_encrypted_with_qpdf(const fs::path& pdf) {
  QPDF document;
  document.setSuppressWarnings(true);
  try {
    document.processFile(pdf.c_str());
  } catch (const QPDFExc& error) {
    if (error.getErrorCode() == qpdf_e_password) return true;
    throw PdfError("not_a_pdf", pdf.string(),
                   std::string("the file cannot be read as a PDF (qpdf: ") + error.what() + ")");
  } catch (const std::exception& error) {
    throw PdfError("not_a_pdf", pdf.string(),
                   std::string("the file cannot be read as a PDF (qpdf: ") + error.what() + ")");
  }
  return document.isEncrypted();
}

}  // namespace

}  // namespace panelpack::pdf

extern "C" const panelpack::pdf::QpdfFunctions* panelpack_qpdf_functions() {
  static constexpr panelpack::pdf::QpdfFunctions functions{
      panelpack::pdf::merge_with_qpdf, panelpack::pdf::read_outline_with_qpdf,
      panelpack::pdf::page_count_with_qpdf, panelpack::pdf::is_encrypted_with_qpdf};
  return &functions;
}
