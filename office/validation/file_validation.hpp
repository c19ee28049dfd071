#pragma once
// One office file (a case, bookings, decision, agenda or office.json) checked against its
// schema, and an office.json also against the rules every command applies to it
// (office/sitting/office_checks.hpp): every problem, typed, for any front end to show.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/error.hpp"

namespace panelpack::office {

// One problem in one file.
struct FileProblem {
  int line = 0;
  int column = 0;  // only for JSON that could not be read
  std::string pointer;
  std::string code;     // the schema keyword, or malformed_json / unreadable / unknown_schema
  std::string message;  // quotes the file's own values: show it to the file's owner only
  std::string expected;
  std::string suggestion;
};

struct FileValidation {
  std::string file;    // as shown to the person ("stdin" for "-")
  std::string schema;  // the kind validated against; empty when it never got that far
  std::vector<FileProblem> problems;
  // What kind of failure the problems are (bad_input, or machine_failure for a file that could
  // not be read); none when the file is valid.
  std::optional<OfficeError::Code> failure;

  bool valid() const { return problems.empty(); }
};

// Checks the file at `path` ("-" for stdin) against the schema of `kind`, or of the kind its
// top-level keys suggest when none is given. Problems are values; throws OfficeError only for
// a `kind` no schema has (bad_argument).
FileValidation validate_office_file(const std::string& path,
                                    const std::optional<std::string>& kind);

// The office.json `text` that would be at `office_json` (its templates resolve against that
// folder), checked exactly as validate_office_file checks a file there: the office schema, then
// the office checks. For a change to be checked before it is written.
FileValidation validate_office_text(const std::string& text,
                                    const std::filesystem::path& office_json);

}  // namespace panelpack::office
