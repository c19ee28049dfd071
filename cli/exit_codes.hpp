#pragma once
// The exit codes of `panelpack`, so that scripts and cron can tell bad input from a broken machine,
// and the one place the office's errors become exit codes.

#include <filesystem>
#include <stdexcept>
#include <string>

#include "office/error.hpp"
#include "office/sitting/booking.hpp"
#include "office/sitting/paper_chaser.hpp"

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

// A booking the office refused: refusals the command line itself caused (a value that is not
// one) are usage errors; the others are about the office's files.
constexpr ExitCode exit_code_for(office::BookingRefusal refusal) {
  return refusal == office::BookingRefusal::not_a_paper_type ||
                 refusal == office::BookingRefusal::no_referral_reason
             ? ExitCode::usage
             : ExitCode::bad_input;
}

// A chaser the office refused: a paper type that is not one is the command line's fault; the
// others (received already, not booked, no address, chased today) are about the office.
constexpr ExitCode exit_code_for(office::ChaserRefusal refusal) {
  return refusal == office::ChaserRefusal::not_a_paper_type ? ExitCode::usage : ExitCode::bad_input;
}

// A command cannot go on for a reason of the command line's own (a word it cannot read, an
// option without its value); main prints `what()` and exits with `code()`. What the office
// refuses arrives as an office::OfficeError instead, mapped by exit_code_of.
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

// Another run holds the lock file `lock` (busy): the office's message for the person who started
// this one, with exit code 4.
inline CommandFailure busy_failure(const std::filesystem::path& lock) {
  return CommandFailure(ExitCode::busy, office::busy_error(lock.string()).what());
}

}  // namespace panelpack::cli
