#pragma once
// Reading inputs and writing outputs with the exit codes the command promises.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace panelpack::office {

// The name used for standard input in messages.
inline constexpr std::string_view stdin_name = "<stdin>";

// Reads a whole input file, or standard input for "-". A missing file, a directory and
// anything else that is not a regular file (a FIFO would block for ever, /dev/zero never
// ends) are bad input; any other failure to read is a machine failure. Throws OfficeError.
std::string read_input(const std::string& path);

// The largest template file read: a DOCX or ODT form is a few megabytes, images included.
inline constexpr std::uintmax_t max_template_bytes = 100ULL << 20;

// read_input for a template: also refused (bad input), before any byte is read, when it is
// larger than max_template_bytes. Standard input is not a template.
std::string read_template_input(const std::string& path);

// The name an input has in messages: the path as given, or "<stdin>".
std::string display_name(const std::string& path);

// Creates the parent directories, then writes atomically. Throws OfficeError
// (machine_failure) naming the path.
void write_output(const std::filesystem::path& path, std::string_view bytes);

// Refuses (bad input) an output path that is the template or the data file itself.
void refuse_overwriting_input(const std::filesystem::path& output,
                              const std::filesystem::path& input, const std::string& what);

}  // namespace panelpack::office
