#pragma once
// The exit codes of `panelpack`, so that scripts and cron can tell bad input from a broken machine,
// and the one place the office's errors become exit codes.

#include <filesystem>
#include <stdexcept>
#include <string>

#include "office/error.hpp"
#include "uses_office.hpp"

namespace panelpack::cli {

enum class ExitCode : int {
  success = 0,
  bad_input = 1,        // the template or the data has errors; fix the files and run again
  usage = 2,            // the command line itself is wrong
  machine_failure = 3,  // a file could not be read or written, memory ran out, a bug
  busy = 4,             // another run holds the lock (packing the same sitting); try again later
};

inline int to_int(ExitCode code) {
  return static_cast<int>(code);
}

// THE mapping of the office's error codes to exit codes.
constexpr ExitCode exit_code_for(office::OfficeError::Code code) {
  switch (code) {
    case office::OfficeError::Code::bad_input:
      return ExitCode::bad_input;
    case office::OfficeError::Code::bad_argument:
      return ExitCode::usage;
    case office::OfficeError::Code::busy:
      return ExitCode::busy;
    case office::OfficeError::Code::machine_failure:
      break;
  }
  return ExitCode::machine_failure;
}

inline ExitCode exit_code_of(const office::OfficeError& error) {
  return exit_code_for(error.code());
}

// The office's code for an exit code the command line chose itself.
constexpr office::OfficeError::Code office_code_for(ExitCode code) {
  switch (code) {
    case ExitCode::bad_input:
      return office::OfficeError::Code::bad_input;
    case ExitCode::usage:
      return office::OfficeError::Code::bad_argument;
    case ExitCode::busy:
      return office::OfficeError::Code::busy;
    case ExitCode::success:
    case ExitCode::machine_failure:
      break;
  }
  return office::OfficeError::Code::machine_failure;
}

// A command cannot go on; main prints `what()` and exits with `code()`. It is an OfficeError so
// that one catch handles what the command line and the office throw alike.
class CommandFailure : public office::OfficeError {
 public:
  CommandFailure(ExitCode code, const std::string& message)
      : office::OfficeError(office_code_for(code), message) {}
  // Hides OfficeError::code(): the exit code this failure was raised with.
  ExitCode code() const noexcept { return exit_code_of(*this); }
};

// The command line is wrong: main adds a pointer to the command's help.
class UsageError : public CommandFailure {
 public:
  explicit UsageError(const std::string& message) : CommandFailure(ExitCode::usage, message) {}
};

// Another run holds the lock file `lock` (busy): the message for the person who started this one.
inline CommandFailure busy_failure(const std::filesystem::path& lock) {
  return CommandFailure(
      ExitCode::busy, "another panelpack run holds " + lock.string() + "; try again when it ends");
}

}  // namespace panelpack::cli
