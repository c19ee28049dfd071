#pragma once
// The one error the office throws: what kind of problem it is, a message a person can act on,
// and where it happened. Front ends decide what a kind means to them (cli/ maps it to an exit
// code in one place); the office never knows about exit codes.

#include <stdexcept>
#include <string>
#include <utility>

namespace panelpack::office {

class OfficeError : public std::runtime_error {
 public:
  enum class Code {
    bad_input,        // a file or value of the office is wrong: fix it and try again
    bad_argument,     // the caller named something that does not exist (a schema, a kind)
    machine_failure,  // a file could not be read or written, a program failed, a bug
    busy,             // another run holds the work; try again later (cli/ only, until it is a
                      // result everywhere: the office itself reports busy as a result)
  };

  // Where the problem is, when it is known: the file, and the JSON pointer or office.json key.
  struct Where {
    std::string file;
    std::string pointer;
  };

  OfficeError(Code code, const std::string& message, Where where = {})
      : std::runtime_error(message), code_(code), where_(std::move(where)) {}

  Code code() const noexcept { return code_; }
  const Where& where() const noexcept { return where_; }

 private:
  Code code_;
  Where where_;
};

// Another run holds the lock file `lock`: the message for the person who started this one.
inline OfficeError busy_error(const std::string& lock) {
  return OfficeError(OfficeError::Code::busy,
                     "another panelpack run holds " + lock + "; try again when it ends");
}

}  // namespace panelpack::office
