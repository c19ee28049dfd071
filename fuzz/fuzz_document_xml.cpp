// libFuzzer: the input is word/document.xml, wrapped into a minimal DOCX, so that the fuzzer
// spends its time in the XML walk, the tag lexer and the structural rules instead of in unzip.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "support/minimal_docx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string package =
      panelpack::test_support::minimal_docx(std::string(reinterpret_cast<const char*>(data), size),
                                            panelpack::templating::ZipWriter::Compression::store);
  panelpack::fuzz::compile_and_render(std::move(package));
  return 0;
}
