#pragma once
// Passwords read where they are kept, never from the command line or office.json: the first
// line of a file, or an environment variable.

#include <cstddef>
#include <string>

#include "office/machine.hpp"

namespace panelpack::office {

// A zip password shorter than this is refused: AES is only as strong as what protects it.
inline constexpr std::size_t kMinimumZipPasswordLength = 10;

// The first line of `file` (editors add a newline). Throws OfficeError (bad_input) when
// the file is missing, saying it should hold `what` ("the pack password (at least 10
// characters)") and how to make it; machine_failure when it cannot be read.
std::string secret_from_file(const std::string& file, const std::string& what = "the password");

// The value of the environment variable. Throws OfficeError (bad_input) naming `what` (the
// option or setting that named the variable) when it is not set.
std::string secret_from_environment(const Machine& machine, const std::string& variable,
                                    const std::string& what);

// Throws OfficeError (bad_input) naming `source` when the password is too short for a zip.
void check_zip_password(const std::string& password, const std::string& source);

}  // namespace panelpack::office
