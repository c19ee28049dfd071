#pragma once
// The smallest DOCX Word opens: content types, the package relationship and the document part
// given, for engine tests, the render benchmark and the document fuzzer that write their own
// word/document.xml.
#include <string>

#include "templating/zip_archive.hpp"

namespace panelpack::test_support {

// `compression` store: the fuzzer's time goes to the engine, not to zlib.
inline std::string minimal_docx(
    const std::string& document_xml,
    templating::ZipWriter::Compression compression = templating::ZipWriter::Compression::deflate) {
  static constexpr const char* kContentTypes =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
      R"(</Types>)";
  static constexpr const char* kPackageRels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
      R"(</Relationships>)";
  templating::ZipWriter writer;
  writer.add("[Content_Types].xml", kContentTypes, compression);
  writer.add("_rels/.rels", kPackageRels, compression);
  writer.add("word/document.xml", document_xml, compression);
  return writer.finish();
}

}  // namespace panelpack::test_support
