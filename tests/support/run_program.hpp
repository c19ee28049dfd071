#pragma once
// Running a program from a test without a shell, and reading what it printed.

#include <string>
#include <vector>

namespace panelpack::testing {

// How a program ended (-1 when it could not be run or did not exit normally) and what it
// printed.
struct ProgramOutput {
  int exit_status = -1;
  std::string out;
};

struct RunOptions {
  // "NAME=value" entries added to this process's environment.
  std::vector<std::string> environment = {};
  // Whether stderr goes into `out` with stdout; otherwise it is discarded (a tool's warnings
  // would spoil text a test compares).
  bool capture_stderr = false;
};

// Runs argv[0] (looked up on PATH) with stdin from /dev/null.
ProgramOutput run_program(const std::vector<std::string>& argv, const RunOptions& options = {});

// The full path of a program on PATH, or "" when it is not there.
std::string find_on_path(const std::string& program);

}  // namespace panelpack::testing
