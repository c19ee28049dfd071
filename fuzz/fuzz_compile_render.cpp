// libFuzzer: the input is a whole package (zip bytes); compile it, render it with fixed data.
// PackageError, TemplateError and RenderError are the engine's answers to bad input; any other
// exception, a crash or a sanitizer report is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  panelpack::fuzz::compile_and_render(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
