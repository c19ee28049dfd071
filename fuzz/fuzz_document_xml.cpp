// libFuzzer: the input is word/document.xml, wrapped into a minimal DOCX, so that the fuzzer
// spends its time in the XML walk, the tag lexer and the structural rules instead of in unzip.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "templating/zip_archive.hpp"

namespace {

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace tpl = panelpack::templating;
  std::string package;
  {
    // Stored, not deflated: the fuzzer's time goes to the engine, not to zlib.
    tpl::ZipWriter writer;
    writer.add("[Content_Types].xml", kContentTypes, tpl::ZipWriter::Compression::store);
    writer.add("_rels/.rels", kPackageRels, tpl::ZipWriter::Compression::store);
    writer.add("word/document.xml", std::string(reinterpret_cast<const char*>(data), size),
               tpl::ZipWriter::Compression::store);
    package = writer.finish();
  }
  panelpack::fuzz::compile_and_render(std::move(package));
  return 0;
}
