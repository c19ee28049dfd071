#pragma once
// Writing files so that a crash leaves the old content or the new, never half.

#include <filesystem>
#include <string_view>

namespace panelpack::templating {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
// `path`. On any failure the temporary file is removed and std::system_error is thrown
// naming the path; `path` is untouched.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Reads a whole file; throws std::system_error naming the path.
std::string read_file(const std::filesystem::path& path);

}  // namespace panelpack::templating
