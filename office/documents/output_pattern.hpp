#pragma once
// Output file names made from a Mustache pattern over a record, e.g. 'out/{{case_ref}}.docx'.

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace panelpack::office {

// A value made safe as one file-name component: no '/', '\\', NUL or control characters,
// none of Windows' reserved `: * ? " < > |` (outputs land on shared drives), no leading '.',
// no surrounding spaces, no trailing '.', at most 120 bytes; empty becomes "_".
std::string file_name_component(std::string_view value);

// No path could be made for a record (empty name, or one outside the pattern's directory).
class OutputNameError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputPattern {
 public:
  // Throws OfficeError (bad_argument: the caller's pattern is wrong) when the pattern is empty,
  // not valid Mustache, or uses unescaped output (`{{{x}}}`, `{{&x}}`) or set-delimiters.
  explicit OutputPattern(const std::string& pattern);
  ~OutputPattern();
  OutputPattern(OutputPattern&&) noexcept;
  OutputPattern& operator=(OutputPattern&&) noexcept;
  OutputPattern(const OutputPattern&) = delete;
  OutputPattern& operator=(const OutputPattern&) = delete;

  // The output path for one record. Not thread-safe (the Mustache renderer keeps state).
  std::filesystem::path path_for(const nlohmann::json& record);

  // The directory the pattern's fixed text names: every output lands inside it.
  const std::filesystem::path& base_directory() const { return base_directory_; }

 private:
  struct Renderer;
  std::unique_ptr<Renderer> renderer_;
  std::string pattern_;
  std::filesystem::path base_directory_;
};

}  // namespace panelpack::office
