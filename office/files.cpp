#include "office/files.hpp"

#include <array>
#include <cstdio>
#include <system_error>

#include "office/error.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::office {
namespace fs = std::filesystem;

std::string display_name(const std::string& path) {
  return path == "-" ? std::string(stdin_name) : path;
}

namespace {

// A regular file's size, after refusing (bad input) a path that is missing or not a regular
// file; symbolic links are followed.
std::uintmax_t regular_file_size(const std::string& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) {
    throw OfficeError(OfficeError::Code::bad_input, path + ": no such file");
  }
  if (status.type() == fs::file_type::directory) {
    throw OfficeError(OfficeError::Code::bad_input, path + ": is a directory, not a file");
  }
  if (error) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "cannot read " + path + ": " + error.message());
  }
  if (status.type() != fs::file_type::regular) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path +
                          ": is not a regular file (a pipe, a device or a socket); give a "
                          "file, or - for standard input where data is read");
  }
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "cannot read " + path + ": " + error.message());
  }
  return size;
}

std::string read_regular_file(const std::string& path) {
  try {
    return templating::read_file(path);
  } catch (const std::system_error& failure) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "cannot read " + path + ": " + failure.code().message());
  }
}

}  // namespace

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::string bytes;
    std::array<char, 65536> block{};
    std::size_t count = 0;
    while ((count = std::fread(block.data(), 1, block.size(), stdin)) > 0) {
      bytes.append(block.data(), count);
    }
    if (std::ferror(stdin) != 0) {
      throw OfficeError(OfficeError::Code::machine_failure, "cannot read standard input");
    }
    return bytes;
  }
  regular_file_size(path);
  return read_regular_file(path);
}

std::string read_template_input(const std::string& path) {
  const std::uintmax_t size = regular_file_size(path);
  if (size > max_template_bytes) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path + ": is " + std::to_string(size >> 20) + " MB, larger than the " +
                          std::to_string(max_template_bytes >> 20) +
                          " MB a template may be; a form is a few MB: save it again from "
                          "Word or LibreOffice, with smaller images");
  }
  return read_regular_file(path);
}

void write_output(const fs::path& path, std::string_view bytes) {
  try {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    templating::write_file_atomically(path, bytes);
  } catch (const std::system_error& failure) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "cannot write " + path.string() + ": " + failure.code().message());
  }
}

void refuse_overwriting_input(const fs::path& output, const fs::path& input,
                              const std::string& what) {
  std::error_code error;
  if (fs::equivalent(output, input, error)) {
    throw OfficeError(OfficeError::Code::bad_input, "the output " + output.string() + " is the " +
                                                        what + " itself; choose another name");
  }
}

}  // namespace panelpack::office
