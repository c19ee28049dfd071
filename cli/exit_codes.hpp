#pragma once
// The exit codes of `panelpack`, so that scripts and cron can tell bad input from a broken machine.

#include <stdexcept>
#include <string>

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

// A command cannot go on; main prints `what()` and exits with `code()`.
class CommandFailure : public std::runtime_error {
 public:
  CommandFailure(ExitCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// The command line is wrong: main adds a pointer to the command's help.
class UsageError : public CommandFailure {
 public:
  explicit UsageError(const std::string& message) : CommandFailure(ExitCode::usage, message) {}
};

}  // namespace panelpack::cli
