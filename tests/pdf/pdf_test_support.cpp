#include "pdf_test_support.hpp"

#include <fstream>
#include <stdexcept>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "templating/atomic_file.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::pdf::testing {
namespace {

namespace fs = std::filesystem;
using Object = QPDFObjectHandle;
using templating::ZipWriter;

std::string xml_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// A PDF literal string's content: backslash, and both parentheses, escaped.
std::string pdf_string_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '(' || c == ')' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n\f");
  if (first == std::string::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n\f");
  return text.substr(first, last - first + 1);
}

}  // namespace

void write_text_pdf(const fs::path& path, const std::vector<std::string>& page_texts) {
  QPDF pdf;
  pdf.emptyPDF();
  Object font =
      pdf.makeIndirectObject(Object::parse("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                           "/Encoding /WinAnsiEncoding >>"));
  QPDFPageDocumentHelper pages(pdf);
  for (const std::string& text : page_texts) {
    Object page =
        pdf.makeIndirectObject(Object::parse("<< /Type /Page /MediaBox [0 0 612 792] >>"));
    Object fonts = Object::newDictionary();
    fonts.replaceKey("/F1", font);
    Object resources = Object::newDictionary();
    resources.replaceKey("/Font", fonts);
    page.replaceKey("/Resources", resources);
    page.replaceKey("/Contents", pdf.newStream("BT /F1 24 Tf 72 700 Td (" +
                                               pdf_string_escape(text) + ") Tj ET\n"));
    pages.addPage(QPDFPageObjectHelper(page), false);
  }
  QPDFWriter writer(pdf, path.c_str());
  writer.write();
}

std::string pdftotext_page(const fs::path& pdf, int page) {
  const std::string number = std::to_string(page);
  const ProgramOutput output =
      run_program({"pdftotext", "-q", "-f", number, "-l", number, pdf.string(), "-"});
  if (output.exit_status != 0) {
    throw std::runtime_error("pdftotext failed on " + pdf.string() + " page " + number);
  }
  return trim(output.out);
}

void write_docx(const fs::path& path, const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const std::string& text : paragraphs) {
    body += "<w:p><w:r><w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r></w:p>";
  }
  ZipWriter zip;
  zip.add("[Content_Types].xml",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
          R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
          R"(<Default Extension="rels" )"
          R"(ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
          R"(<Default Extension="xml" ContentType="application/xml"/>)"
          R"(<Override PartName="/word/document.xml" ContentType="application/)"
          R"(vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)");
  zip.add("_rels/.rels",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
          R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
          R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/)"
          R"(2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)");
  zip.add("word/document.xml",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
          R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
          "<w:body>" +
              body + "</w:body></w:document>");
  templating::write_file_atomically(path, zip.finish());
}

void write_odt(const fs::path& path, const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const std::string& text : paragraphs) body += "<text:p>" + xml_escape(text) + "</text:p>";
  ZipWriter zip;
  zip.add("mimetype", "application/vnd.oasis.opendocument.text", ZipWriter::Compression::store);
  zip.add(
      "META-INF/manifest.xml",
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")"
      R"( manifest:version="1.2">)"
      R"(<manifest:file-entry manifest:full-path="/" manifest:version="1.2" )"
      R"(manifest:media-type="application/vnd.oasis.opendocument.text"/>)"
      R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
      R"(</manifest:manifest>)");
  zip.add("content.xml",
          R"(<?xml version="1.0" encoding="UTF-8"?>)"
          R"(<office:document-content )"
          R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
          R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">)"
          "<office:body><office:text>" +
              body + "</office:text></office:body></office:document-content>");
  templating::write_file_atomically(path, zip.finish());
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace panelpack::pdf::testing
